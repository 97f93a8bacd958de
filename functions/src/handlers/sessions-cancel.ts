import { CancelSessionRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/session-service';
import { SESSION_ORGANISERS } from '#lib/access';

export const handler = route(
  { name: 'cancelSession', access: SESSION_ORGANISERS, params: IdParams, body: CancelSessionRequest },
  ({ auth, params, body }) => services.sessions.cancel(auth, params.id, body.reason),
);
