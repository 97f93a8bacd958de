import { config } from '#config';
import { federationRepository, resolveSecret, table } from '#app';
import { systemClock } from '#lib/clock';
import { makeAggregateRepository } from '#repositories/aggregates';
import { makeRateLimitRepository } from '#repositories/rate-limits';
import { makeRosterService } from '#services/roster';
import { makeSignInService } from '#services/sign-in';
import { attendance, audience, reach, sessionService, sessions } from './session-service.ts';

// Sessions, sign-in and rosters (评课: app/evaluations.ts).
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
    aggregates: makeAggregateRepository(table),
  }),
};
