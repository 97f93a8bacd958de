import { ulid } from 'ulid';
import { config } from '#config';
import { db, getParameter, tableName } from '#clients';
import { systemClock } from '#lib/clock';
import { makeDingtalkClient } from '#lib/dingtalk';
import { makeRoute } from '#lib/http';
import { makeSecretResolver } from '#lib/secrets';
import { makeTokenService } from '#lib/tokens';
import { makeWechatClient } from '#lib/wechat';
import { makeFederationRepository } from '#repositories/federations';
import { makeInviteRepository } from '#repositories/invites';
import { makeAttendanceRepository } from '#repositories/attendance';
import { makeEvaluationRepository } from '#repositories/evaluations';
import { makeSessionRepository } from '#repositories/sessions';
import { makeUserRepository } from '#repositories/users';
import { makeAccessPolicy } from '#services/access';
import { makeAudienceResolver } from '#services/audience';
import { makeEvaluationService } from '#services/evaluations';
import { makeRosterService } from '#services/roster';
import { makeSessionService } from '#services/sessions';
import { makeSignInService } from '#services/sign-in';
import { makeAuthService } from '#services/auth';
import { makeFederationService } from '#services/federations';
import { makeInviteService } from '#services/invites';
import { makeRegistrationRepository } from '#repositories/registrations';
import { makeFamilyService } from '#services/family';
import { makeRegistrationService } from '#services/registrations';
import { makeReminderService } from '#services/reminders';

// Composition root: built once per cold start, shared by every handler in the bundle.
const table = { db, table: tableName };
const resolveSecret = makeSecretResolver(getParameter);

export const repositories = {
  users: makeUserRepository(table),
  invites: makeInviteRepository(table),
  federations: makeFederationRepository(table),
  sessions: makeSessionRepository(table),
  attendance: makeAttendanceRepository(table),
  evaluations: makeEvaluationRepository(table),
  registrations: makeRegistrationRepository(table),
};

export const tokens = makeTokenService({
  issuer: `lianyan-${config.stage}`,
  accessTtlSeconds: config.jwt.accessTtlSeconds,
  refreshTtlSeconds: config.jwt.refreshTtlSeconds,
  getSecret: () => resolveSecret(config.jwt.secret, 'JWT'),
});

const access = makeAccessPolicy(repositories.federations);

const wechat = makeWechatClient({
  apiBase: config.wechat.apiBase,
  appId: config.wechat.appId,
  getSecret: () => resolveSecret(config.wechat.secret, 'WeChat app secret'),
});

const authService = makeAuthService({
  users: repositories.users,
  tokens,
  clock: systemClock,
  newId: ulid,
  wechat,
  dingtalk: makeDingtalkClient({
    apiBase: config.dingtalk.apiBase,
    appKey: config.dingtalk.appKey,
    getSecret: () => resolveSecret(config.dingtalk.secret, 'DingTalk app secret'),
  }),
  wechatAppId: config.wechat.appId,
  dingtalkAppKey: config.dingtalk.appKey,
  devLoginEnabled: config.isLocal,
});

const audience = makeAudienceResolver({ federations: repositories.federations, users: repositories.users });

const sessionService = makeSessionService({
  sessions: repositories.sessions,
  attendance: repositories.attendance,
  federations: repositories.federations,
  audience,
  access,
  clock: systemClock,
  newId: ulid,
});

const signInService = makeSignInService({
  sessions: repositories.sessions,
  attendance: repositories.attendance,
  clock: systemClock,
  settings: {
    getQrSecret: () => resolveSecret(config.signIn.qrSecret, 'QR'),
    clockMarginMs: config.signIn.clockMarginMs,
    replayLimitMs: config.signIn.replayLimitMs,
    sessionCacheMs: config.signIn.sessionCacheMs,
  },
});

export const services = {
  auth: authService,
  sessions: sessionService,
  signIn: signInService,
  roster: makeRosterService({
    sessions: repositories.sessions,
    attendance: repositories.attendance,
    federations: repositories.federations,
    users: repositories.users,
    sessionService,
    signIn: signInService,
    audience,
    clock: systemClock,
  }),
  evaluations: makeEvaluationService({
    evaluations: repositories.evaluations,
    attendance: repositories.attendance,
    sessionService,
    clock: systemClock,
  }),
  invites: makeInviteService({ invites: repositories.invites, access, auth: authService, clock: systemClock }),
  federations: makeFederationService({ federations: repositories.federations, access }),
  registrations: makeRegistrationService({
    sessions: repositories.sessions,
    registrations: repositories.registrations,
    users: repositories.users,
    sessionService,
    clock: systemClock,
  }),
  family: makeFamilyService({
    users: repositories.users,
    invites: repositories.invites,
    sessions: repositories.sessions,
    registrations: repositories.registrations,
    attendance: repositories.attendance,
    federations: repositories.federations,
    access,
    auth: authService,
    clock: systemClock,
  }),
  reminders: makeReminderService({
    sessions: repositories.sessions,
    registrations: repositories.registrations,
    users: repositories.users,
    wechat,
    clock: systemClock,
    templateId: config.wechat.reminderTemplateId,
    wechatAppId: config.wechat.appId,
    messageState: config.isLocal ? 'developer' : 'formal',
    localJobsEnabled: config.isLocal,
  }),
};

export const route = makeRoute(() => tokens);
