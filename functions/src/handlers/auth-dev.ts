import { DevLoginRequest } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'authDev', access: 'public', body: DevLoginRequest }, ({ body }) =>
  services.auth.loginWithDevAccount(body.account),
);
