import type { ReminderRun, Session } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { notFound } from '#lib/errors';
import type { Logger } from '#lib/logger';
import type { SubscribeMessage } from '#lib/wechat';
import type { RegistrationRepository } from '#repositories/registrations';
import type { SessionRepository } from '#repositories/sessions';
import { wechatThing, type Reminder, type ReminderDelivery } from './reminder-delivery.ts';
import { shanghaiTime } from '@lianyan/shared';

/** `2026年11月23日 09:30`, the `time` value a subscribe-message template expects. */
export function reminderTime(iso: string): string {
  const [date = '', clock = ''] = shanghaiTime(iso).split(' ');
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日 ${clock}`;
}

/** The 活动开始提醒 subscribe message of a family session, opening the session page. */
export function reminderMessage(session: Session, openid: string, templateId: string): SubscribeMessage {
  return {
    touser: openid,
    templateId,
    page: `packages/signin/session/index?id=${encodeURIComponent(session.id)}`,
    data: {
      thing1: wechatThing(session.title),
      time2: { value: reminderTime(session.startAt) },
      thing3: wechatThing(session.mode === 'online' ? '线上活动' : (session.venue?.name ?? '见活动详情')),
      thing4: wechatThing(session.mode === 'online' ? '请准时进入直播，扫描直播画面中的签到码' : '请准时到场，扫描现场二维码签到'),
    },
  };
}

/** The reminder of a family session for each app: the subscribe message, and the same facts as a DingTalk work notice. */
function sessionReminder(session: Session, templateId: string): Reminder {
  const place = session.mode === 'online' ? '线上活动（直播）' : (session.venue?.name ?? '见活动详情');
  const how = session.mode === 'online' ? '请准时进入直播，扫描直播画面中的签到码。' : '请准时到场，扫描现场二维码签到。';
  return {
    wechat: (openid) => reminderMessage(session, openid, templateId),
    dingtalk: {
      title: `活动开始提醒：${session.title}`,
      markdown: [`### 活动开始提醒`, `**${session.title}**`, `- 时间：${reminderTime(session.startAt)}`, `- 地点：${place}`, '', how, '', '打开「联研」查看活动详情。'].join('\n'),
    },
  };
}

/**
 * Reminders before family sessions, sent to registered parents as WeChat subscribe messages or DingTalk work notices.
 * Runs on a schedule (serverless.yml, from functions/jobs.json) and, locally, on an interval or through a local-only route.
 * At most once per (registration, start time): the registration is claimed before sending and released if the
 * send fails, so the next run tries again.
 */
export function makeReminderService(deps: {
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  delivery: ReminderDelivery;
  /** The WeChat template of 活动开始提醒. */
  templateId: string;
  clock: Clock;
  localJobsEnabled: boolean;
}) {
  const { registrations } = deps;

  async function remindSession(session: Session, run: ReminderRun, log?: Logger) {
    const reminder = sessionReminder(session, deps.templateId);
    const registered = (await registrations.listRegistrations(session.id)).filter((r) => r.status === 'registered');
    let failed = 0;
    for (const reg of registered) {
      if (!(await registrations.claimReminder(session.id, reg.userId, session.startAt))) continue;
      try {
        if ((await deps.delivery.send(reg.userId, reminder)) === 'sent') run.sent++;
        else run.skipped++;
      } catch (error) {
        failed++;
        log?.warn('reminder not sent', { sessionId: session.id, userId: reg.userId, error });
        await registrations.releaseReminder(session.id, reg.userId, session.startAt);
      }
    }
    run.failed += failed;
    return failed === 0;
  }

  return {
    /** Sends every due reminder: sessions starting within the lead time, to their registered parents. */
    async sendDue(log?: Logger): Promise<ReminderRun> {
      const run: ReminderRun = { sessions: 0, sent: 0, skipped: 0, failed: 0 };
      if (!deps.delivery.enabled) return run;
      const now = deps.clock.now().toISOString();
      for (const due of await deps.sessions.listDueReminders(now)) {
        const session = await deps.sessions.getSession(due.sessionId);
        // Too late once it started, or no longer published: drop it from the queue.
        if (!session || session.status !== 'published' || session.startAt <= now) {
          await deps.sessions.markReminderDone(due.sessionId, due.startAt);
          continue;
        }
        run.sessions++;
        if (await remindSession(session, run, log)) await deps.sessions.markReminderDone(session.id, session.startAt);
      }
      return run;
    },

    /** The local stack's trigger (a local-only route): refused on every other stage. */
    async sendDueLocally(log?: Logger): Promise<ReminderRun> {
      if (!deps.localJobsEnabled) throw notFound();
      return this.sendDue(log);
    },
  };
}
export type ReminderService = ReturnType<typeof makeReminderService>;
