import * as z from 'zod/mini';
import { Cursor, Id, IsoDateTime } from './common.ts';
import { LocalDate, code, decimal, integer, line, prose, shaped } from './fields.ts';
import { DEFAULT_RULES, type FederationRules } from './federations.ts';
import type { SessionKind } from './sessions.ts';
import type { Position } from './users.ts';

// Growth archive (成长档案): what a teacher enters, what attendance credits by itself, and the targets.

/** Kinds a teacher enters (reviewed by the school admin before they count). */
export const ENTRY_KINDS = [
  'training',
  'lesson_observation',
  'open_class',
  'award',
  'paper',
  'project',
  'mentorship',
  'rotation',
  'reading',
  'other',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
/** Every kind on a timeline: the entered ones and `research_attendance`, which only attendance creates. */
export const ARCHIVE_KINDS = [...ENTRY_KINDS, 'research_attendance'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];
export const ARCHIVE_KIND_LABELS: Record<ArchiveKind, string> = {
  training: '培训学时',
  lesson_observation: '听课评课',
  open_class: '公开课 / 示范课',
  award: '获奖荣誉',
  paper: '论文发表',
  project: '课题研究',
  mentorship: '师徒结对',
  rotation: '交流轮岗',
  reading: '读书学习',
  other: '其他',
  research_attendance: '教研活动',
};

export const LEVELS = ['school', 'district', 'city', 'province', 'national'] as const;
const Level = z.enum(LEVELS);
type Level = z.infer<typeof Level>;
export const LEVEL_LABELS: Record<Level, string> = {
  school: '校级',
  district: '区县级',
  city: '市级',
  province: '省级',
  national: '国家级',
};

const ENTRY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const EntryStatus = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof EntryStatus>;
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' };

/** A school year, `2026-2027` (from 1 September), 1970–2100. */
export const SchoolYear = shaped(/^\d{4}-\d{4}$/, '学年格式应为 2026-2027', 9, {
  then: [z.refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1 && Number(v.slice(0, 4)) >= 1970 && Number(v.slice(0, 4)) < 2100, '学年格式应为 2026-2027')],
});

const text = (label: string, max: number) => line(label, max, 1);

export const OBSERVATION_COMMENT_MIN = 30;
export const READING_REFLECTION_MIN = 100;
export const MAX_EVIDENCE = 9;

const Common = {
  date: LocalDate,
  /** Upload ids from `POST /v1/uploads`, checked when the entry is saved. */
  evidence: z._default(z.array(Id).check(z.maxLength(MAX_EVIDENCE, `证明材料最多 ${MAX_EVIDENCE} 个`)), []),
  note: z.optional(prose('备注', 500)),
};

export const ArchiveEntryInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('training'),
    title: text('培训名称', 100),
    provider: text('培训机构', 60),
    hours: decimal('培训学时', 0.1, 200, { places: 1 }),
    certificateNo: z.optional(line('证书编号', 60)),
    ...Common,
  }),
  z.strictObject({
    kind: z.literal('lesson_observation'),
    observedTeacher: text('授课教师', 32),
    observedSchool: text('授课学校', 60),
    subject: text('学科', 20),
    grade: text('年级', 20),
    className: z.optional(line('班级', 32)),
    topic: z.optional(line('课题', 100)),
    rating: integer('评分', 1, 5, { message: '评分为 1 到 5 星' }),
    comments: prose('评课意见', 2000, OBSERVATION_COMMENT_MIN),
    ...Common,
  }),
  z.strictObject({
    kind: z.literal('open_class'),
    title: text('课题', 100),
    level: Level,
    subject: text('学科', 20),
    grade: z.optional(line('年级', 20)),
    ...Common,
  }),
  z.strictObject({ kind: z.literal('award'), title: text('奖项名称', 100), level: Level, issuer: text('颁发单位', 60), ...Common }),
  z.strictObject({
    kind: z.literal('paper'),
    title: text('论文题目', 100),
    publication: text('刊物或会议', 60),
    level: z.optional(Level),
    ...Common,
  }),
  z.strictObject({
    kind: z.literal('project'),
    title: text('课题名称', 100),
    role: z.enum(['lead', 'member']),
    level: Level,
    ...Common,
  }),
  z.strictObject({
    kind: z.literal('mentorship'),
    role: z.enum(['mentor', 'apprentice']),
    partnerName: text('对方姓名', 32),
    until: z.optional(LocalDate),
    ...Common,
  }),
  z.strictObject({
    kind: z.literal('rotation'),
    fromSchool: text('原学校', 60),
    toSchool: text('交流学校', 60),
    until: z.optional(LocalDate),
    ...Common,
  }),
  z.strictObject({ kind: z.literal('reading'), book: text('书名', 60), reflection: prose('读书心得', 5000, READING_REFLECTION_MIN), ...Common }),
  z.strictObject({
    kind: z.literal('other'),
    title: text('名称', 100),
    description: z.optional(prose('说明', 1000)),
    ...Common,
  }),
]);
export type ArchiveEntryInput = z.infer<typeof ArchiveEntryInput>;
export type ArchiveEntryInputOf<K extends EntryKind> = Extract<ArchiveEntryInput, { kind: K }>;

export const MENTOR_ROLE_LABELS = { mentor: '师傅', apprentice: '徒弟' } as const;
export const PROJECT_ROLE_LABELS = { lead: '主持人', member: '参与者' } as const;

export const Evidence = z.object({
  id: Id,
  name: z.string(),
  contentType: z.string(),
  size: z.int(),
  /** A short-lived link to view the file. */
  url: z.optional(z.string()),
});
export type Evidence = z.infer<typeof Evidence>;

export const Review = z.object({
  decision: z.enum(['approved', 'rejected']),
  comment: z.optional(z.string()),
  by: Id,
  byName: z.optional(z.string()),
  at: IsoDateTime,
});
export type Review = z.infer<typeof Review>;

/**
 * One line of the archive. `source: 'entered'` lines are a teacher's own (with a review status);
 * `source: 'derived'` lines come from attendance, sessions and check-ins, are always approved and never editable:
 * `research_attendance` (credited hours), `lesson_observation` (attended an observed or demo lesson),
 * `open_class` (gave the lesson of a session), and the archive kind of a campaign for each of its check-ins.
 */
export type ArchiveEntry = {
  id: string;
  userId: string;
  schoolId?: string;
  source: 'entered' | 'derived';
  status: EntryStatus;
  /** Training hours this line adds (credited hours for attendance, hours for training). */
  hours: number;
  title: string;
  evidenceFiles: Evidence[];
  review?: Review;
  createdAt: string;
  updatedAt: string;
  /** Derived lines: the session they come from. */
  sessionId?: string;
  sessionKind?: SessionKind;
  attendanceStatus?: string;
  /** Derived lines of check-ins (打卡): the campaign they come from. */
  campaignId?: string;
  /** 交流轮岗: the registered exchange a derived line comes from, and its assessment. */
  exchangeId?: string;
  exchangeRating?: 'excellent' | 'pass' | 'fail';
  /** A self-filed line that repeats a registered one (交流轮岗): shown, not counted twice. */
  duplicateOf?: string;
  /** Derived lines of a session: the person's submitted reflection (心得) on it (活动档案). */
  sessionReflection?: { text: string; submittedAt?: string; late: boolean };
  /** Derived 师徒结对 lines (带徒 / 拜师): the registered pair they come from. */
  pairId?: string;
  /** A self-filed 师徒结对 entry that duplicates a registered pair: shown, not counted twice. */
  duplicateOfPairId?: string;
} & (
  | (ArchiveEntryInput & { source: 'entered' })
  | { source: 'derived'; kind: 'research_attendance' | 'lesson_observation' | 'open_class' | 'reading' | 'training' | 'mentorship' | 'rotation' | 'other'; date: string; detail?: string }
);

export const UpdateArchiveEntryRequest = ArchiveEntryInput;

export const ArchiveQuery = z.strictObject({
  year: z.optional(SchoolYear),
  from: z.optional(LocalDate),
  to: z.optional(LocalDate),
  userId: z.optional(Id),
  kind: z.optional(z.enum(ARCHIVE_KINDS)),
});
export type ArchiveQuery = z.infer<typeof ArchiveQuery>;

export const SummaryQuery = z.strictObject({ year: z.optional(SchoolYear), userId: z.optional(Id) });

export interface ArchivePerson {
  id: string;
  name: string;
  schoolId?: string;
  schoolName?: string;
  position?: Position;
}

export interface ArchiveList {
  person: ArchivePerson;
  from: string;
  to: string;
  entries: ArchiveEntry[];
}

export interface ArchiveSummary {
  person: ArchivePerson;
  year: string;
  semester: string;
  training: { hours: number; target: number; cycleHours: number; cycleTarget: number; cycle: string };
  observations: { semester: string; count: number; target?: number };
  /** Sessions attended this school year, by session kind. */
  sessionsByKind: Partial<Record<SessionKind, number>>;
  /** Approved lines this school year, by archive kind (derived ones included). */
  counts: Record<ArchiveKind, number>;
  pending: number;
  onTrack: boolean;
}

export const ReviewRequest = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  comment: z.optional(prose('审核意见', 200)),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const ReviewsQuery = z.strictObject({ cursor: z.optional(Cursor) });

export interface ReviewList {
  items: (ArchiveEntry & { personName: string })[];
  nextCursor?: string;
}

export const SchoolArchiveQuery = z.strictObject({
  year: z.optional(SchoolYear),
  format: z.optional(z.enum(['json', 'xlsx', 'csv'])),
});

export interface SchoolArchiveRow {
  userId: string;
  name: string;
  position?: Position;
  hours: number;
  hoursTarget: number;
  observations: number;
  observationsTarget?: number;
  sessions: number;
  openClasses: number;
  awards: number;
  pending: number;
  onTrack: boolean;
}

export interface SchoolArchiveOverview {
  school: { id: string; name: string };
  year: string;
  semester: string;
  rows: SchoolArchiveRow[];
}

export const PrintLinkQuery = z.strictObject({
  year: z.optional(SchoolYear),
  from: z.optional(LocalDate),
  to: z.optional(LocalDate),
  userId: z.optional(Id),
});
export const PrintQuery = z.strictObject({ t: code('链接', 2048, 16) });
export interface PrintLink {
  url: string;
  expiresAt: string;
}

// Calendar: school years and the five-year training cycle (e.g. 2026–2030), in Asia/Shanghai.

/** First and last day of a school year: 1 September to 31 August. */
export function schoolYearRange(year: string): { from: string; to: string } {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/** The five school years of the training cycle that holds `year`, counted from `cycleStartYear`. */
export function cycleOf(year: string, cycleStartYear: number): { from: string; to: string; label: string; years: string[] } {
  const start = Number(year.slice(0, 4));
  const first = cycleStartYear + Math.floor((start - cycleStartYear) / 5) * 5;
  const years = Array.from({ length: 5 }, (_, i) => `${first + i}-${first + i + 1}`);
  return { from: `${first}-09-01`, to: `${first + 5}-08-31`, label: `${first}–${first + 4} 学年`, years };
}

/** The part of a period gone by at `now`, between 0 and 1 (for "on track"). */
export function elapsedShare(range: { from: string; to: string }, now: Date): number {
  const from = Date.parse(`${range.from}T00:00:00+08:00`);
  const to = Date.parse(`${range.to}T23:59:59+08:00`);
  return Math.min(1, Math.max(0, (now.getTime() - from) / (to - from)));
}

/** A semester's days: autumn 1 Sep – 31 Jan, spring 1 Feb – 31 Aug. */
export function semesterDays(semester: string): { from: string; to: string } {
  const start = Number(semester.slice(0, 4));
  return semester.endsWith('-1') ? { from: `${start}-09-01`, to: `${start + 1}-01-31` } : { from: `${start + 1}-02-01`, to: `${start + 1}-08-31` };
}

export interface ArchiveTargets {
  trainingHoursPerYear: number;
  trainingHoursPerCycle: number;
  lessonsObservedPerSemester?: number;
}

export function targetsFor(position: Position | undefined, rules: Pick<FederationRules, 'trainingHoursPerYear' | 'trainingHoursPerCycle' | 'lessonsObservedPerSemester'> = DEFAULT_RULES): ArchiveTargets {
  const observed = position ? rules.lessonsObservedPerSemester[position] : undefined;
  return {
    trainingHoursPerYear: rules.trainingHoursPerYear,
    trainingHoursPerCycle: rules.trainingHoursPerCycle,
    ...(observed ? { lessonsObservedPerSemester: observed } : {}),
  };
}

/**
 * On track (docs/design/archive.md): the hours so far reach the yearly target times the share of the school
 * year gone by, to the nearest 0.1 h; the lessons observed reach the semester's target times the share of the
 * semester gone by, in whole lessons (rounded down: a lesson is due once a whole one is).
 */
export function isOnTrack(
  progress: { hours: number; observations: number; year: string; semester: string },
  targets: ArchiveTargets,
  now: Date,
): boolean {
  // Due hours to the nearest 0.1 h, the resolution hours are credited in: 6 h of 6.1 h due is behind.
  const hoursDue = Math.round(targets.trainingHoursPerYear * elapsedShare(schoolYearRange(progress.year), now) * 10) / 10;
  if (progress.hours < hoursDue) return false;
  if (targets.lessonsObservedPerSemester === undefined) return true;
  const observedDue = Math.floor(targets.lessonsObservedPerSemester * elapsedShare(semesterDays(progress.semester), now));
  return progress.observations >= observedDue;
}

/** Session kinds whose attendance also counts as a lesson observed; the lesson's teacher gets an open class. */
export const OBSERVED_LESSON_KINDS: readonly SessionKind[] = ['lesson_observation', 'demo_lesson'];

/** The line a timeline shows for an entered entry. */
export function entryTitle(input: ArchiveEntryInput): string {
  switch (input.kind) {
    case 'lesson_observation':
      return `听${input.observedTeacher}${input.subject}课${input.topic ? `《${input.topic.replace(/^《|》$/g, '')}》` : ''}`;
    case 'mentorship':
      return `师徒结对（${MENTOR_ROLE_LABELS[input.role]}）：${input.partnerName}`;
    case 'rotation':
      return `交流轮岗：${input.fromSchool} → ${input.toSchool}`;
    case 'reading':
      return `《${input.book.replace(/^《|》$/g, '')}》`;
    default:
      return input.title;
  }
}

/** Training hours an entered entry adds once approved (only training carries hours). */
export const entryHours = (input: ArchiveEntryInput): number => (input.kind === 'training' ? input.hours : 0);
