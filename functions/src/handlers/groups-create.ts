import { CreateGroupRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/groups';
import { created } from '#lib/http';

export const handler = route(
  { name: 'createGroup', access: ['federationAdmin', 'districtAdmin'], params: IdParams, body: CreateGroupRequest },
  async ({ auth, params, body }) => created(await services.groups.create(auth, params.id, body)),
);
