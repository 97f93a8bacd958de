import { campaignStatusOf, periodKey, periodLabel, shanghaiDay, type Campaign, type CampaignRemindersRun } from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { notFound } from '#lib/errors';
import type { Logger } from '#lib/logger';
import type { SubscribeMessage } from '#lib/wechat';
import type { CampaignRepository } from '#repositories/campaigns';
import type { AudienceResolver } from './audience.ts';
import { wechatThing, type Reminder, type ReminderDelivery } from './reminder-delivery.ts';
import { clippedRange, firstReminderDue, nextReminderDue, reminderDueOf } from './campaigns-progress.ts';

/** The 打卡提醒 subscribe message: the campaign, the period's deadline, which period, opening the campaign page. */
function checkInReminderMessage(campaign: Campaign, period: string, openid: string, templateId: string): SubscribeMessage {
  const { to } = clippedRange(campaign, period);
  return {
    touser: openid,
    templateId,
    page: `packages/checkin/campaign/index?id=${encodeURIComponent(campaign.id)}`,
    data: {
      thing1: wechatThing(campaign.title),
      time2: { value: `${to.slice(0, 4)}年${to.slice(5, 7)}月${to.slice(8, 10)}日 23:59` },
      thing3: wechatThing(`${periodLabel(campaign.period, period)}还未打卡`),
      thing4: wechatThing('点击进入，完成本期打卡'),
    },
  };
}

/** The check-in reminder for each app: the subscribe message, and the same as a DingTalk work notice. */
function checkInReminder(campaign: Campaign, period: string, templateId: string): Reminder {
  const { to } = clippedRange(campaign, period);
  return {
    wechat: (openid) => checkInReminderMessage(campaign, period, openid, templateId),
    dingtalk: {
      title: `打卡提醒：${campaign.title}`,
      markdown: [`### 打卡提醒`, `**${campaign.title}**`, `${periodLabel(campaign.period, period)}还未打卡，截止 ${to} 23:59。`, '', '打开「联研」→ 打卡，完成本期打卡。'].join('\n'),
    },
  };
}

/**
 * Check-in reminders, sent as WeChat subscribe messages or DingTalk work notices at the campaign's reminder time to
 * the audience members who have not checked in this period. Runs on a schedule (functions/jobs.json) and locally through a local-only route.
 * At most once per (campaign, period, person): each is claimed before sending and released if the send fails.
 */
export function makeCampaignReminderService(deps: {
  campaigns: CampaignRepository;
  audience: AudienceResolver;
  delivery: ReminderDelivery;
  /** The WeChat template of 打卡提醒. */
  templateId: string;
  clock: Clock;
  localJobsEnabled: boolean;
}) {
  const { campaigns } = deps;

  /** Reminds everyone of the audience without a check-in in `period`; false if a send failed (the next run retries it). */
  async function remindPeriod(campaign: Campaign, period: string, run: CampaignRemindersRun, log?: Logger): Promise<boolean> {
    const [members, done] = await Promise.all([deps.audience.listMembers(campaign), campaigns.listCheckInsOfCampaign(campaign.id, period)]);
    const checkedIn = new Set(done.map((m) => m.userId));
    const reminder = checkInReminder(campaign, period, deps.templateId);
    let ok = true;
    for (const member of members) {
      if (checkedIn.has(member.id)) continue;
      if (!(await campaigns.claimReminder(campaign.id, period, member.id))) continue;
      try {
        if ((await deps.delivery.send(member.id, reminder)) === 'sent') run.sent++;
        else run.skipped++;
      } catch (error) {
        ok = false;
        run.failed++;
        log?.warn('check-in reminder not sent', { campaignId: campaign.id, userId: member.id, error });
        await campaigns.releaseReminder(campaign.id, period, member.id);
      }
    }
    return ok;
  }

  return {
    /** Sends the due reminders and moves each campaign's reminder on to its next period. */
    async sendDue(log?: Logger, onlyCampaignId?: string): Promise<CampaignRemindersRun> {
      const run: CampaignRemindersRun = { campaigns: 0, sent: 0, skipped: 0, failed: 0 };
      if (!deps.delivery.enabled) return run;
      const now = deps.clock.now();
      const nowIso = now.toISOString();
      const today = shanghaiDay(now);
      for (const due of await campaigns.listDueReminders(nowIso)) {
        if (onlyCampaignId && due.campaignId !== onlyCampaignId) continue;
        const campaign = await campaigns.getCampaign(due.campaignId);
        const status = campaign ? campaignStatusOf(campaign, today) : 'ended';
        if (!campaign || status === 'ended') {
          await campaigns.rescheduleReminder(due.campaignId, due.dueAt, undefined);
          continue;
        }
        if (status === 'upcoming') {
          await campaigns.rescheduleReminder(campaign.id, due.dueAt, firstReminderDue(campaign, now));
          continue;
        }
        const period = periodKey(campaign.period, today);
        const dueOfPeriod = reminderDueOf(campaign, period);
        // Not yet time for this period (the queue held an earlier time): wait for it.
        if (!dueOfPeriod || dueOfPeriod > nowIso) {
          await campaigns.rescheduleReminder(campaign.id, due.dueAt, dueOfPeriod);
          continue;
        }
        run.campaigns++;
        if (await remindPeriod(campaign, period, run, log)) await campaigns.rescheduleReminder(campaign.id, due.dueAt, nextReminderDue(campaign, period));
      }
      return run;
    },

    /** The local stack's trigger (a local-only route; `onlyCampaignId` keeps a test to its own campaign): refused on every other stage. */
    async sendDueLocally(log?: Logger, onlyCampaignId?: string): Promise<CampaignRemindersRun> {
      if (!deps.localJobsEnabled) throw notFound();
      return this.sendDue(log, onlyCampaignId);
    },
  };
}
export type CampaignReminderService = ReturnType<typeof makeCampaignReminderService>;
