import { CreateInviteRequest } from '@lianyan/shared';
import { created } from '#lib/http';
import { route } from '#app';
import { services } from '#app/invites';

// Teachers too: a class teacher (班主任) may invite the parents of their own school; the service checks the scope.
export const handler = route(
  { name: 'createInvite', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin', 'teacher'], body: CreateInviteRequest },
  async ({ auth, body }) => created(await services.invites.create(auth, body)),
);
