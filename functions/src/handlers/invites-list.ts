import { ListInvitesQuery } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route(
  { name: 'listInvites', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], query: ListInvitesQuery },
  ({ auth, query }) => services.invites.list(auth, query),
);
