import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';
import { MANAGERS } from '#lib/access';

export const handler = route({ name: 'listRegistrations', access: MANAGERS, params: IdParams }, ({ auth, params }) =>
  services.registrations.roster(auth, params.id),
);
