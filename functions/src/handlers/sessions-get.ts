import { IdParams } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'getSession', access: 'authenticated', params: IdParams }, ({ auth, params }) =>
  services.sessions.get(auth, params.id),
);
