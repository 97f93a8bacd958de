import { ulid } from 'ulid';
import { config } from '#config';
import { access, federationRepository, resolveSecret, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeAttendanceRepository } from '#repositories/attendance';
import { makeEvaluationRepository } from '#repositories/evaluations';
import { makeRateLimitRepository } from '#repositories/rate-limits';
import { makeSessionRepository } from '#repositories/sessions';
import { makeUserRepository } from '#repositories/users';
import { makeAudienceResolver } from '#services/audience';
import { makeEvaluationService } from '#services/evaluations';
import { makeRosterService } from '#services/roster';
import { makeSessionService } from '#services/sessions';
import { makeSignInService } from '#services/sign-in';

// Sessions, sign-in, rosters and evaluations.
const sessions = makeSessionRepository(table);
const attendance = makeAttendanceRepository(table);
const users = makeUserRepository(table);
const audience = makeAudienceResolver({ federations: federationRepository, users });

const sessionService = makeSessionService({
  sessions,
  attendance,
  federations: federationRepository,
  audience,
  access,
  clock: systemClock,
  newId: ulid,
});

const signInService = makeSignInService({
  sessions,
  attendance,
  rateLimits: makeRateLimitRepository(table),
  clock: systemClock,
  settings: {
    getQrSecret: () => resolveSecret(config.signIn.qrSecret, 'QR'),
    clockMarginMs: config.signIn.clockMarginMs,
    replayLimitMs: config.signIn.replayLimitMs,
    sessionCacheMs: config.signIn.sessionCacheMs,
    failureLimit: config.signIn.failureLimit,
    failureWindowMs: config.signIn.failureWindowMs,
  },
});

export const services = {
  sessions: sessionService,
  signIn: signInService,
  roster: makeRosterService({
    sessions,
    attendance,
    federations: federationRepository,
    users,
    sessionService,
    signIn: signInService,
    audience,
    clock: systemClock,
  }),
  evaluations: makeEvaluationService({
    evaluations: makeEvaluationRepository(table),
    attendance,
    sessionService,
    clock: systemClock,
  }),
};
