import { services } from '#app/session-service';
import { config } from '#config';
import { makeLogger } from '#lib/logger';

const log = makeLogger(config.logLevel, { stage: config.stage, job: 'closeEndedSessions' });

/** The scheduled job (EventBridge, functions/jobs.json): closes published sessions AUTO_CLOSE_AFTER_MINUTES after their end. */
export async function handler() {
  const run = await services.sessions.closeEnded(config.autoCloseAfterMs, log);
  log.info('auto-close', { ...run });
  return run;
}
