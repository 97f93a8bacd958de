import { ListSessionsQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/session-service';

export const handler = route({ name: 'listSessions', access: 'authenticated', query: ListSessionsQuery }, ({ auth, query }) =>
  services.sessions.list(auth, query),
);
