import { DevLoginRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/auth';

export const handler = route({ name: 'authDev', access: 'public', body: DevLoginRequest }, ({ body }) =>
  services.auth.loginWithDevAccount(body.account, body.create),
);
