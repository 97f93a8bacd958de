import { config } from '#config';
import { federationRepository, resolveSecret, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeEvaluationRepository } from '#repositories/evaluations';
import { makeRateLimitRepository } from '#repositories/rate-limits';
import { makeEvaluationService } from '#services/evaluations';
import { makeRosterService } from '#services/roster';
import { makeSignInService } from '#services/sign-in';
import { attendance, audience, reach, sessionService, sessions } from './session-service.ts';

// Sessions, sign-in, rosters and evaluations.
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
    sessionService,
    signIn: signInService,
    audience,
    reach,
    clock: systemClock,
  }),
  evaluations: makeEvaluationService({
    evaluations: makeEvaluationRepository(table),
    attendance,
    sessionService,
    clock: systemClock,
  }),
};
