import { RefreshRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/auth';

export const handler = route({ name: 'authRefresh', access: 'public', body: RefreshRequest }, ({ body }) =>
  services.auth.refresh(body.refreshToken),
);
