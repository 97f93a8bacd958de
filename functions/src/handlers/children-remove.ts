import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';

/** DELETE /v1/me/children/{id}: a parent removes a child; fresh tokens without it. */
export const handler = route({ name: 'removeChild', access: 'authenticated', params: IdParams }, ({ auth, params }) =>
  services.family.removeChild(auth, params.id),
);
