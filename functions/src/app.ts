import { ulid } from 'ulid';
import { config } from '#config';
import { blobs, db, getParameter, tableName } from '#clients';
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
import { makeArchiveRepository } from '#repositories/archive';
import { makeUploadRepository } from '#repositories/uploads';
import { makeAccessPolicy } from '#services/access';
import { makeAudienceResolver } from '#services/audience';
import { makeEvaluationService } from '#services/evaluations';
import { makeRosterService } from '#services/roster';
import { makeSessionService } from '#services/sessions';
import { makeSignInService } from '#services/sign-in';
import { makeAuthService } from '#services/auth';
import { makeFederationService } from '#services/federations';
import { makeInviteService } from '#services/invites';
import { makeArchiveService } from '#services/archive';
import { makeUploadService } from '#services/uploads';

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
  archive: makeArchiveRepository(table),
  uploads: makeUploadRepository(table),
};

export const tokens = makeTokenService({
  issuer: `lianyan-${config.stage}`,
  accessTtlSeconds: config.jwt.accessTtlSeconds,
  refreshTtlSeconds: config.jwt.refreshTtlSeconds,
  getSecret: () => resolveSecret(config.jwt.secret, 'JWT'),
});

const access = makeAccessPolicy(repositories.federations);

const authService = makeAuthService({
  users: repositories.users,
  tokens,
  clock: systemClock,
  newId: ulid,
  wechat: makeWechatClient({
    apiBase: config.wechat.apiBase,
    appId: config.wechat.appId,
    getSecret: () => resolveSecret(config.wechat.secret, 'WeChat app secret'),
  }),
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

const uploadService = makeUploadService({ uploads: repositories.uploads, blobs, clock: systemClock, newId: ulid });

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
  uploads: uploadService,
  archive: makeArchiveService({
    archive: repositories.archive,
    attendance: repositories.attendance,
    sessions: repositories.sessions,
    users: repositories.users,
    federations: repositories.federations,
    uploads: uploadService,
    access,
    clock: systemClock,
    // Print links are signed with the QR key (a server secret that never leaves the functions).
    getLinkKey: () => resolveSecret(config.signIn.qrSecret, 'QR'),
  }),
};

export const route = makeRoute(() => tokens);
