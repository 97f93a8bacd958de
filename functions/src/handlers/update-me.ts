import { UpdateMeRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/auth';

export const handler = route({ name: 'updateMe', access: 'authenticated', body: UpdateMeRequest }, ({ auth, body }) =>
  services.auth.updateName(auth, body.name),
);
