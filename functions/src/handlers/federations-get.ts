import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/federations';

export const handler = route({ name: 'getFederation', access: 'authenticated', params: IdParams }, ({ auth, params }) =>
  services.federations.getForUser(auth, params.id),
);
