import { ulid } from 'ulid';
import { config } from '#config';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeGroupRepository } from '#repositories/groups';
import { makeObservationRepository } from '#repositories/observations';
import { makeUserRepository } from '#repositories/users';
import { makeObservationNotices } from '#services/observation-notices';
import { makeObservationService } from '#services/observations';
import { reminderDelivery } from './reminder-channels.ts';

// 听评课: observation scales, walk-in observations and a school's coverage.
export const services = {
  observations: makeObservationService({
    observations: makeObservationRepository(table),
    federations: federationRepository,
    users: makeUserRepository(table),
    groups: makeGroupRepository(table),
    access,
    clock: systemClock,
    newId: ulid,
  }),
  // The observed teacher hears of a new observation through the reminder channels (WECHAT_REMINDER_TEMPLATE_ID's template).
  notices: makeObservationNotices({ delivery: reminderDelivery(config.wechat.reminderTemplateId), templateId: config.wechat.reminderTemplateId }),
};
