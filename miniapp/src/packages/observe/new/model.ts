import { scoreProblems, type CreateObservationRequest, type ObservableTeacher, type ObservationScale } from '@lianyan/shared';
import { withScore } from '@/components/ScaleForm/scores';

// 听课: the draft being filled in during the lesson; pure.

export const newClientId = (now: Date, random: number) => `obs-${now.getTime().toString(36)}-${Math.floor(random * 36 ** 6).toString(36).padStart(6, '0')}`;

/** A fresh draft for a teacher with a scale, the lesson starting now. */
export function newDraft(input: { schoolId: string; teacher: ObservableTeacher; scale: ObservationScale; now: Date; clientId: string }): CreateObservationRequest {
  return {
    teacherId: input.teacher.id,
    schoolId: input.schoolId,
    subject: input.teacher.subjects[0] ?? '',
    grade: input.teacher.grades[0] ?? '',
    className: '',
    startedAt: input.now.toISOString(),
    scaleId: input.scale.id,
    scaleVersion: input.scale.version,
    scores: [],
    notes: [],
    strengths: '',
    suggestions: '',
    clientId: input.clientId,
  };
}

export function setScore(draft: CreateObservationRequest, item: string, score: number): CreateObservationRequest {
  return { ...draft, scores: withScore(draft.scores, item, score) };
}

/** A time-stamped note; blank text adds nothing; 60 at most (the API's limit). */
export function addNote(draft: CreateObservationRequest, text: string, at: Date): CreateObservationRequest {
  const clean = text.trim();
  if (!clean || draft.notes.length >= 60) return draft;
  return { ...draft, notes: [...draft.notes, { at: at.toISOString(), text: clean.slice(0, 500) }] };
}

/** `第 12 分钟`: when in the lesson a note was taken. */
export function minuteOf(startedAt: string, at: string): string {
  return `第 ${Math.max(1, Math.floor((Date.parse(at) - Date.parse(startedAt)) / 60_000) + 1)} 分钟`;
}

/** What still stops the submit, in the words the API would use; empty when it can go. */
export function submitProblems(draft: CreateObservationRequest, scale: ObservationScale): string[] {
  const problems: string[] = [];
  if (!draft.subject.trim()) problems.push('请填写学科');
  if (!draft.grade.trim()) problems.push('请填写年级');
  if (!draft.className.trim()) problems.push('请填写班级');
  return [...problems, ...scoreProblems(scale, draft.scores)];
}

/** `语文、数学 · 四年级 · 本学期未被听课` */
export function teacherLine(t: ObservableTeacher): string {
  const parts = [t.subjects.join('、'), t.grades.join('、'), t.observedThisSemester ? `本学期被听 ${t.observedThisSemester} 次` : '本学期未被听课'];
  return parts.filter(Boolean).join(' · ');
}
