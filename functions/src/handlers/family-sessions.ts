import { FamilySessionsQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';

export const handler = route({ name: 'listFamilySessions', access: ['parent'], query: FamilySessionsQuery }, ({ auth, query }) =>
  services.family.sessions(auth, query),
);
