import type { ObservationScale } from '@lianyan/shared';

// Scores of an observation scale as a form keeps them (walk-in 听课, session 评课); pure.

export type ScaleScores = ReadonlyArray<{ item: string; score: number }>;

/** The scores one taps: every whole number of the range. */
export const scoreChoices = (range: { min: number; max: number }) => Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);

export const scoreOf = (scores: ScaleScores, item: string) => scores.find((s) => s.item === item)?.score;

/** The scores with `item` (re)scored. */
export const withScore = (scores: ScaleScores, item: string, score: number) => [...scores.filter((s) => s.item !== item), { item, score }];

/** How many of the scale's items are scored, for the progress line. */
export function scoredCount(scores: ScaleScores, scale: Pick<ObservationScale, 'dimensions'>): { done: number; all: number } {
  const ids = new Set(scale.dimensions.flatMap((d) => d.items.map((i) => i.id)));
  return { done: scores.filter((s) => ids.has(s.item)).length, all: ids.size };
}
