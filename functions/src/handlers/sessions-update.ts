import { IdParams, UpdateSessionRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';
import { MANAGERS } from '#lib/access';

export const handler = route(
  { name: 'updateSession', access: MANAGERS, params: IdParams, body: UpdateSessionRequest },
  ({ auth, params, body }) => services.sessions.update(auth, params.id, body),
);
