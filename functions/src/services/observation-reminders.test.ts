import { describe, expect, it } from 'vitest';
import type { Group, School } from '@lianyan/shared';
import type { CoverageLine } from '#repositories/observations';
import type { RosterProfile } from '#repositories/people';
import type { FederationTeacher } from './group-members.ts';
import { makeObservationReminders, inLastMonth } from './observation-reminders.ts';
import { makeReminderDelivery } from './reminder-delivery.ts';

// 听评课覆盖提醒 over fakes: the last month only, once per group and semester, the group's members nobody observed.

const school: School = { id: 's1', name: '实验小学', federationId: 'f1', stage: 'primary', rural: false, isCore: true };
const group: Group = { id: 'g1', federationId: 'f1', subject: '数学', grade: '三年级', name: '三年级数学组', leaderId: 'u-lead', createdAt: '2026-09-01T00:00:00.000Z' };
const teacher = (id: string, name: string, subjects = ['数学']): FederationTeacher => ({
  userId: id,
  schoolId: 's1',
  profile: { id, name, subjects, grades: ['三年级'] } as unknown as RosterProfile,
});
const teachers = new Map([teacher('u-lead', '组长'), teacher('u-a', '张老师'), teacher('u-b', '李老师'), teacher('u-c', '王老师', ['语文'])].map((t) => [t.userId, t]));
const line = (teacherId: string): CoverageLine => ({ observationId: `o-${teacherId}`, teacherId, observerId: 'u-lead', observerName: '组长', observerKind: 'group', startedAt: '2027-01-05T01:00:00.000Z', scaleId: 'default', scaleName: '通用' });

function setup(now: string, options: { failFirst?: boolean } = {}) {
  const claims = new Set<string>();
  const notices: Array<{ userid: string; title: string; markdown: string }> = [];
  let calls = 0;
  const delivery = makeReminderDelivery(
    { findMessagingIds: async (userId) => ({ dingtalk: { appKey: 'ding1', userid: userId } }) },
    {
      wechat: { client: { sendSubscribeMessage: async () => 'sent' }, appId: 'wx1', templateId: '', messageState: 'formal' },
      dingtalk: {
        client: {
          sendWorkNotice: async (_agent, n) => {
            calls += 1;
            if (options.failFirst && calls === 1) throw new Error('dingtalk down');
            notices.push(n);
            return 'sent';
          },
        },
        appKey: 'ding1',
        agentId: '3000',
      },
    },
  );
  const reminders = makeObservationReminders({
    federations: { listFederations: async () => [{ id: 'f1', name: '城东教共体', kind: 'group' } as never] },
    groups: { listOfFederation: async () => [group], get: async () => ({ group, added: [], dropped: [] }) },
    membership: { teachersOf: async () => ({ schools: new Map([[school.id, school]]), teachers }) },
    observations: {
      coverageLines: async () => [line('u-a')],
      claimGroupReminder: async (semester, groupId) => (claims.has(`${semester}|${groupId}`) ? false : (claims.add(`${semester}|${groupId}`), true)),
      releaseGroupReminder: async (semester, groupId) => void claims.delete(`${semester}|${groupId}`),
    },
    delivery,
    templateId: '',
    clock: { now: () => new Date(now) },
  });
  return { reminders, notices };
}

describe('听评课覆盖提醒', () => {
  it('falls in the last 30 days of the semester, Asia/Shanghai', () => {
    expect(inLastMonth(new Date('2026-12-31T15:59:00Z'))).toBe(false); // 12-31 23:59 in Shanghai
    expect(inLastMonth(new Date('2026-12-31T16:00:00Z'))).toBe(true); // 01-01 00:00
    expect(inLastMonth(new Date('2027-08-01T16:00:00Z'))).toBe(true);
    expect(inLastMonth(new Date('2027-07-15T04:00:00Z'))).toBe(false);
  });

  it('tells the group leader once which members nobody observed this semester', async () => {
    const { reminders, notices } = setup('2027-01-10T02:00:00Z');
    expect(await reminders.sendDue()).toEqual({ groups: 1, sent: 1, skipped: 0, failed: 0 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ userid: 'u-lead', title: '听评课覆盖提醒：三年级数学组' });
    // 张老师 was observed; 王老师 teaches 语文 (not a member); the leader is a member and nobody observed them.
    expect(notices[0]?.markdown).toContain('**2** 位组员');
    expect(notices[0]?.markdown).toContain('实验小学：组长、李老师');
    expect(notices[0]?.markdown).not.toContain('张老师');
    expect(await reminders.sendDue()).toEqual({ groups: 0, sent: 0, skipped: 0, failed: 0 });
  });

  it('sends nothing before the last month, and tries again after a failed send', async () => {
    const early = setup('2026-12-02T02:00:00Z');
    expect(await early.reminders.sendDue()).toEqual({ groups: 0, sent: 0, skipped: 0, failed: 0 });
    const flaky = setup('2027-01-10T02:00:00Z', { failFirst: true });
    expect(await flaky.reminders.sendDue()).toMatchObject({ failed: 1, sent: 0 });
    expect(await flaky.reminders.sendDue()).toMatchObject({ failed: 0, sent: 1 });
    expect(flaky.notices).toHaveLength(1);
  });
});
