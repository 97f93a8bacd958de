import { OBSERVER_KIND_LABELS, type ArchiveObservations, type ReceivedFeedback } from '@lianyan/shared';
import { semesterLabel } from './model';

// 听评课 in the archive: what the card shows of a teacher's observed lessons (docs/DESIGN.md "听评课覆盖").

export interface FigureGroup {
  key: string;
  title: string;
  hint: string;
  /** Dimension scores 0–100, also the bar's width in percent. */
  bars: Array<{ name: string; score: number }>;
}

/** One group per semester and scale, latest semester first. */
export function figureGroups(figures: ArchiveObservations): FigureGroup[] {
  return figures.semesters.map((s) => ({
    key: `${s.semester}|${s.scaleId}`,
    title: semesterLabel(s.semester),
    hint: `${s.scaleName} · ${s.count} 节 · 平均 ${s.total} 分`,
    bars: s.dimensions.map((d) => ({ name: d.name, score: Math.max(0, Math.min(100, d.score)) })),
  }));
}

/** `王校长（学校领导）· 数学 三年级(2)班《认识钟表》· 75 分`. */
export function feedbackTitle(f: ReceivedFeedback): string {
  return `${f.observerName}（${OBSERVER_KIND_LABELS[f.observerKind]}）· ${f.subject} ${f.className}${f.topic ? `《${f.topic}》` : ''} · ${f.total} 分`;
}

/** The feedback shown before 展开全部. */
export const FEEDBACK_SHOWN = 3;
