import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/session-service';
import { MANAGERS } from '#lib/access';

export const handler = route({ name: 'closeSession', access: MANAGERS, params: IdParams }, ({ auth, params }) =>
  services.sessions.close(auth, params.id),
);
