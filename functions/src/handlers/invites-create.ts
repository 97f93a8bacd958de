import { CreateInviteRequest } from '@lianyan/shared';
import { created } from '#lib/http';
import { route } from '#app';
import { services } from '#app/invites';

export const handler = route(
  { name: 'createInvite', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], body: CreateInviteRequest },
  async ({ auth, body }) => created(await services.invites.create(auth, body)),
);
