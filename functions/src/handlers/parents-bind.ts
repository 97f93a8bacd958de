import { BindChildRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';

export const handler = route({ name: 'bindParent', access: 'authenticated', body: BindChildRequest }, ({ auth, body }) =>
  services.family.bind(auth, body),
);
