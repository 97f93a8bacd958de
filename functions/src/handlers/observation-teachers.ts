import { IdParams, ObservableTeachersQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';

export const handler = route(
  { name: 'listObservableTeachers', access: ['teacher', 'schoolAdmin', 'organizer', 'federationAdmin', 'districtAdmin'], params: IdParams, query: ObservableTeachersQuery },
  ({ auth, params, query }) => services.observations.observableTeachers(auth, params.id, query.q),
);
