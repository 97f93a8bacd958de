import { BindChildRequest } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'bindParent', access: 'authenticated', body: BindChildRequest }, ({ auth, body }) =>
  services.family.bind(auth, body),
);
