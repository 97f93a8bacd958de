import { services } from '#app/campaigns';
import { config } from '#config';
import { type JobContext, runJob } from '#lib/job';
import { makeLogger } from '#lib/logger';

const baseLog = makeLogger(config.logLevel, { stage: config.stage, job: 'sendCampaignReminders' });

/** The scheduled job (EventBridge, functions/jobs.json): check-in reminders whose time has come. */
export async function handler(_event?: unknown, context?: JobContext) {
  return runJob(baseLog, context, async (log) => {
    const run = await services.reminders.sendDue(log);
    log.info('campaign reminders', { ...run });
    return run;
  });
}
