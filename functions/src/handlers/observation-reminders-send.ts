import { config } from '#config';
import { makeLogger } from '#lib/logger';
import { reminders } from '#app/observation-reminders';

const log = makeLogger(config.logLevel, { stage: config.stage, job: 'sendObservationReminders' });

/** The scheduled job (EventBridge, functions/jobs.json, daily 09:00 Asia/Shanghai): 听评课覆盖提醒 to group leaders in the semester's last month. */
export async function handler() {
  const run = await reminders.sendDue(log);
  log.info('observation reminders', { ...run });
  return run;
}
