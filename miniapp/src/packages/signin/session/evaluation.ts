import * as z from 'zod/mini';
import { Evaluation, type SessionKind } from '@lianyan/shared';

export const EVALUATED_KINDS: readonly SessionKind[] = ['lesson_observation', 'demo_lesson'];
export const COMMENT_MIN = 10;
export const COMMENT_MAX = 1000;

export type EvaluationErrors = Partial<Record<'rating' | 'comment', string>>;
export type EvaluationCheck = { ok: true; value: Evaluation } | { ok: false; errors: EvaluationErrors };

/** Counted as the shared schema counts: after trimming. */
export const commentLength = (comment: string) => comment.trim().length;

/** The shared schema decides; a missing rating gets a message that says what to do. */
export function checkEvaluation(rating: number, comment: string): EvaluationCheck {
  const parsed = Evaluation.safeParse({ rating, comment });
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = z.flattenError(parsed.error).fieldErrors;
  const errors: EvaluationErrors = {};
  if (fields.rating?.[0]) errors.rating = rating === 0 ? '请先点选星级' : fields.rating[0];
  if (fields.comment?.[0]) errors.comment = fields.comment[0];
  return { ok: false, errors };
}

/** `4.3`, one decimal, no trailing `.0`. */
export function averageLabel(average: number): string {
  return String(Math.round(average * 10) / 10);
}
