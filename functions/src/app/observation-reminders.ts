import { config } from '#config';
import { federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeObservationRepository } from '#repositories/observations';
import { makeObservationReminders } from '#services/observation-reminders';
import { reminderDelivery } from './reminder-channels.ts';
import { groupMembership, groups } from './session-service.ts';

// 听评课覆盖提醒 to 中心教研组 leaders, through the reminder channels (WECHAT_REMINDER_TEMPLATE_ID's template).
export const reminders = makeObservationReminders({
  federations: federationRepository,
  groups,
  membership: groupMembership,
  observations: makeObservationRepository(table),
  delivery: reminderDelivery(config.wechat.reminderTemplateId),
  templateId: config.wechat.reminderTemplateId,
  clock: systemClock,
});
