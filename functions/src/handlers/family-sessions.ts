import { FamilySessionsQuery } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'listFamilySessions', access: ['parent'], query: FamilySessionsQuery }, ({ auth, query }) =>
  services.family.sessions(auth, query),
);
