import { ulid } from 'ulid';
import { config } from '#config';
import { resolveSecret, table, tokens } from '#app';
import { systemClock } from '#lib/clock';
import { makeDingtalkClient } from '#lib/dingtalk';
import { makeWechatClient } from '#lib/wechat';
import { makeUserRepository } from '#repositories/users';
import { makePeopleRepository } from '#repositories/people';
import { makeAuthService } from '#services/auth';
import { makePhoneClaim } from '#services/phone-claim';

const users = makeUserRepository(table);

export const authService = makeAuthService({
  users,
  phoneClaim: makePhoneClaim({ people: makePeopleRepository(table), users, clock: systemClock }),
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

export const services = { auth: authService };
