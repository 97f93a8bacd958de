import { route } from '#app';
import { services } from '#app/session-service';
import { config } from '#config';
import { notFound } from '#lib/errors';

// Local stage only: runs the scheduled auto-close now (tests, and `npm start` between its own runs).
export const handler = route({ name: 'devRunAutoClose', access: 'public' }, ({ log }) => {
  if (!config.isLocal) throw notFound();
  return services.sessions.closeEnded(config.autoCloseAfterMs, log);
});
