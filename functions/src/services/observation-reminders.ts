import { semesterDays, semesterOf, shanghaiDay, type Group, type GroupMember } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import type { Logger } from '#lib/logger';
import type { FederationRepository } from '#repositories/federations';
import type { GroupRepository } from '#repositories/groups';
import type { ObservationRepository } from '#repositories/observations';
import { groupMembers, type GroupMembership } from './group-members.ts';
import { wechatThing, type Reminder, type ReminderDelivery } from './reminder-delivery.ts';
import { reminderTime } from './reminders.ts';

// 听评课覆盖提醒: in the semester's last month, each 中心教研组 leader hears once which of the group's members nobody has
// observed yet this semester (docs/DESIGN.md "听评课覆盖"). A scheduled job (functions/jobs.json).

const REMINDER_DAYS_BEFORE_END = 30;

/** Whether `now` is within the last month of its semester (the last 30 days up to its last day, Asia/Shanghai). */
export function inLastMonth(now: Date): boolean {
  const { to } = semesterDays(semesterOf(now));
  const start = new Date(Date.parse(`${to}T00:00:00+08:00`) - REMINDER_DAYS_BEFORE_END * 86_400_000);
  return shanghaiDay(now) >= shanghaiDay(start);
}

export interface ObservationRemindersRun {
  groups: number;
  sent: number;
  skipped: number;
  failed: number;
}

/** The reminder to a group leader: how many of the group are not yet observed, and who (by name, up to the notice). */
function coverageReminder(group: Group, semester: string, uncovered: GroupMember[], templateId: string): Reminder {
  const names = uncovered.map((m) => m.name);
  const deadline = `${semesterDays(semester).to}T23:59:00+08:00`;
  const bySchool = new Map<string, string[]>();
  for (const m of uncovered) bySchool.set(m.schoolName ?? '', [...(bySchool.get(m.schoolName ?? '') ?? []), m.name]);
  return {
    wechat: (openid) => ({
      touser: openid,
      templateId,
      page: 'packages/observe/new/index',
      data: {
        thing1: wechatThing(`听评课覆盖提醒：${group.name}`),
        time2: { value: reminderTime(deadline) },
        thing3: wechatThing(`${uncovered.length} 位组员本学期未被听课`),
        thing4: wechatThing(names.join('、')),
      },
    }),
    dingtalk: {
      title: `听评课覆盖提醒：${group.name}`,
      markdown: [
        '### 听评课覆盖提醒',
        `**${group.name}** 本学期还有 **${uncovered.length}** 位组员没有被听课（学期 ${semesterDays(semester).to} 结束）：`,
        ...[...bySchool].map(([school, list]) => `- ${school || '本校联体'}：${list.join('、')}`),
        '',
        '打开「联研」→ 听课，安排推门听课，做到每学期全覆盖。',
      ].join('\n'),
    },
  };
}

export function makeObservationReminders(deps: {
  federations: Pick<FederationRepository, 'listFederations'>;
  groups: Pick<GroupRepository, 'listOfFederation' | 'get'>;
  membership: Pick<GroupMembership, 'teachersOf'>;
  observations: Pick<ObservationRepository, 'coverageLines' | 'claimGroupReminder' | 'releaseGroupReminder'>;
  delivery: ReminderDelivery;
  templateId: string;
  clock: Clock;
}) {
  /** The group's members that no coverage line of the semester names, per federation computed once. */
  async function uncoveredOf(federationId: string, semester: string, led: Group[]) {
    const { schools, teachers } = await deps.membership.teachersOf(federationId);
    const lines = (await Promise.all([...schools.keys()].map((id) => deps.observations.coverageLines(id, semester)))).flat();
    const observed = new Set(lines.map((l) => l.teacherId));
    const out: Array<{ group: Group; uncovered: GroupMember[] }> = [];
    for (const group of led) {
      const stored = await deps.groups.get(group.id);
      if (!stored) continue;
      out.push({ group, uncovered: groupMembers(stored, teachers, schools).members.filter((m) => !observed.has(m.id)) });
    }
    return out;
  }

  return {
    /** Sends the semester's reminders not yet sent; outside the last month, or without channels, nothing. */
    async sendDue(log?: Logger): Promise<ObservationRemindersRun> {
      const run: ObservationRemindersRun = { groups: 0, sent: 0, skipped: 0, failed: 0 };
      const now = deps.clock.now();
      if (!deps.delivery.enabled || !inLastMonth(now)) return run;
      const semester = semesterOf(now);
      for (const federation of await deps.federations.listFederations()) {
        const led = (await deps.groups.listOfFederation(federation.id)).filter((g) => g.leaderId);
        if (!led.length) continue;
        for (const { group, uncovered } of await uncoveredOf(federation.id, semester, led)) {
          if (!uncovered.length || !group.leaderId) continue;
          if (!(await deps.observations.claimGroupReminder(semester, group.id, now.toISOString()))) continue;
          run.groups++;
          try {
            if ((await deps.delivery.send(group.leaderId, coverageReminder(group, semester, uncovered, deps.templateId))) === 'sent') run.sent++;
            else run.skipped++;
          } catch (error) {
            run.failed++;
            log?.warn('observation coverage reminder not sent', { groupId: group.id, error });
            await deps.observations.releaseGroupReminder(semester, group.id);
          }
        }
      }
      return run;
    },
  };
}
