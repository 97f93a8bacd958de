import type { ObservationScale } from '@lianyan/shared';
import type { SessionForm } from './form';

// 评课方式 of a lesson session (LessonScale.tsx); pure.

export type LessonScaleForm = Pick<SessionForm, 'scaleId' | 'lessonTeacherId' | 'lessonTeacherName'>;

/** Stars first, then the federation's scales; a scale the session names but the list lacks stays (by its id). */
export function scaleOptions(scales: ReadonlyArray<Pick<ObservationScale, 'id' | 'name' | 'version'>>, current: string): Array<{ id: string; label: string }> {
  const options = [{ id: '', label: '星级评课（不用量表）' }, ...scales.map((s) => ({ id: s.id, label: `${s.name}（第 ${s.version} 版）` }))];
  if (current && !scales.some((s) => s.id === current)) options.push({ id: current, label: '当前量表' });
  return options;
}

/** A scale needs the teaching teacher from the roster (the API's rule, said before sending). */
export function lessonScaleError(form: LessonScaleForm): string | undefined {
  return form.scaleId && !form.lessonTeacherId ? '按量表评课时请从教师名单中选择授课教师' : undefined;
}
