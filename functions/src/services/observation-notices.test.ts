import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, scoreSummary, type Observation } from '@lianyan/shared';
import type { Logger } from '#lib/logger';
import { makeReminderDelivery } from './reminder-delivery.ts';
import { makeObservationNotices } from './observation-notices.ts';

const scores = DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((i) => ({ item: i.id, score: 4 })));
const observation: Observation = {
  id: 'o1', federationId: 'f1', schoolId: 's1', teacherId: 'u-dd', teacherName: '李老师', observerId: 'u-p', observerName: '王校长', observerKind: 'school_leader',
  subject: '语文', grade: '三年级', className: '三年级(1)班', topic: '荷花', startedAt: '2026-10-12T01:00:00.000Z', semester: '2026-2027-1', scaleId: 'default',
  scaleVersion: 1, scaleName: DEFAULT_SCALE.name, scores, ...scoreSummary(DEFAULT_SCALE, scores), notes: [], strengths: '', suggestions: '', clientId: 'c-1', createdAt: '2026-10-12T02:00:00.000Z',
};

function setup(dingtalkAnswer: () => Promise<'sent' | 'refused'>, agentId = '3000') {
  const notices: Array<{ userid: string; title: string; markdown: string }> = [];
  const warnings: string[] = [];
  const delivery = makeReminderDelivery(
    { findMessagingIds: async (userId) => (userId === 'u-dd' ? { dingtalk: { appKey: 'ding1', userid: 'd1' } } : {}) },
    {
      wechat: { client: { sendSubscribeMessage: async () => 'sent' }, appId: 'wx1', templateId: '', messageState: 'formal' },
      dingtalk: { client: { sendWorkNotice: async (_agent, n) => (notices.push(n), dingtalkAnswer()) }, appKey: 'ding1', agentId },
    },
  );
  const log = { warn: (message: string) => warnings.push(message) } as unknown as Logger;
  return { notices: makeObservationNotices({ delivery, templateId: '' }), sent: notices, warnings, log };
}

describe('听评课 notices', () => {
  it('reaches a DingTalk teacher with a work notice naming the observer, the lesson and the total', async () => {
    const { notices, sent, log } = setup(async () => 'sent');
    expect(await notices.submitted(observation, log)).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ userid: 'd1', title: '听课反馈：语文《荷花》' });
    expect(sent[0]?.markdown).toContain('**王校长** 听了你的 **三年级(1)班 语文《荷花》**');
    expect(sent[0]?.markdown).toContain(`总分 ${observation.total}`);
  });

  it('a channel failure is logged and does not fail the submit; without channels nothing is sent', async () => {
    const failing = setup(async () => Promise.reject(new Error('dingtalk down')));
    expect(await failing.notices.submitted(observation, failing.log)).toBe('failed');
    expect(failing.warnings).toEqual(['observation notice not sent']);
    const off = setup(async () => 'sent', '');
    expect(await off.notices.submitted(observation, off.log)).toBe('skipped');
    expect(off.sent).toHaveLength(0);
  });
});
