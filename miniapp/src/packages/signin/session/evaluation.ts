import * as z from 'zod/mini';
import { Evaluation, scoreProblems, type ObservationScale, type SessionEvaluation, type SessionKind } from '@lianyan/shared';

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

export type ScaleEvaluationCheck = { ok: true; value: Evaluation } | { ok: false; message: string };

/** 评课 by the session's scale: every item scored within the range (the API's words for what is missing), then the texts. */
export function checkScaleEvaluation(scale: ObservationScale, scores: Array<{ item: string; score: number }>, strengths: string, suggestions: string): ScaleEvaluationCheck {
  const problems = scoreProblems(scale, scores);
  if (problems[0]) return { ok: false, message: problems[0] };
  const parsed = Evaluation.safeParse({ scaleVersion: scale.version, scores, strengths, suggestions });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '请检查评课内容' };
  return { ok: true, value: parsed.data };
}

/** What a submitted scale 评课 can still do: edited with the version it was given with, else only read. */
export function scaleEditable(own: Pick<SessionEvaluation, 'scaleId' | 'scaleVersion'> | undefined, scale: Pick<ObservationScale, 'id' | 'version'>): boolean {
  return !own?.scaleId || (own.scaleId === scale.id && own.scaleVersion === scale.version);
}

/** `教学目标 100 · 学生参与 62.5`: dimension scores (0–100 of the range). */
export const dimensionsLine = (dimensions: ReadonlyArray<{ name: string; score: number }> | undefined) => (dimensions ?? []).map((d) => `${d.name} ${d.score}`).join(' · ');
