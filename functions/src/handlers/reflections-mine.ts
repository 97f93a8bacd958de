import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { ATTENDEES } from '#lib/access';

export const handler = route({ name: 'getMyReflection', access: ATTENDEES, params: IdParams }, ({ auth, params }) =>
  services.records.getMine(auth, params.id),
);
