import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/session-service';
import { SESSION_ORGANISERS } from '#lib/access';

export const handler = route({ name: 'closeSession', access: SESSION_ORGANISERS, params: IdParams }, ({ auth, params }) =>
  services.sessions.close(auth, params.id),
);
