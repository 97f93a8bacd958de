import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/session-service';
import { MANAGERS } from '#lib/access';

export const handler = route({ name: 'publishSession', access: MANAGERS, params: IdParams }, ({ auth, params }) =>
  services.sessions.publish(auth, params.id),
);
