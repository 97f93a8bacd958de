import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';

export const handler = route({ name: 'getMyRegistration', access: ['parent'], params: IdParams }, ({ auth, params }) =>
  services.registrations.mine(auth, params.id),
);
