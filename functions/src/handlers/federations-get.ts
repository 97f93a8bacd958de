import { IdParams } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'getFederation', access: 'authenticated', params: IdParams }, ({ params }) =>
  services.federations.getWithSchools(params.id),
);
