import {
  ATTENDANCE_STATUS_LABELS,
  ROLE_LABELS,
  ROLES,
  type Attendance,
  type AttendanceStatus,
  type RoleGrant,
  type Scope,
  type SessionStatus,
} from '@lianyan/shared';

/** A role's place by name (`names`: school and federation ids to names); its id only while the names are unknown. */
export function scopeLabel(scope: Scope, names: ReadonlyMap<string, string> = new Map()): string {
  if ('schoolId' in scope) return names.get(scope.schoolId) ?? `学校 ${scope.schoolId}`;
  if ('federationId' in scope) return names.get(scope.federationId) ?? `校联体 ${scope.federationId}`;
  return '全区';
}

/** Role names in a stable order, each once, for greetings and account lists. */
export function roleLabels(roles: readonly RoleGrant[]): string[] {
  return ROLES.filter((role) => roles.some((grant) => grant.role === role)).map((role) => ROLE_LABELS[role]);
}

export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'info';

export const SESSION_STATUS_BADGES: Record<SessionStatus, { label: string; tone: Tone }> = {
  draft: { label: '草稿', tone: 'muted' },
  published: { label: '已发布', tone: 'ok' },
  cancelled: { label: '已取消', tone: 'bad' },
  closed: { label: '已结束', tone: 'info' },
};

const STATUS_TONES: Record<AttendanceStatus, Tone> = {
  on_time: 'ok',
  late: 'warn',
  left_early: 'warn',
  absent: 'bad',
  excused: 'info',
};

/** My status on a session: 未签到 without a record, 已签退 once an on-time attendee signed out. */
export function myStatusBadge(mine: Pick<Attendance, 'status' | 'signedOutAt'> | undefined): { label: string; tone: Tone } {
  if (!mine) return { label: '未签到', tone: 'muted' };
  if (mine.status === 'on_time' && mine.signedOutAt) return { label: '已签退', tone: 'ok' };
  return { label: ATTENDANCE_STATUS_LABELS[mine.status], tone: STATUS_TONES[mine.status] };
}

export function attendanceTone(status: AttendanceStatus): Tone {
  return STATUS_TONES[status];
}

/** `2`, `1.5`, `0.3`: one decimal, no trailing `.0`. */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 10) / 10);
}

/** `2 学时`, `1.5 学时` */
export function hoursLabel(hours: number): string {
  return `${formatHours(hours)} 学时`;
}
