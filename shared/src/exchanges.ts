import * as z from 'zod/mini';
import { Id } from './common.ts';
import { LocalDate, prose } from './fields.ts';
import { Semester } from './semester.ts';

// 交流轮岗 (issue 16): a person sent from one school of a federation to another for a period, assessed when it ends.

const EXCHANGE_KINDS = ['cadre', 'backbone', 'shadow', 'itinerant'] as const;
export const ExchangeKind = z.enum(EXCHANGE_KINDS, { error: '交流类型应为 挂职、支教、跟岗 或 走教' });
export type ExchangeKind = z.infer<typeof ExchangeKind>;
export const EXCHANGE_KIND_LABELS: Record<ExchangeKind, string> = {
  cadre: '挂职',
  backbone: '支教',
  shadow: '跟岗',
  itinerant: '走教',
};

export const EXCHANGE_RATINGS = ['excellent', 'pass', 'fail'] as const;
export const ExchangeRating = z.enum(EXCHANGE_RATINGS, { error: '考核结果应为 优秀、合格 或 不合格' });
export type ExchangeRating = z.infer<typeof ExchangeRating>;
export const EXCHANGE_RATING_LABELS: Record<ExchangeRating, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };

/** planned: not started; running; awaiting: ended without assessment (待考核); assessed. */
const EXCHANGE_STATUSES = ['planned', 'running', 'awaiting', 'assessed'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];
export const EXCHANGE_STATUS_LABELS: Record<ExchangeStatus, string> = { planned: '未开始', running: '进行中', awaiting: '待考核', assessed: '已考核' };

/** The status on a calendar day (`YYYY-MM-DD`, Asia/Shanghai). */
export const exchangeStatusOf = (e: { startDate: string; endDate: string; assessment?: unknown }, today: string): ExchangeStatus =>
  today < e.startDate ? 'planned' : today <= e.endDate ? 'running' : e.assessment ? 'assessed' : 'awaiting';

/** Whether two periods (inclusive calendar days) share a day. */
export const periodsOverlap = (a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }) =>
  a.startDate <= b.endDate && b.startDate <= a.endDate;

/** A semester's days (as `semesterDays` in archive.ts; kept here so users.ts → exchanges.ts imports no cycle). */
function semesterDays(semester: string): { from: string; to: string } {
  const start = Number(semester.slice(0, 4));
  return semester.endsWith('-1') ? { from: `${start}-09-01`, to: `${start + 1}-01-31` } : { from: `${start + 1}-02-01`, to: `${start + 1}-08-31` };
}

const ExchangeFields = {
  userId: Id,
  fromSchoolId: Id,
  toSchoolId: Id,
  kind: ExchangeKind,
  startDate: LocalDate,
  endDate: LocalDate,
  duties: z.optional(prose('工作内容', 500)),
};

const datesInOrder = (v: { startDate?: string | undefined; endDate?: string | undefined }) => !v.startDate || !v.endDate || v.startDate <= v.endDate;
const DATES_MESSAGE = { error: '结束日期不能早于开始日期', path: ['endDate'] };
const schoolsDiffer = (v: { fromSchoolId?: string | undefined; toSchoolId?: string | undefined }) => !v.fromSchoolId || !v.toSchoolId || v.fromSchoolId !== v.toSchoolId;
const SCHOOLS_MESSAGE = { error: '派出学校和接收学校不能相同', path: ['toSchoolId'] };

export const CreateExchangeRequest = z.strictObject(ExchangeFields).check(z.refine(datesInOrder, DATES_MESSAGE), z.refine(schoolsDiffer, SCHOOLS_MESSAGE));
export type CreateExchangeRequest = z.infer<typeof CreateExchangeRequest>;

/** A change: any of the fields but the person (another person is another exchange). */
export const UpdateExchangeRequest = z
  .strictObject({
    fromSchoolId: z.optional(Id),
    toSchoolId: z.optional(Id),
    kind: z.optional(ExchangeKind),
    startDate: z.optional(LocalDate),
    endDate: z.optional(LocalDate),
    duties: z.optional(prose('工作内容', 500)),
  })
  .check(z.refine(datesInOrder, DATES_MESSAGE), z.refine(schoolsDiffer, SCHOOLS_MESSAGE));
export type UpdateExchangeRequest = z.infer<typeof UpdateExchangeRequest>;

export const ExchangeAssessmentRequest = z.strictObject({
  rating: ExchangeRating,
  comment: prose('考核意见', 1000, 1),
  uploadIds: z._default(z.array(Id).check(z.maxLength(9, '附件最多 9 个')), []),
});
export type ExchangeAssessmentRequest = z.infer<typeof ExchangeAssessmentRequest>;

export const ListExchangesQuery = z.strictObject({
  semester: z.optional(Semester),
  format: z.optional(z.enum(['json', 'xlsx', 'csv'], { error: '导出格式应为 xlsx 或 csv' })),
});
export type ListExchangesQuery = z.infer<typeof ListExchangesQuery>;

export const ExchangeAssessment = z.object({
  rating: ExchangeRating,
  comment: z.string(),
  uploadIds: z.array(z.string()),
  assessedBy: z.string(),
  assessedAt: z.string(),
});
export type ExchangeAssessment = z.infer<typeof ExchangeAssessment>;

export const Exchange = z.object({
  id: z.string(),
  federationId: z.string(),
  userId: z.string(),
  fromSchoolId: z.string(),
  toSchoolId: z.string(),
  kind: ExchangeKind,
  startDate: z.string(),
  endDate: z.string(),
  duties: z.optional(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  assessment: z.optional(ExchangeAssessment),
});
export type Exchange = z.infer<typeof Exchange>;

/** A row of 交流教师名单: the exchange with the person's name, schools' names, subject, position and titles. */
export const ExchangeRow = z.extend(Exchange, {
  name: z.string(),
  fromSchoolName: z.string(),
  toSchoolName: z.string(),
  subjects: z.array(z.string()),
  position: z.optional(z.string()),
  titles: z.array(z.string()),
  status: z.enum(EXCHANGE_STATUSES),
});
export type ExchangeRow = z.infer<typeof ExchangeRow>;

const QuotaLine = z.object({ done: z.int(), target: z.int(), met: z.boolean() });
export type ExchangeQuotaLine = z.infer<typeof QuotaLine>;

/** Cadres (挂职) and backbone teachers (支教, 走教) sent in the semester, people counted once each, against the rules. */
export const ExchangeQuota = z.object({
  semester: z.string(),
  cadres: QuotaLine,
  backbone: QuotaLine,
  /** 跟岗: listed, not part of a quota. */
  shadow: z.int(),
  awaitingAssessment: z.int(),
});
export type ExchangeQuota = z.infer<typeof ExchangeQuota>;

export const ExchangeList = z.object({ items: z.array(ExchangeRow), quota: ExchangeQuota });
export type ExchangeList = z.infer<typeof ExchangeList>;

/** What `me` carries of a running exchange (from the user's own partition: no extra read). */
export const CurrentExchange = z.object({
  id: Id,
  kind: ExchangeKind,
  fromSchoolId: Id,
  toSchoolId: Id,
  toSchoolName: z.optional(z.string()),
  startDate: z.string(),
  endDate: z.string(),
});
export type CurrentExchange = z.infer<typeof CurrentExchange>;

/** The people counted for a quota line: distinct people with an exchange of these kinds in the semester. */
export function exchangeQuota(items: Array<Pick<Exchange, 'userId' | 'kind' | 'startDate' | 'endDate' | 'assessment'>>, semester: string, rules: { exchangeCadresPerSemester: number; exchangeBackbonePerSemester: number }, today: string): ExchangeQuota {
  const days = semesterDays(semester);
  const inSemester = items.filter((e) => periodsOverlap(e, { startDate: days.from, endDate: days.to }));
  const people = (kinds: ExchangeKind[]) => new Set(inSemester.filter((e) => kinds.includes(e.kind)).map((e) => e.userId)).size;
  const line = (done: number, target: number): ExchangeQuotaLine => ({ done, target, met: done >= target });
  return {
    semester,
    cadres: line(people(['cadre']), rules.exchangeCadresPerSemester),
    backbone: line(people(['backbone', 'itinerant']), rules.exchangeBackbonePerSemester),
    shadow: people(['shadow']),
    awaitingAssessment: inSemester.filter((e) => exchangeStatusOf(e, today) === 'awaiting').length,
  };
}
