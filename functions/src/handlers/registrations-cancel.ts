import { IdParams } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'cancelRegistration', access: ['parent'], params: IdParams }, ({ auth, params }) =>
  services.registrations.cancel(auth, params.id),
);
