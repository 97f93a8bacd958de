import { IdParams, QrQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';
import { SESSION_ORGANISERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route(
  { name: 'getSessionQr', access: SESSION_ORGANISERS, params: IdParams, query: QrQuery },
  async ({ auth, params, query, event }) => {
    const session = await services.sessions.loadManaged(auth, params.id);
    return services.signIn.currentQr(session, query.purpose, requestOrigin(event));
  },
);
