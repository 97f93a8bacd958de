import type { Coverage, CoverageTeacher } from '@lianyan/shared';
import { OBSERVER_KIND_LABELS, OBSERVER_KINDS } from '@lianyan/shared';

// 听评课覆盖: a school's coverage as the page shows it; pure.

export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** `中心教研组 1 · 学校领导 2` */
export function byWhom(t: CoverageTeacher): string {
  return OBSERVER_KINDS.filter((k) => t.byKind[k]).map((k) => `${OBSERVER_KIND_LABELS[k]} ${t.byKind[k]}`).join(' · ');
}

/** The headline: how many of how many, and the rate. */
export function headline(c: Coverage): string {
  const observed = c.teachers.length - c.notObserved.length;
  return `已覆盖 ${observed}/${c.teachers.length} 位教师（${percent(c.rate)}）`;
}

/** `12/30 · 按计划` for a leader against their target. */
export const observerLine = (o: Coverage['observers'][number]) => `${o.count}/${o.target} 节 · ${o.onTrack ? '按计划' : '落后'}`;

/** `课堂观察量表（通用） · 12 节` above a scale's dimension means. */
export const scaleHint = (g: Coverage['dimensions'][number]) => `${g.scaleName} · ${g.count} 节`;
