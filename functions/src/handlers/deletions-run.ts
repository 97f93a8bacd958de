import { services } from '#app/privacy';
import { config } from '#config';
import { type JobContext, runJob } from '#lib/job';
import { makeLogger } from '#lib/logger';

const baseLog = makeLogger(config.logLevel, { stage: config.stage, job: 'eraseDeletedAccounts' });

/** The scheduled job (EventBridge, functions/jobs.json, hourly): erases the accounts whose 15-day cooling-off ended. */
export async function handler(_event?: unknown, context?: JobContext) {
  return runJob(baseLog, context, async (log) => {
    const run = await services.deletion.runDue();
    log.info('erasure', { ...run });
    return run;
  });
}
