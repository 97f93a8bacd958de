import { IdParams, ListPeopleQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/people';

export const handler = route(
  { name: 'listPeople', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, query: ListPeopleQuery },
  ({ auth, params, query }) => services.people.list(auth, params.id, query),
);
