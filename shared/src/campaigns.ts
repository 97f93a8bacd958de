import * as z from 'zod/mini';
import type { Evidence } from './archive.ts';
import { Cursor, Id } from './common.ts';
import { LocalDate, decimal, integer, line, prose, shaped } from './fields.ts';
import { semesterDays } from './archive.ts';
import { semesterOf, shanghaiDate } from './semester.ts';
import { Audience } from './sessions.ts';

// Activity check-ins (打卡): a campaign asks its audience for one check-in per period.

export const CAMPAIGN_PERIODS = ['daily', 'weekly', 'monthly', 'semester'] as const;
export const CampaignPeriod = z.enum(CAMPAIGN_PERIODS);
export type CampaignPeriod = z.infer<typeof CampaignPeriod>;
export const CAMPAIGN_PERIOD_LABELS: Record<CampaignPeriod, string> = { daily: '每天', weekly: '每周', monthly: '每月', semester: '每学期' };
export const PERIOD_UNIT_LABELS: Record<CampaignPeriod, string> = { daily: '天', weekly: '周', monthly: '月', semester: '学期' };

/** Archive kinds a campaign's check-ins may feed (as derived lines of the growth archive). */
const CAMPAIGN_ARCHIVE_KINDS = ['reading', 'training', 'other'] as const;
export const CampaignArchiveKind = z.enum(CAMPAIGN_ARCHIVE_KINDS);
export type CampaignArchiveKind = z.infer<typeof CampaignArchiveKind>;

export const CHECKIN_TEXT_MAX = 2000;
export const CHECKIN_PHOTOS_MAX = 9;
export const CAMPAIGN_TITLE_MAX = 40;
export const CAMPAIGN_DESCRIPTION_MAX = 1000;

export const CampaignInput = z.strictObject({
  federationId: Id,
  title: line('标题', CAMPAIGN_TITLE_MAX, 2),
  description: z._default(prose('说明', CAMPAIGN_DESCRIPTION_MAX), ''),
  /** Teachers of schools (`schools`, `federation`, `group`) or parents of schools and grades (`parents`). */
  audience: Audience,
  period: CampaignPeriod,
  /** Check-ins needed over the whole campaign to complete it. */
  requiredCount: integer('要求次数', 1, 400),
  startDate: LocalDate,
  endDate: LocalDate,
  minTextLength: z._default(integer('字数要求', 0, 1000), 0),
  minPhotos: z._default(integer('照片要求', 0, CHECKIN_PHOTOS_MAX), 0),
  /** 补卡: how many missed periods a person may make up. */
  makeupAllowance: z._default(integer('补卡次数', 0, 50), 0),
  archiveKind: z.optional(CampaignArchiveKind),
  hoursPerCheckIn: z.optional(decimal('每次打卡学时', 0, 24, { places: 1 })),
  /** `HH:MM` in Asia/Shanghai; reminders go to those who have not checked in this period. */
  reminderTime: z.optional(shaped(/^([01]\d|2[0-3]):[0-5]\d$/, '提醒时间格式应为 HH:MM', 5)),
});
export type CampaignInput = z.infer<typeof CampaignInput>;
export const CreateCampaignRequest = CampaignInput;

export type Campaign = CampaignInput & {
  id: string;
  createdBy: string;
  /** School ids whose teachers (or parents) take part: resolved when the campaign is saved. */
  audienceSchoolIds: string[];
  createdAt: string;
};

/** A period of some kind that exists (2026-02-30 and 2026-W60 do not); the campaign's own kind is checked when used. */
const PeriodKey = shaped(/^[0-9W-]{4,12}$/, '期次格式不正确', 12, {
  then: [z.refine((v) => CAMPAIGN_PERIODS.some((kind) => isPeriodKey(kind, v)), '期次不存在，请从日历中选择')],
});

export const CheckInRequest = z.strictObject({
  text: z._default(prose('打卡内容', CHECKIN_TEXT_MAX), ''),
  /** Upload ids from `POST /v1/uploads`, checked by content when the check-in is saved. */
  photos: z._default(z.array(Id).check(z.maxLength(CHECKIN_PHOTOS_MAX, `照片最多 ${CHECKIN_PHOTOS_MAX} 张`)), []),
  /** A past period to make up (补卡); the current period when omitted. */
  period: z.optional(PeriodKey),
  /** Chosen by the client once per submission: a retry of the same request answers 200 with the stored check-in. */
  requestId: z.optional(shaped(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确', 64)),
});
export type CheckInRequest = z.infer<typeof CheckInRequest>;

export interface CheckIn {
  campaignId: string;
  period: string;
  periodLabel: string;
  /** Full name, or for parents in another parent's view only the given name. */
  displayName: string;
  mine: boolean;
  schoolId?: string;
  text: string;
  photos: Evidence[];
  makeup: boolean;
  /** Calendar day (Asia/Shanghai) the check-in was made. */
  date: string;
  createdAt: string;
}

export type PeriodState = 'done' | 'makeup' | 'missed' | 'open' | 'upcoming';
export interface CalendarPeriod {
  period: string;
  label: string;
  from: string;
  to: string;
  state: PeriodState;
}

export type CampaignStatus = 'upcoming' | 'running' | 'ended';

export interface CampaignProgress {
  campaign: Campaign;
  status: CampaignStatus;
  /** The period open now (absent before the start and after the end). */
  current?: { period: string; label: string; from: string; to: string };
  checkedInThisPeriod: boolean;
  count: number;
  required: number;
  completed: boolean;
  streak: number;
  longestStreak: number;
  makeupsUsed: number;
  makeupsLeft: number;
  /** Missed periods that may still be made up now. */
  canMakeUp: string[];
  calendar: CalendarPeriod[];
  checkIns: CheckIn[];
}

export interface CheckInResult {
  checkIn: CheckIn;
  /** True when this was a retry of a request already stored (same requestId): answered 200. */
  alreadyCheckedIn: boolean;
  progress: CampaignProgress;
}

export interface CampaignCard {
  campaign: Campaign;
  status: CampaignStatus;
  currentLabel?: string;
  checkedInThisPeriod: boolean;
  count: number;
  required: number;
  streak: number;
}

export interface CampaignList {
  /** Campaigns the caller takes part in. */
  mine: CampaignCard[];
  /** Campaigns the caller may manage (organizers and admins). */
  managed: Campaign[];
}

export const FeedQuery = z.strictObject({
  schoolId: z.optional(Id),
  cursor: z.optional(Cursor),
});

export interface CampaignFeed {
  schoolId: string;
  items: CheckIn[];
  nextCursor?: string;
}

export const CompletionQuery = z.strictObject({
  period: z.optional(PeriodKey),
  format: z.optional(z.enum(['json', 'xlsx'])),
});

export interface CompletionPerson {
  userId: string;
  name: string;
  schoolId: string;
  schoolName: string;
  count: number;
  completed: boolean;
  checkedInThisPeriod: boolean;
  streak: number;
  makeupsUsed: number;
  lastCheckInAt?: string;
}

export interface CompletionSchool {
  schoolId: string;
  schoolName: string;
  members: number;
  checkedInThisPeriod: number;
  completed: number;
  /** Share of members checked in this period, 0–1. */
  periodRate: number;
}

export interface CampaignCompletion {
  campaign: Campaign;
  period: { period: string; label: string };
  required: number;
  schools: CompletionSchool[];
  people: CompletionPerson[];
  /** Who has not checked in this period. */
  missing: CompletionPerson[];
}

export const CampaignRemindersRun = z.object({ campaigns: z.int(), sent: z.int(), skipped: z.int(), failed: z.int() });
export type CampaignRemindersRun = z.infer<typeof CampaignRemindersRun>;

// Periods, on calendar days in Asia/Shanghai. Keys sort in time order within a kind:
// daily `2026-11-23`, weekly ISO week `2026-W48` (Monday–Sunday), monthly `2026-11`, semester `2026-2027-1`.

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday. */
const isoWeekday = (n: number) => ((new Date(n * DAY_MS).getUTCDay() + 6) % 7) + 1;
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day in Asia/Shanghai of an instant: `2026-11-23`. */
export function shanghaiDay(instant: Date | string): string {
  const { year, month, day } = shanghaiDate(instant);
  return `${year}-${pad(month)}-${pad(day)}`;
}

export const addDays = (date: string, days: number) => dateOf(dayNumber(date) + days);

function isoWeekKey(date: string): string {
  const n = dayNumber(date);
  const thursday = n - isoWeekday(n) + 4;
  const year = Number(dateOf(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** The key of the period a calendar day belongs to. */
export function periodKey(kind: CampaignPeriod, date: string): string {
  switch (kind) {
    case 'daily':
      return date;
    case 'weekly':
      return isoWeekKey(date);
    case 'monthly':
      return date.slice(0, 7);
    case 'semester':
      return semesterOf(`${date}T12:00:00+08:00`);
  }
}

/** The period an instant falls in, in Asia/Shanghai (23:59:59 on a Sunday is still that week). */
export const periodOfInstant = (kind: CampaignPeriod, instant: Date | string) => periodKey(kind, shanghaiDay(instant));

/** First and last calendar day of a period. Throws on a key of another shape. */
export function periodRange(kind: CampaignPeriod, key: string): { from: string; to: string } {
  if (!isPeriodKey(kind, key)) throw new Error(`not a ${kind} period: ${key}`);
  switch (kind) {
    case 'daily':
      return { from: key, to: key };
    case 'weekly': {
      const year = Number(key.slice(0, 4));
      const jan4 = dayNumber(`${year}-01-04`);
      const monday = jan4 - isoWeekday(jan4) + 1 + (Number(key.slice(6)) - 1) * 7;
      return { from: dateOf(monday), to: dateOf(monday + 6) };
    }
    case 'monthly': {
      const [y, m] = [Number(key.slice(0, 4)), Number(key.slice(5, 7))];
      return { from: `${key}-01`, to: dateOf(Date.UTC(y, m, 1) / DAY_MS - 1) };
    }
    case 'semester':
      return semesterDays(key);
  }
}

const PERIOD_SHAPES: Record<CampaignPeriod, RegExp> = {
  daily: /^\d{4}-\d{2}-\d{2}$/,
  weekly: /^\d{4}-W\d{2}$/,
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
  semester: /^(\d{4})-(\d{4})-[12]$/,
};

/** Whether a key names a real period of this kind (2026-02-30 and 2026-W60 do not). */
export function isPeriodKey(kind: CampaignPeriod, key: string): boolean {
  const match = PERIOD_SHAPES[kind].exec(key);
  if (!match) return false;
  if (kind === 'daily') return dateOf(dayNumber(key)) === key;
  if (kind === 'weekly') {
    const week = Number(key.slice(6));
    return week >= 1 && week <= 53 && isoWeekKey(dateOf(dayNumber(`${key.slice(0, 4)}-01-04`) + (week - 1) * 7)) === key;
  }
  if (kind === 'semester') return Number(match[2]) === Number(match[1]) + 1;
  return true;
}

/** The period `steps` periods after (or, negative, before) `key`. */
export function shiftPeriod(kind: CampaignPeriod, key: string, steps: number): string {
  let current = key;
  for (let i = 0; i < Math.abs(steps); i++) {
    const range = periodRange(kind, current);
    current = periodKey(kind, steps > 0 ? addDays(range.to, 1) : addDays(range.from, -1));
  }
  return current;
}

/** Every period touching the days from `from` to `to`, in order. */
export function periodsBetween(kind: CampaignPeriod, from: string, to: string): string[] {
  const periods: string[] = [];
  if (from > to) return periods;
  const last = periodKey(kind, to);
  for (let key = periodKey(kind, from); ; key = shiftPeriod(kind, key, 1)) {
    periods.push(key);
    if (key === last || periods.length > 5000) return periods;
  }
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** How people read a period: `11月23日`, `11月23日–11月29日`, `2026年11月`, `2026–2027学年第一学期`. */
export function periodLabel(kind: CampaignPeriod, key: string): string {
  switch (kind) {
    case 'daily':
      return monthDay(key);
    case 'weekly': {
      const { from, to } = periodRange(kind, key);
      return `${monthDay(from)}–${monthDay(to)}`;
    }
    case 'monthly':
      return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
    case 'semester':
      return `${key.slice(0, 4)}–${key.slice(5, 9)}学年第${key.endsWith('-1') ? '一' : '二'}学期`;
  }
}

/**
 * Streaks over a campaign's periods up to the current one: the run of consecutive periods with a check-in
 * (made-up ones count) ending at the current period, or at the one before while the current is still open.
 */
export function streaksOf(periods: string[], done: ReadonlySet<string>, current: string | undefined): { streak: number; longest: number } {
  let longest = 0;
  let run = 0;
  for (const p of periods) {
    run = done.has(p) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const upTo = current === undefined ? periods.length - 1 : periods.indexOf(current);
  let i = upTo >= 0 && current !== undefined && !done.has(current) ? upTo - 1 : upTo;
  let streak = 0;
  for (; i >= 0 && done.has(periods[i] as string); i--) streak++;
  return { streak, longest };
}

/** What a parent shows of another parent: the given name only (王芳 → 芳, 欧阳晓燕 → 晓燕). */
export function givenName(fullName: string): string {
  const chars = [...fullName.trim()];
  if (chars.length <= 1) return chars.join('') || '家长';
  const compound = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '尉迟', '公孙', '长孙', '宇文', '司徒', '夏侯'];
  const skip = chars.length > 2 && compound.includes(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(skip).join('');
}

export const campaignStatusOf = (campaign: Pick<Campaign, 'startDate' | 'endDate'>, today: string): CampaignStatus =>
  today < campaign.startDate ? 'upcoming' : today > campaign.endDate ? 'ended' : 'running';
