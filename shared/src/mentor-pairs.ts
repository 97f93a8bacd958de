import * as z from 'zod/mini';
import { Id } from './common.ts';
import { LocalDate, line, prose } from './fields.ts';
import { SchoolYear, MAX_EVIDENCE, type Evidence } from './archive.ts';
import type { SessionKind } from './sessions.ts';

// 师徒结对: a register of mentor pairs kept by school admins, the pair's logs (by mentor or mentee), the yearly
// evaluation, and the observations between the two counted from attendance.

export const MENTOR_LOG_KINDS = ['guidance', 'lesson_plan', 'observation', 'other'] as const;
export type MentorLogKind = (typeof MENTOR_LOG_KINDS)[number];
export const MENTOR_LOG_KIND_LABELS: Record<MentorLogKind, string> = {
  guidance: '指导交流',
  lesson_plan: '备课磨课',
  observation: '听课评课',
  other: '其他',
};

export const PAIR_RATINGS = ['excellent', 'pass', 'fail'] as const;
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

export interface PairPerson {
  id: string;
  name: string;
  schoolId?: string;
  schoolName?: string;
}

export interface MentorEvaluation {
  rating: PairRating;
  comment: string;
  schoolYear: string;
  by: string;
  byName?: string;
  at: string;
}

export interface MentorPair {
  id: string;
  /** The school that registered the pair (its reports count it). */
  schoolId: string;
  federationId: string;
  mentor: PairPerson;
  mentee: PairPerson;
  subject: string;
  schoolYear: string;
  goals?: string;
  createdAt: string;
  createdBy: string;
  evaluation?: MentorEvaluation;
}

export interface MentorLog {
  id: string;
  pairId: string;
  authorId: string;
  authorName: string;
  authorRole: PairRole;
  date: string;
  kind: MentorLogKind;
  text: string;
  files: Evidence[];
  createdAt: string;
}

/** A 听评课 / 示范课 one of the two taught and the other attended: counted without being filed. */
export interface PairObservation {
  sessionId: string;
  title: string;
  kind: SessionKind;
  startAt: string;
  date: string;
  teacherRole: PairRole;
  observerRole: PairRole;
}

export interface MentorPairDetail extends MentorPair {
  logs: MentorLog[];
  observations: PairObservation[];
  /** What the caller may do: add a log (mentor or mentee), evaluate (the registering school's admin, not yet done). */
  canLog: boolean;
  canEvaluate: boolean;
}

export interface MentorPairList {
  schoolYear: string;
  items: MentorPair[];
  /** The federation's rule 每学期师徒结对数. */
  target: number;
}

/** The caller's own pairs (我的). */
export interface MyMentorPairs {
  items: Array<MentorPair & { role: PairRole }>;
}

/** The line of a pair in an archive: 带徒 for the mentor, 拜师 for the mentee. */
export function pairLineTitle(role: PairRole, partnerName: string, subject: string): string {
  return role === 'mentor' ? `带徒：${partnerName}（${subject}）` : `拜师：${partnerName}（${subject}）`;
}
