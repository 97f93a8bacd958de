import { config } from '#config';
import { access, federationRepository, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeAttendanceRepository } from '#repositories/attendance';
import { makeInviteRepository } from '#repositories/invites';
import { makeRegistrationRepository } from '#repositories/registrations';
import { makeSessionRepository } from '#repositories/sessions';
import { makeUserRepository } from '#repositories/users';
import { makeFamilyService } from '#services/family';
import { makeRegistrationService } from '#services/registrations';
import { makeReminderService } from '#services/reminders';
import { authService } from './auth.ts';
import { classService } from './classes.ts';
import { reminderDelivery } from './reminder-channels.ts';
import { sessionService } from './session-service.ts';

// 家长学校: binding, family sessions, registrations with a waitlist, history, reminders.
const sessions = makeSessionRepository(table);
const registrations = makeRegistrationRepository(table);
const users = makeUserRepository(table);

export const services = {
  registrations: makeRegistrationService({ sessions, registrations, users, sessionService, clock: systemClock }),
  family: makeFamilyService({
    users,
    invites: makeInviteRepository(table),
    sessions,
    registrations,
    attendance: makeAttendanceRepository(table),
    federations: federationRepository,
    access,
    auth: authService,
    clock: systemClock,
    classes: classService,
  }),
  reminders: makeReminderService({
    sessions,
    registrations,
    delivery: reminderDelivery(config.wechat.reminderTemplateId),
    templateId: config.wechat.reminderTemplateId,
    clock: systemClock,
    localJobsEnabled: config.isLocal,
  }),
};
