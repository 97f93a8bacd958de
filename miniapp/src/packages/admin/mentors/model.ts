import { CreateMentorPairRequest, previousSchoolYear, schoolYearOf, type MentorPair } from '@lianyan/shared';

// 管理 → 师徒结对: the school years offered, the count against the rule, and the checks before registering.

/** This school year and the one before. */
export function schoolYearChoices(now: Date): string[] {
  const current = schoolYearOf(now);
  return [current, previousSchoolYear(current)];
}

/** 已结对 1 / 要求 2 对 */
export function quotaLine(count: number, target: number): { text: string; met: boolean } {
  return { text: `已结对 ${count} 对 / 每学期要求 ${target} 对`, met: count >= target };
}

export function pairTitle(pair: Pick<MentorPair, 'mentor' | 'mentee'>): string {
  return `${pair.mentor.name} → ${pair.mentee.name}`;
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** The registration as the API takes it, or the first thing to fix. */
export function checkPair(input: { mentorId: string; menteeId: string; subject: string; schoolYear: string; goals: string }): Checked<CreateMentorPairRequest> {
  if (!input.mentorId) return { ok: false, error: '请选择师傅' };
  if (!input.menteeId) return { ok: false, error: '请选择徒弟' };
  if (input.mentorId === input.menteeId) return { ok: false, error: '师傅和徒弟不能是同一个人' };
  if (!input.subject.trim()) return { ok: false, error: '请填写学科' };
  const parsed = CreateMentorPairRequest.safeParse({
    mentorId: input.mentorId,
    menteeId: input.menteeId,
    subject: input.subject.trim(),
    schoolYear: input.schoolYear,
    ...(input.goals.trim() ? { goals: input.goals.trim() } : {}),
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? '登记内容有误，请检查' };
}
