import { describe, expect, it } from 'vitest';
import type { MessagingIds } from '#repositories/users';
import { makeReminderDelivery, type Reminder } from './reminder-delivery.ts';

const reminder: Reminder = {
  wechat: (openid) => ({ touser: openid, templateId: 'tmpl', page: 'pages/index/index', data: { thing1: { value: '讲座' } } }),
  dingtalk: { title: '活动开始提醒：讲座', markdown: '### 活动开始提醒' },
};

function setup(ids: Record<string, MessagingIds>, options: { wechatAnswer?: 'sent' | 'refused'; templateId?: string; agentId?: string } = {}) {
  const sent: string[] = [];
  const delivery = makeReminderDelivery(
    { findMessagingIds: async (userId) => ids[userId] ?? {} },
    {
      wechat: {
        client: { sendSubscribeMessage: async (m) => (sent.push(`wechat:${m.touser}`), options.wechatAnswer ?? 'sent') },
        appId: 'wx1',
        templateId: options.templateId ?? 'tmpl',
        messageState: 'formal',
      },
      dingtalk: { client: { sendWorkNotice: async (agentId, n) => (sent.push(`dingtalk:${agentId}:${n.userid}`), 'sent') }, appKey: 'ding1', agentId: options.agentId ?? '3000' },
    },
  );
  return { delivery, sent };
}

describe('reminder delivery', () => {
  const ids: Record<string, MessagingIds> = {
    wx: { wechat: { appId: 'wx1', openid: 'o1' } },
    dd: { dingtalk: { appKey: 'ding1', userid: 'd1' } },
    both: { wechat: { appId: 'wx1', openid: 'o2' }, dingtalk: { appKey: 'ding1', userid: 'd2' } },
    otherApps: { wechat: { appId: 'wx-other', openid: 'o3' }, dingtalk: { appKey: 'ding-other', userid: 'd3' } },
  };

  it('reaches each person through the app they logged in with, WeChat first', async () => {
    const { delivery, sent } = setup(ids);
    expect(await Promise.all(['wx', 'dd', 'both', 'otherApps', 'nobody'].map((u) => delivery.send(u, reminder)))).toEqual(['sent', 'sent', 'sent', 'skipped', 'skipped']);
    expect(sent).toEqual(['wechat:o1', 'dingtalk:3000:d1', 'wechat:o2']);
  });

  it('falls back to DingTalk when WeChat refuses (no consent), and skips what is not configured', async () => {
    const refused = setup(ids, { wechatAnswer: 'refused' });
    expect(await refused.delivery.send('both', reminder)).toBe('sent');
    expect(refused.sent).toEqual(['wechat:o2', 'dingtalk:3000:d2']);
    expect(await refused.delivery.send('wx', reminder)).toBe('skipped');

    const noDingtalk = setup(ids, { agentId: '' });
    expect(await noDingtalk.delivery.send('dd', reminder)).toBe('skipped');
    expect(noDingtalk.delivery.enabled).toBe(true);
    expect(setup(ids, { agentId: '', templateId: '' }).delivery.enabled).toBe(false);
  });
});
