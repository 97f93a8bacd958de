import { UpdateMeRequest } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'updateMe', access: 'authenticated', body: UpdateMeRequest }, ({ auth, body }) =>
  services.auth.updateName(auth, body.name),
);
