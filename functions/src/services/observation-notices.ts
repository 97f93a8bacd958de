import type { Observation } from '@lianyan/shared';
import type { Logger } from '#lib/logger';
import { wechatThing, type Reminder, type ReminderDelivery } from './reminder-delivery.ts';
import { reminderTime } from './reminders.ts';

// 听评课 notices through the reminder channels (WeChat subscribe message, DingTalk work notice).

const lessonOf = (o: Pick<Observation, 'subject' | 'topic'>) => `${o.subject}${o.topic ? `《${o.topic}》` : '课'}`;

/**
 * To the observed teacher on submit: who observed which lesson, opening 我的听课 (received). On WeChat it uses the
 * 活动开始提醒 template (`thing1` title, `time2` time, `thing3` place, `thing4` note): the lesson, its start, the class.
 */
function observationNotice(observation: Observation, templateId: string): Reminder {
  const title = `听课反馈：${lessonOf(observation)}`;
  const note = `${observation.observerName}听了你的课，点击查看反馈`;
  return {
    wechat: (openid) => ({
      touser: openid,
      templateId,
      page: 'packages/observe/mine/index?tab=received',
      data: {
        thing1: wechatThing(title),
        time2: { value: reminderTime(observation.startedAt) },
        thing3: wechatThing(observation.className),
        thing4: wechatThing(note),
      },
    }),
    dingtalk: {
      title,
      markdown: [
        '### 听课反馈',
        `**${observation.observerName}** 听了你的 **${observation.className} ${lessonOf(observation)}**（${reminderTime(observation.startedAt)}）。`,
        `量表：${observation.scaleName}，总分 ${observation.total}。`,
        '',
        '打开「联研」→ 我的听课 → 我被听的课，查看评分和建议，确认已阅或写下反思。',
      ].join('\n'),
    },
  };
}

/** Sends the notice once per new observation; a channel failure is logged, never fails the submit (the feedback stays readable). */
export function makeObservationNotices(deps: { delivery: ReminderDelivery; templateId: string }) {
  return {
    async submitted(observation: Observation, log: Logger): Promise<'sent' | 'skipped' | 'failed'> {
      if (!deps.delivery.enabled) return 'skipped';
      try {
        return await deps.delivery.send(observation.teacherId, observationNotice(observation, deps.templateId));
      } catch (error) {
        log.warn('observation notice not sent', { observationId: observation.id, teacherId: observation.teacherId, error });
        return 'failed';
      }
    },
  };
}
