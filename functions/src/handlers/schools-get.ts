import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/organization';

export const handler = route({ name: 'getSchool', access: 'authenticated', params: IdParams }, ({ auth, params }) =>
  services.organization.getSchool(auth, params.id),
);
