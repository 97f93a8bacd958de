import { ulid } from 'ulid';
import { config } from '#config';
import { resolveSecret, table, tokens } from '#app';
import { systemClock } from '#lib/clock';
import { makeDingtalkClient } from '#lib/dingtalk';
import { makeWechatClient } from '#lib/wechat';
import { makeUserRepository } from '#repositories/users';
import { makeAuthService } from '#services/auth';

export const authService = makeAuthService({
  users: makeUserRepository(table),
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
