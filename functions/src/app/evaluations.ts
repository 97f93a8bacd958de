import { ulid } from 'ulid';
import { config } from '#config';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeEvaluationRepository } from '#repositories/evaluations';
import { makeObservationRepository } from '#repositories/observations';
import { makeEvaluationService } from '#services/evaluations';
import { makeObservationNotices } from '#services/observation-notices';
import { makeObservationService } from '#services/observations';
import { reminderDelivery } from './reminder-channels.ts';
import { attendance, groups, sessionService, users } from './session-service.ts';

// 评课 of lessons: stars, or the session's observation scale (then an observation of the teaching teacher, counted once).
const observationStore = makeObservationRepository(table);
export const services = {
  evaluations: makeEvaluationService({
    evaluations: makeEvaluationRepository(table),
    attendance,
    sessionService,
    observations: makeObservationService({ observations: observationStore, federations: federationRepository, users, groups, access, clock: systemClock, newId: ulid }),
    observationStore,
    clock: systemClock,
  }),
  // The teaching teacher hears of a new one through the reminder channels (WECHAT_REMINDER_TEMPLATE_ID's template).
  notices: makeObservationNotices({ delivery: reminderDelivery(config.wechat.reminderTemplateId), templateId: config.wechat.reminderTemplateId }),
};
