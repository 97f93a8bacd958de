import { IdParams } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'getMyRegistration', access: ['parent'], params: IdParams }, ({ auth, params }) =>
  services.registrations.mine(auth, params.id),
);
