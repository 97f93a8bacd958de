import { services } from '#app/family';
import { config } from '#config';
import { makeLogger } from '#lib/logger';

const log = makeLogger(config.logLevel, { stage: config.stage, job: 'sendFamilyReminders' });

/** The scheduled job (EventBridge, functions/jobs.json): reminders of family sessions starting within a day. */
export async function handler() {
  const run = await services.reminders.sendDue(log);
  log.info('reminders', { ...run });
  return run;
}
