import { DeletionRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/privacy';
import { Reply } from '#lib/http';

/** POST /v1/me/deletion `{ confirm: "注销" }`: erased after 15 days unless the person logs in (201 first, 200 again). */
export const handler = route({ name: 'requestDeletion', access: 'authenticated', body: DeletionRequest }, async ({ auth, body }) => {
  const result = await services.deletion.request(auth, body);
  return new Reply(result.created ? 201 : 200, result.body);
});
