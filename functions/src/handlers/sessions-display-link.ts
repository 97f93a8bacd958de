import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';
import { SESSION_ORGANISERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'getDisplayLink', access: SESSION_ORGANISERS, params: IdParams }, async ({ auth, params, event }) => {
  const session = await services.sessions.loadManaged(auth, params.id);
  const key = await services.signIn.displayKey(session.id);
  return { url: `${requestOrigin(event)}/display/${encodeURIComponent(session.id)}?key=${key}`, key };
});
