import { services } from '#app/family';
import { config } from '#config';
import { type JobContext, runJob } from '#lib/job';
import { makeLogger } from '#lib/logger';

const baseLog = makeLogger(config.logLevel, { stage: config.stage, job: 'sendFamilyReminders' });

/** The scheduled job (EventBridge, functions/jobs.json): reminders of family sessions starting within a day. */
export async function handler(_event?: unknown, context?: JobContext) {
  return runJob(baseLog, context, async (log) => {
    const run = await services.reminders.sendDue(log);
    log.info('reminders', { ...run });
    return run;
  });
}
