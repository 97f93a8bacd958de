import { services } from '#app/campaigns';
import { config } from '#config';
import { makeLogger } from '#lib/logger';

const log = makeLogger(config.logLevel, { stage: config.stage, job: 'sendCampaignReminders' });

/** The scheduled job (EventBridge, functions/jobs.json): check-in reminders whose time has come. */
export async function handler() {
  const run = await services.reminders.sendDue(log);
  log.info('campaign reminders', { ...run });
  return run;
}
