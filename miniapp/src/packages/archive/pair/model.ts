import {
  schoolYearLabel,
  CreateMentorLogRequest,
  MENTOR_LOG_KIND_LABELS,
  MentorEvaluationRequest,
  PAIR_RATING_LABELS,
  PAIR_ROLE_LABELS,
  SESSION_KIND_LABELS,
  type MentorLogKind,
  type MentorPair,
  type PairObservation,
  type PairRating,
  type PairRole,
} from '@lianyan/shared';

// The pair page's logic: what it shows of a pair, its logs and observations, and the checks before sending.

export const pairPageUrl = (id: string) => `/packages/archive/pair/index?id=${encodeURIComponent(id)}`;

export const LOG_KIND_OPTIONS = (Object.keys(MENTOR_LOG_KIND_LABELS) as MentorLogKind[]).map((value) => ({ value, label: MENTOR_LOG_KIND_LABELS[value] }));
export const RATING_OPTIONS = (Object.keys(PAIR_RATING_LABELS) as PairRating[]).map((value) => ({ value, label: PAIR_RATING_LABELS[value] }));

/** 师傅 王老师（实验小学） */
export function sideLine(pair: Pick<MentorPair, 'mentor' | 'mentee'>, role: PairRole): string {
  const person = role === 'mentor' ? pair.mentor : pair.mentee;
  return `${PAIR_ROLE_LABELS[role]} ${person.name}${person.schoolName ? `（${person.schoolName}）` : ''}`;
}

/** The pair as one line from one side: 带徒 / 拜师 and the partner. */
export function myPairLine(pair: Pick<MentorPair, 'mentor' | 'mentee' | 'subject'>, role: PairRole): string {
  return role === 'mentor' ? `带徒：${pair.mentee.name} · ${pair.subject}` : `拜师：${pair.mentor.name} · ${pair.subject}`;
}

/** 师傅听徒弟的课：《…》 (示范课) */
export function observationLine(o: PairObservation): string {
  return `${PAIR_ROLE_LABELS[o.observerRole]}听${PAIR_ROLE_LABELS[o.teacherRole]}的课：${o.title}（${SESSION_KIND_LABELS[o.kind]}）`;
}

export function evaluationLine(pair: Pick<MentorPair, 'evaluation' | 'schoolYear'>): string {
  if (!pair.evaluation) return `${schoolYearLabel(pair.schoolYear)}尚未考核`;
  return `${schoolYearLabel(pair.schoolYear)}考核：${PAIR_RATING_LABELS[pair.evaluation.rating]}${pair.evaluation.byName ? `（${pair.evaluation.byName}）` : ''}`;
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const firstIssue = (issues: ReadonlyArray<{ message: string }>, fallback: string) => issues[0]?.message ?? fallback;

/** A log as the API takes it, or the first thing to fix. */
export function checkLog(input: { date: string; kind: MentorLogKind | ''; text: string; uploadIds: string[] }, today: string): Checked<CreateMentorLogRequest> {
  if (!input.kind) return { ok: false, error: '请选择记录类型' };
  if (!input.text.trim()) return { ok: false, error: '请填写记录内容' };
  if (input.date > today) return { ok: false, error: '日期不能晚于今天' };
  const parsed = CreateMentorLogRequest.safeParse({ ...input, text: input.text.trim() });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstIssue(parsed.error.issues, '记录内容有误，请检查') };
}

export function checkEvaluation(input: { rating: PairRating | ''; comment: string }): Checked<MentorEvaluationRequest> {
  if (!input.rating) return { ok: false, error: '请选择考核等级' };
  if (!input.comment.trim()) return { ok: false, error: '请填写评价意见' };
  const parsed = MentorEvaluationRequest.safeParse({ rating: input.rating, comment: input.comment.trim() });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstIssue(parsed.error.issues, '评价内容有误，请检查') };
}
