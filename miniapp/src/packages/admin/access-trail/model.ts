import { ACCESS_KIND_LABELS, type AccessTrailEntry } from '@lianyan/shared';
import { formatDateTime } from '@/utils/time';

const SCOPE_LABELS: Record<string, string> = { school: '学校', session: '活动', campaign: '打卡活动', federation: '校联体', user: '教师', district: '全区' };

/** `school:sch-core` → 学校 sch-core; a name is not stored, the id is what the admin can look up. */
export function scopeText(scope: string): string {
  const at = scope.indexOf(':');
  if (at < 0) return SCOPE_LABELS[scope] ?? scope;
  const kind = scope.slice(0, at);
  return `${SCOPE_LABELS[kind] ?? kind} ${scope.slice(at + 1)}`;
}

/** One row: when, who, what (with the file type of an export), which scope. */
export function trailRow(entry: AccessTrailEntry): { when: string; who: string; what: string; scope: string } {
  return {
    when: formatDateTime(entry.at),
    who: entry.actorName || entry.actorId,
    what: `${ACCESS_KIND_LABELS[entry.kind] ?? entry.kind}${entry.format ? `（${entry.format.toUpperCase()}）` : ''}`,
    scope: scopeText(entry.scope),
  };
}

/** A valid range: both days, from not after to. */
export function rangeError(from: string, to: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return '请选择开始和结束日期';
  return from > to ? '开始日期不能晚于结束日期' : '';
}
