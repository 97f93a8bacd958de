import { IdParams, PutClassesRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/classes';

export const handler = route(
  { name: 'saveSchoolClasses', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, body: PutClassesRequest },
  ({ auth, params, body }) => services.classes.save(auth, params.id, body),
);
