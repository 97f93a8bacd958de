import { DingtalkLoginRequest } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'authDingtalk', access: 'public', body: DingtalkLoginRequest }, ({ body }) =>
  services.auth.loginWithDingtalk(body.authCode),
);
