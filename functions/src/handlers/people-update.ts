import { IdParams, UpdatePersonRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/people';

export const handler = route(
  { name: 'updatePerson', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, body: UpdatePersonRequest },
  ({ auth, params, body }) => services.people.update(auth, params.id, body),
);
