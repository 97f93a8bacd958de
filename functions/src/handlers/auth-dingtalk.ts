import { DingtalkLoginRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/auth';

export const handler = route({ name: 'authDingtalk', access: 'public', body: DingtalkLoginRequest }, ({ body }) =>
  services.auth.loginWithDingtalk(body.authCode),
);
