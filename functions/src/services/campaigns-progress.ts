import {
  addDays,
  campaignStatusOf,
  periodKey,
  periodLabel,
  periodRange,
  periodsBetween,
  shanghaiDay,
  streaksOf,
  type CalendarPeriod,
  type Campaign,
  type CampaignPeriod,
  type CampaignProgress,
  type CampaignStatus,
} from '@lianyan/shared';
import type { CheckInMark } from '#repositories/campaigns';

// The arithmetic of check-ins, free of I/O: periods of a campaign, progress, streaks, make-ups, reminder times.

/** The period open now, or none before the start and after the end. */
function currentPeriod(campaign: Pick<Campaign, 'period' | 'startDate' | 'endDate'>, today: string): string | undefined {
  return campaignStatusOf(campaign, today) === 'running' ? periodKey(campaign.period, today) : undefined;
}

/** The period a summary speaks of: the open one, else the first (not started) or the last (ended). */
export function referencePeriod(campaign: Pick<Campaign, 'period' | 'startDate' | 'endDate'>, today: string): string {
  const status = campaignStatusOf(campaign, today);
  return periodKey(campaign.period, status === 'running' ? today : status === 'upcoming' ? campaign.startDate : campaign.endDate);
}

export const campaignPeriods = (campaign: Pick<Campaign, 'period' | 'startDate' | 'endDate'>) => periodsBetween(campaign.period, campaign.startDate, campaign.endDate);

/**
 * Which period a check-in is for: the current one, or a past period of the campaign to make up. Make-ups are for
 * periods of the campaign before the current one, and only while the campaign runs.
 */
export function targetPeriod(campaign: Pick<Campaign, 'period' | 'startDate' | 'endDate'>, today: string, requested: string | undefined):
  | { period: string; makeup: boolean }
  | { closed: 'not_started' | 'ended' | 'future' | 'outside' } {
  const status = campaignStatusOf(campaign, today);
  if (status === 'upcoming') return { closed: 'not_started' };
  if (status === 'ended') return { closed: 'ended' };
  const current = periodKey(campaign.period, today);
  if (requested === undefined || requested === current) return { period: current, makeup: false };
  if (!campaignPeriods(campaign).includes(requested)) return { closed: 'outside' };
  if (requested > current) return { closed: 'future' };
  return { period: requested, makeup: true };
}

/** One mark per period (the first stored), within the campaign's periods. */
function marksByPeriod(periods: string[], marks: CheckInMark[]): Map<string, CheckInMark> {
  const inCampaign = new Set(periods);
  const byPeriod = new Map<string, CheckInMark>();
  for (const m of [...marks].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (inCampaign.has(m.period) && !byPeriod.has(m.period)) byPeriod.set(m.period, m);
  }
  return byPeriod;
}

export interface PersonFigures {
  count: number;
  completed: boolean;
  streak: number;
  longestStreak: number;
  makeupsUsed: number;
  checkedInThisPeriod: boolean;
  lastCheckInAt?: string;
}

/** A person's figures in a campaign from their check-ins. */
export function figuresOf(campaign: Campaign, marks: CheckInMark[], today: string, period = referencePeriod(campaign, today)): PersonFigures {
  const periods = campaignPeriods(campaign);
  const byPeriod = marksByPeriod(periods, marks);
  const status = campaignStatusOf(campaign, today);
  const upTo = status === 'upcoming' ? [] : status === 'running' ? periods.slice(0, periods.indexOf(periodKey(campaign.period, today)) + 1) : periods;
  const { streak, longest } = streaksOf(upTo, new Set(byPeriod.keys()), currentPeriod(campaign, today));
  const last = [...byPeriod.values()].map((m) => m.createdAt).sort().at(-1);
  return {
    count: byPeriod.size,
    completed: byPeriod.size >= campaign.requiredCount,
    streak,
    longestStreak: longest,
    makeupsUsed: [...byPeriod.values()].filter((m) => m.makeup).length,
    checkedInThisPeriod: byPeriod.has(period),
    ...(last ? { lastCheckInAt: last } : {}),
  };
}

/** Progress, streak and the calendar of periods of one person (their check-ins' content is added by the service). */
export function progressOf(campaign: Campaign, marks: CheckInMark[], now: Date): Omit<CampaignProgress, 'checkIns'> {
  const today = shanghaiDay(now);
  const status: CampaignStatus = campaignStatusOf(campaign, today);
  const periods = campaignPeriods(campaign);
  const byPeriod = marksByPeriod(periods, marks);
  const current = currentPeriod(campaign, today);
  const f = figuresOf(campaign, marks, today);
  const makeupsLeft = Math.max(0, campaign.makeupAllowance - f.makeupsUsed);
  const calendar: CalendarPeriod[] = periods.map((period) => {
    const mark = byPeriod.get(period);
    const range = clippedRange(campaign, period);
    const state = mark
      ? mark.makeup
        ? 'makeup'
        : 'done'
      : period === current
        ? 'open'
        : status === 'upcoming' || (current !== undefined && period > current)
          ? 'upcoming'
          : 'missed';
    return { period, label: periodLabel(campaign.period, period), ...range, state };
  });
  return {
    campaign,
    status,
    ...(current ? { current: { period: current, label: periodLabel(campaign.period, current), ...clippedRange(campaign, current) } } : {}),
    checkedInThisPeriod: current !== undefined && byPeriod.has(current),
    count: f.count,
    required: campaign.requiredCount,
    completed: f.completed,
    streak: f.streak,
    longestStreak: f.longestStreak,
    makeupsUsed: f.makeupsUsed,
    makeupsLeft,
    canMakeUp: status === 'running' && makeupsLeft > 0 ? calendar.filter((c) => c.state === 'missed').map((c) => c.period) : [],
    calendar,
  };
}

/** A period's days within the campaign (its first and last periods may be cut by the start and end). */
export function clippedRange(campaign: Pick<Campaign, 'period' | 'startDate' | 'endDate'>, period: string): { from: string; to: string } {
  const range = periodRange(campaign.period, period);
  return { from: range.from < campaign.startDate ? campaign.startDate : range.from, to: range.to > campaign.endDate ? campaign.endDate : range.to };
}

/** How many days before a period's last day its reminder goes out (daily: on the day; weekly: Saturday). */
const REMINDER_LEAD_DAYS: Record<CampaignPeriod, number> = { daily: 0, weekly: 1, monthly: 3, semester: 14 };

/** When the reminder of a period goes out: the reminder time, `REMINDER_LEAD_DAYS` before the period's last day. */
export function reminderDueOf(campaign: Pick<Campaign, 'period' | 'startDate' | 'endDate' | 'reminderTime'>, period: string): string | undefined {
  if (!campaign.reminderTime) return undefined;
  const { from, to } = clippedRange(campaign, period);
  const lead = addDays(to, -REMINDER_LEAD_DAYS[campaign.period]);
  const day = lead < from ? from : lead;
  return new Date(`${day}T${campaign.reminderTime}:00+08:00`).toISOString();
}

/** The first reminder of a new campaign: the one of the period open now (or of the first period). Already passed → due now. */
export function firstReminderDue(campaign: Campaign, now: Date): string | undefined {
  const today = shanghaiDay(now);
  if (today > campaign.endDate) return undefined;
  return reminderDueOf(campaign, referencePeriod(campaign, today));
}

/** After the reminders of `period`: the next period's reminder, or none after the last period. */
export function nextReminderDue(campaign: Campaign, period: string): string | undefined {
  const periods = campaignPeriods(campaign);
  const next = periods[periods.indexOf(period) + 1];
  return next ? reminderDueOf(campaign, next) : undefined;
}
