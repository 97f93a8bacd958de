import type { WorkNotice } from '#lib/dingtalk';
import type { SubscribeMessage } from '#lib/wechat';
import type { MessagingIds } from '#repositories/users';

/** A subscribe message's `thing` value: WeChat takes at most 20 characters. */
export const wechatThing = (text: string) => ({ value: [...text].length > 20 ? `${[...text].slice(0, 19).join('')}…` : text });

/** One reminder in the form each app takes: a WeChat subscribe message (a template) and a DingTalk work notice (Markdown). */
export interface Reminder {
  wechat: (openid: string) => SubscribeMessage;
  dingtalk: Omit<WorkNotice, 'userid'>;
}

export interface ReminderChannels {
  /** Subscribe messages of the WeChat app `appId` with the template `templateId` (empty: not configured). */
  wechat: {
    client: { sendSubscribeMessage(message: SubscribeMessage, state?: 'developer' | 'trial' | 'formal'): Promise<'sent' | 'refused'> };
    appId: string;
    templateId: string;
    messageState: 'developer' | 'trial' | 'formal';
  };
  /** Work notices of the DingTalk app `appKey` as its agent `agentId` (empty: not configured). */
  dingtalk: {
    client: { sendWorkNotice(agentId: string, notice: WorkNotice): Promise<'sent' | 'refused'> };
    appKey: string;
    agentId: string;
  };
}

/**
 * Sends a reminder to a person through the app they use: WeChat when they logged in with this WeChat app and the
 * template is configured (and they accepted it), else DingTalk when they logged in with this DingTalk app and the agent
 * is configured. 'skipped' when neither reaches them; an app server's failure throws, so the caller retries later.
 */
export function makeReminderDelivery(users: { findMessagingIds(userId: string): Promise<MessagingIds> }, channels: ReminderChannels) {
  const { wechat, dingtalk } = channels;
  return {
    enabled: Boolean(wechat.templateId || dingtalk.agentId),

    async send(userId: string, reminder: Reminder): Promise<'sent' | 'skipped'> {
      const ids = await users.findMessagingIds(userId);
      if (wechat.templateId && ids.wechat && ids.wechat.appId === wechat.appId) {
        if ((await wechat.client.sendSubscribeMessage(reminder.wechat(ids.wechat.openid), wechat.messageState)) === 'sent') return 'sent';
      }
      if (dingtalk.agentId && ids.dingtalk && ids.dingtalk.appKey === dingtalk.appKey) {
        const outcome = await dingtalk.client.sendWorkNotice(dingtalk.agentId, { userid: ids.dingtalk.userid, ...reminder.dingtalk });
        if (outcome === 'sent') return 'sent';
      }
      return 'skipped';
    },
  };
}
export type ReminderDelivery = ReturnType<typeof makeReminderDelivery>;
