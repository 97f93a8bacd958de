import { OBSERVER_KIND_LABELS, type Observation } from '@lianyan/shared';

// 我的听课: observations I gave and received; pure.

export type Tab = 'received' | 'given';
export const TABS: ReadonlyArray<{ value: Tab; label: string }> = [
  { value: 'received', label: '我被听的课' },
  { value: 'given', label: '我听的课' },
];

/** `11月20日 10:00` in Asia/Shanghai. */
export function lessonTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The line under a lesson: who, what, when. */
export function lessonLine(o: Observation, tab: Tab): string {
  const who = tab === 'received' ? `${o.observerName}（${OBSERVER_KIND_LABELS[o.observerKind]}）听课` : `听 ${o.teacherName} 的课`;
  return `${who} · ${o.className}${o.subject}${o.topic ? `《${o.topic}》` : ''} · ${lessonTime(o.startedAt)}`;
}

/** Received feedback not yet acknowledged comes first. */
export function ordered(items: Observation[], tab: Tab): Observation[] {
  if (tab === 'given') return items;
  return [...items].sort((a, b) => Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)) || b.startedAt.localeCompare(a.startedAt));
}

export const pendingCount = (items: Observation[]) => items.filter((o) => !o.acknowledgedAt).length;
