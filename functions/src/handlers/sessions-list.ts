import { ListSessionsQuery } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'listSessions', access: 'authenticated', query: ListSessionsQuery }, ({ auth, query }) =>
  services.sessions.list(auth, query),
);
