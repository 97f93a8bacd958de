import { services } from '#app/privacy';
import { config } from '#config';
import { makeLogger } from '#lib/logger';

const log = makeLogger(config.logLevel, { stage: config.stage, job: 'eraseDeletedAccounts' });

/** The scheduled job (EventBridge, functions/jobs.json, hourly): erases the accounts whose 15-day cooling-off ended. */
export async function handler() {
  const run = await services.deletion.runDue();
  log.info('erasure', { ...run });
  return run;
}
