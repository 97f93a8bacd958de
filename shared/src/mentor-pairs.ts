import * as z from 'zod/mini';
import { Id } from './common.ts';
import { LocalDate, line, prose } from './fields.ts';
import { Evidence, MAX_EVIDENCE, SchoolYear } from './archive.ts';
import { SessionKind } from './sessions.ts';

// 师徒结对: a register of mentor pairs kept by school admins, the pair's logs (by mentor or mentee), the yearly
// evaluation, and the observations between the two counted from attendance.

const MENTOR_LOG_KINDS = ['guidance', 'lesson_plan', 'observation', 'other'] as const;
export type MentorLogKind = (typeof MENTOR_LOG_KINDS)[number];
export const MENTOR_LOG_KIND_LABELS: Record<MentorLogKind, string> = {
  guidance: '指导交流',
  lesson_plan: '备课磨课',
  observation: '听课评课',
  other: '其他',
};

const PAIR_RATINGS = ['excellent', 'pass', 'fail'] as const;
export type PairRating = (typeof PAIR_RATINGS)[number];
export const PAIR_RATING_LABELS: Record<PairRating, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };

export const PAIR_ROLE_LABELS = { mentor: '师傅', mentee: '徒弟' } as const;
export type PairRole = keyof typeof PAIR_ROLE_LABELS;

export const CreateMentorPairRequest = z
  .strictObject({
    mentorId: Id,
    menteeId: Id,
    subject: line('学科', 20, 1),
    schoolYear: SchoolYear,
    goals: z.optional(prose('结对目标', 1000)),
  })
  .check(z.refine((r) => r.mentorId !== r.menteeId, { error: '师傅和徒弟不能是同一个人', path: ['menteeId'] }));
export type CreateMentorPairRequest = z.infer<typeof CreateMentorPairRequest>;

export const ListMentorPairsQuery = z.strictObject({ schoolYear: z.optional(SchoolYear) });
export type ListMentorPairsQuery = z.infer<typeof ListMentorPairsQuery>;

export const CreateMentorLogRequest = z.strictObject({
  date: LocalDate,
  kind: z.enum(MENTOR_LOG_KINDS, { error: '记录类型只能是指导交流、备课磨课、听课评课或其他' }),
  text: prose('记录内容', 2000, 1),
  /** Upload ids from `POST /v1/uploads` (purpose `evidence`), claimed when the log is saved. */
  uploadIds: z._default(z.array(Id).check(z.maxLength(MAX_EVIDENCE, `照片最多 ${MAX_EVIDENCE} 张`)), []),
});
export type CreateMentorLogRequest = z.infer<typeof CreateMentorLogRequest>;

export const MentorEvaluationRequest = z.strictObject({
  rating: z.enum(PAIR_RATINGS, { error: '评价等级只能是优秀、合格或不合格' }),
  comment: prose('评价意见', 1000, 1),
});
export type MentorEvaluationRequest = z.infer<typeof MentorEvaluationRequest>;

// Responses (zod, so the mini-program checks what it reads).
const PairRole = z.enum(['mentor', 'mentee']);

export const PairPerson = z.object({ id: z.string(), name: z.string(), schoolId: z.optional(z.string()), schoolName: z.optional(z.string()) });
export type PairPerson = z.infer<typeof PairPerson>;

export const MentorEvaluation = z.object({
  rating: z.enum(PAIR_RATINGS),
  comment: z.string(),
  schoolYear: z.string(),
  by: z.string(),
  byName: z.optional(z.string()),
  at: z.string(),
});
export type MentorEvaluation = z.infer<typeof MentorEvaluation>;

export const MentorPair = z.object({
  id: z.string(),
  /** The school that registered the pair (its reports count it). */
  schoolId: z.string(),
  federationId: z.string(),
  mentor: PairPerson,
  mentee: PairPerson,
  subject: z.string(),
  schoolYear: z.string(),
  goals: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  evaluation: z.optional(MentorEvaluation),
});
export type MentorPair = z.infer<typeof MentorPair>;

export const MentorLog = z.object({
  id: z.string(),
  pairId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  authorRole: PairRole,
  date: z.string(),
  kind: z.enum(MENTOR_LOG_KINDS),
  text: z.string(),
  files: z.array(Evidence),
  createdAt: z.string(),
});
export type MentorLog = z.infer<typeof MentorLog>;

/** A 听评课 / 示范课 one of the two taught and the other attended: counted without being filed. */
export const PairObservation = z.object({
  sessionId: z.string(),
  title: z.string(),
  kind: SessionKind,
  startAt: z.string(),
  date: z.string(),
  teacherRole: PairRole,
  observerRole: PairRole,
});
export type PairObservation = z.infer<typeof PairObservation>;

export const MentorPairDetail = z.extend(MentorPair, {
  logs: z.array(MentorLog),
  observations: z.array(PairObservation),
  /** What the caller may do: add a log (mentor or mentee), evaluate (the registering school's admin, not yet done). */
  canLog: z.boolean(),
  canEvaluate: z.boolean(),
});
export type MentorPairDetail = z.infer<typeof MentorPairDetail>;

export const MentorPairList = z.object({
  schoolYear: z.string(),
  items: z.array(MentorPair),
  /** The federation's rule 每学期师徒结对数. */
  target: z.int(),
});
export type MentorPairList = z.infer<typeof MentorPairList>;

/** The caller's own pairs (我的). */
export const MyMentorPairs = z.object({ items: z.array(z.extend(MentorPair, { role: PairRole })) });
export type MyMentorPairs = z.infer<typeof MyMentorPairs>;

/** The line of a pair in an archive: 带徒 for the mentor, 拜师 for the mentee. */
export function pairLineTitle(role: PairRole, partnerName: string, subject: string): string {
  return role === 'mentor' ? `带徒：${partnerName}（${subject}）` : `拜师：${partnerName}（${subject}）`;
}
