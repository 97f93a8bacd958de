import { config } from '#config';
import { resolveSecret, table } from '#app';
import { makeDingtalkClient } from '#lib/dingtalk';
import { makeWechatClient } from '#lib/wechat';
import { makeUserRepository } from '#repositories/users';
import { makeReminderDelivery } from '#services/reminder-delivery';

// Reminders reach parents and teachers through the app they logged in with: WeChat subscribe messages, DingTalk work notices.
const wechat = makeWechatClient({
  apiBase: config.wechat.apiBase,
  appId: config.wechat.appId,
  getSecret: () => resolveSecret(config.wechat.secret, 'WeChat app secret'),
});
const dingtalk = makeDingtalkClient({
  apiBase: config.dingtalk.apiBase,
  appKey: config.dingtalk.appKey,
  getSecret: () => resolveSecret(config.dingtalk.secret, 'DingTalk app secret'),
});
const users = makeUserRepository(table);

/** Delivery of one kind of reminder: `templateId` is its WeChat subscribe-message template. */
export const reminderDelivery = (templateId: string) =>
  makeReminderDelivery(users, {
    wechat: { client: wechat, appId: config.wechat.appId, templateId, messageState: config.isLocal ? 'developer' : 'formal' },
    dingtalk: { client: dingtalk, appKey: config.dingtalk.appKey, agentId: config.dingtalk.agentId },
  });
