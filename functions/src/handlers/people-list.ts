import { IdParams, ListPeopleQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/people';

export const handler = route(
  { name: 'listPeople', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, query: ListPeopleQuery },
  async ({ auth, params, query }) => {
    const page = await services.people.list(auth, params.id, query);
    await accessTrail.record(auth, 'people_list', { schoolId: params.id });
    return page;
  },
);
