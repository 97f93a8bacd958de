import { IdParams, UpdateGroupRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/groups';

export const handler = route(
  { name: 'updateGroup', access: ['federationAdmin', 'districtAdmin'], params: IdParams, body: UpdateGroupRequest },
  ({ auth, params, body }) => services.groups.update(auth, params.id, body),
);
