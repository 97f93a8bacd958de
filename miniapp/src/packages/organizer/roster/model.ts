import type { AttendanceSummary, Roster, RosterItem, Session } from '@lianyan/shared';
import { formatDateTime } from '@/utils/time';

export type RosterTab = 'all' | 'signedIn' | 'late' | 'leftEarly' | 'absent' | 'excused' | 'flagged' | 'missing';

export const ROSTER_TABS: ReadonlyArray<{ key: RosterTab; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'signedIn', label: '已签到' },
  { key: 'late', label: '迟到' },
  { key: 'leftEarly', label: '早退' },
  { key: 'absent', label: '缺席' },
  { key: 'excused', label: '请假' },
  { key: 'flagged', label: '异常' },
  { key: 'missing', label: '未签到' },
];

/** A person with a record, or an audience member without one yet (未签到). */
export type RosterRow = { kind: 'record'; item: RosterItem } | { kind: 'missing'; userId: string; name: string; schoolId: string };

/** 未签到: of 应到 (which leaves the excused out), those who neither signed in nor were marked absent. */
export function notSignedIn(summary: AttendanceSummary): number {
  return Math.max(0, summary.expected - summary.signedIn - summary.absent);
}

/** How a closed session was closed: by the scheduled auto-close (已自动结束) or by its organizer. */
export function closedNote(session: Pick<Session, 'status' | 'closedBy' | 'closedAt'>): { badge: string; line: string } | undefined {
  if (session.status !== 'closed' || !session.closedAt) return undefined;
  const at = formatDateTime(session.closedAt);
  return session.closedBy === 'auto' ? { badge: '已自动结束', line: `未手动结束，自动关闭于 ${at}` } : { badge: '已结束', line: `结束于 ${at}` };
}

const SIGNED_IN = new Set(['on_time', 'late', 'left_early']);

function matches(item: RosterItem, tab: RosterTab): boolean {
  switch (tab) {
    case 'all':
      return true;
    case 'signedIn':
      return SIGNED_IN.has(item.status);
    case 'late':
      return item.status === 'late';
    case 'leftEarly':
      return item.status === 'left_early';
    case 'absent':
      return item.status === 'absent';
    case 'excused':
      return item.status === 'excused';
    case 'flagged':
      return item.flags.length > 0;
    case 'missing':
      return false;
  }
}

/** Rows of one tab; 全部 lists those with a record first, newest sign-in first, then those still missing. */
export function rowsOf(roster: Roster, tab: RosterTab): RosterRow[] {
  const records: RosterRow[] = roster.items
    .filter((item) => matches(item, tab))
    .sort((a, b) => (b.signedInAt ?? '').localeCompare(a.signedInAt ?? ''))
    .map((item) => ({ kind: 'record', item }));
  const missing: RosterRow[] =
    tab === 'all' || tab === 'missing' ? (roster.missing ?? []).map((m) => ({ kind: 'missing', ...m })) : [];
  return [...records, ...missing];
}
