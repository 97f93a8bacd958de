import { ConsentRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/auth';
import { Reply } from '#lib/http';

/** POST /v1/me/consents: agreement to 隐私政策 + 用户协议 of a version (201 first time, 200 again). */
export const handler = route({ name: 'recordConsent', access: 'authenticated', body: ConsentRequest }, async ({ auth, body }) => {
  const result = await services.auth.recordConsent(auth, body.version);
  return new Reply(result.created ? 201 : 200, result.body);
});
