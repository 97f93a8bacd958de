import { IdParams } from '@lianyan/shared';
import { requestOrigin } from '#lib/http';
import { route } from '#app';
import { services } from '#app/mentor-pairs';

export const handler = route({ name: 'getMentorPair', access: 'authenticated', params: IdParams }, ({ auth, params, event }) =>
  services.mentorPairs.get(auth, params.id, requestOrigin(event)),
);
