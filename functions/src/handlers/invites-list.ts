import { ListInvitesQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/invites';

export const handler = route(
  { name: 'listInvites', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], query: ListInvitesQuery },
  ({ auth, query }) => services.invites.list(auth, query),
);
