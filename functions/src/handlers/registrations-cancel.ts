import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';

export const handler = route({ name: 'cancelRegistration', access: ['parent'], params: IdParams }, ({ auth, params }) =>
  services.registrations.cancel(auth, params.id),
);
