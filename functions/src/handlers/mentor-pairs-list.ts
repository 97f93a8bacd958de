import { IdParams, ListMentorPairsQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/mentor-pairs';

export const handler = route(
  { name: 'listMentorPairs', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, query: ListMentorPairsQuery },
  ({ auth, params, query }) => services.mentorPairs.list(auth, params.id, query),
);
