import { services } from '#app/session-service';
import { config } from '#config';
import { type JobContext, runJob } from '#lib/job';
import { makeLogger } from '#lib/logger';

const baseLog = makeLogger(config.logLevel, { stage: config.stage, job: 'closeEndedSessions' });

/** The scheduled job (EventBridge, functions/jobs.json): closes published sessions AUTO_CLOSE_AFTER_MINUTES after their end. */
export async function handler(_event?: unknown, context?: JobContext) {
  return runJob(baseLog, context, async (log) => {
    const run = await services.sessions.closeEnded(config.autoCloseAfterMs, log);
    log.info('auto-close', { ...run });
    return run;
  });
}
