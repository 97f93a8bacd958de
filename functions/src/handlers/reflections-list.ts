import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { MANAGERS } from '#lib/access';

export const handler = route({ name: 'listReflections', access: MANAGERS, params: IdParams }, ({ auth, params }) =>
  services.records.list(auth, params.id),
);
