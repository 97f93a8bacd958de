import type { User } from '@lianyan/shared';
import type { ReportScope } from '../../services/reports';

/** `0.873` → `87.3%`; nothing to count → `—`. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** A bar's width in percent of the track, 0–100 (a value above the scale fills it). */
export function barWidth(value: number | null | undefined, max: number): number {
  if (value === null || value === undefined || max <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((value / max) * 1000) / 10));
}

/** A change shown with its sign: `+3.5`, `-2`, `—`. */
export function signed(change: number | null | undefined): string {
  if (change === null || change === undefined) return '—';
  return change > 0 ? `+${change}` : String(change);
}

/** `2026-10` → `10月`. */
export const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`;

export { semesterOptions, shortSemester } from '../../utils/semesters';

/** Which report to open: the one asked for in the link, else the widest the person administers. */
export function defaultScope(user: User | null, params: { scope?: string | undefined; id?: string | undefined }): ReportScope | null {
  if (params.scope === 'district') return { kind: 'district' };
  if ((params.scope === 'school' || params.scope === 'federation') && params.id) return { kind: params.scope, id: params.id };
  if (!user) return null;
  if (user.roles.some((g) => g.role === 'districtAdmin')) return { kind: 'district' };
  for (const g of user.roles) if (g.role === 'federationAdmin' && 'federationId' in g.scope) return { kind: 'federation', id: g.scope.federationId };
  for (const g of user.roles) if (g.role === 'schoolAdmin' && 'schoolId' in g.scope) return { kind: 'school', id: g.scope.schoolId };
  return null;
}

/** Safe for a file name: what the server names it anyway, for platforms that keep our name. */
export const fileBase = (name: string, semester: string) => `${name}-${semester}学期-报表`.replace(/[\\/:*?"<>|\s]+/g, '-');

/** 交流轮岗: a quota line as `2/3 人`. */
export const quotaText = (line: { done: number; target: number }) => `${line.done}/${line.target} 人`;

/** Both quota lines met (跟岗 has none). */
export const exchangesMet = (e: { cadres: { met: boolean }; backbone: { met: boolean } }) => e.cadres.met && e.backbone.met;

/** People by line, `挂职 1 · 支教走教 2 · 跟岗 0`. */
export const countsText = (c: { cadres: number; backbone: number; shadow: number }) => `挂职 ${c.cadres} · 支教走教 ${c.backbone} · 跟岗 ${c.shadow}`;

/** 听评课 leaders to act on first: behind their plan, then below their target, then by school and name. */
export function leadersByUrgency<T extends { name: string; schoolName: string; onTrack: boolean; met: boolean }>(leaders: readonly T[]): T[] {
  const rank = (l: T) => (l.met ? 2 : l.onTrack ? 1 : 0);
  return [...leaders].sort((a, b) => rank(a) - rank(b) || a.schoolName.localeCompare(b.schoolName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
}
