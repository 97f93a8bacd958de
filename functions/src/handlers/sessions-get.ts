import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/session-service';

export const handler = route({ name: 'getSession', access: 'authenticated', params: IdParams }, ({ auth, params }) =>
  services.sessions.get(auth, params.id),
);
