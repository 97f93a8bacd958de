import { RefreshRequest } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'authRefresh', access: 'public', body: RefreshRequest }, ({ body }) =>
  services.auth.refresh(body.refreshToken),
);
