import {
  semesterLabel,
  addDays,
  CreateExchangeRequest,
  EXCHANGE_KIND_LABELS,
  EXCHANGE_STATUS_LABELS,
  semesterOf,
  UpdateExchangeRequest,
  type ExchangeKind,
  type ExchangeQuota,
  type ExchangeRow,
  type ExchangeStatus,
  type FederationWithSchools,
  type User,
} from '@lianyan/shared';
import type { Tone } from '@/utils/labels';

const STATUS_TONES: Record<ExchangeStatus, Tone> = { planned: 'muted', running: 'ok', awaiting: 'warn', assessed: 'info' };
export const statusBadge = (status: ExchangeStatus) => ({ label: EXCHANGE_STATUS_LABELS[status], tone: STATUS_TONES[status] });

/** The semester now and the two before it, newest first, labelled as people say them (2026-2027 学年第一学期). */
export function semesterChoices(now: Date): Array<{ value: string; label: string }> {
  const current = semesterOf(now);
  const before = (s: string) => {
    const first = Number(s.slice(0, 4));
    return s.endsWith('-2') ? `${first}-${first + 1}-1` : `${first - 1}-${first}-2`;
  };
  const list = [current, before(current), before(before(current))];
  return list.map((value) => ({ value, label: semesterLabel(value) }));
}

/** Federations whose list the user may read: the ones they keep, and those with a school they administer. */
export function visibleFederations(user: Pick<User, 'roles'>, federations: FederationWithSchools[]): FederationWithSchools[] {
  return federations.filter((f) => canKeep(user, f.federation.id) || f.schools.some((s) => administersSchool(user, s.id)));
}

/** Federation admins, organizers of the federation and the district admin register, change and delete exchanges. */
export const canKeep = (user: Pick<User, 'roles'>, federationId: string) =>
  user.roles.some(
    (r) => r.role === 'districtAdmin' || ((r.role === 'federationAdmin' || r.role === 'organizer') && 'federationId' in r.scope && r.scope.federationId === federationId),
  );

const administersSchool = (user: Pick<User, 'roles'>, schoolId: string) =>
  user.roles.some((r) => r.role === 'schoolAdmin' && 'schoolId' in r.scope && r.scope.schoolId === schoolId);

/** The host school's admin assesses an exchange that has ended and has no assessment yet. */
export const canAssess = (user: Pick<User, 'roles'>, row: Pick<ExchangeRow, 'status' | 'toSchoolId'>) => row.status === 'awaiting' && administersSchool(user, row.toSchoolId);

/** The quota lines as shown: 校干挂职交流 2 / 2 人 (达标). */
export function quotaLines(quota: ExchangeQuota): Array<{ key: string; label: string; value: string; met?: boolean }> {
  return [
    { key: 'cadres', label: '校干挂职交流', value: `${quota.cadres.done} / ${quota.cadres.target} 人`, met: quota.cadres.met },
    { key: 'backbone', label: '骨干教师支教、走教', value: `${quota.backbone.done} / ${quota.backbone.target} 人`, met: quota.backbone.met },
    { key: 'shadow', label: '跟岗学习', value: `${quota.shadow} 人` },
    { key: 'awaiting', label: '待考核', value: `${quota.awaitingAssessment} 人次` },
  ];
}

/** One line under a name: 城区小学 → 乡村小学 · 挂职 · 2026-09-01 至 2027-01-20. */
export const rowSummary = (row: ExchangeRow) =>
  `${row.fromSchoolName} → ${row.toSchoolName} · ${EXCHANGE_KIND_LABELS[row.kind]} · ${row.startDate} 至 ${row.endDate}`;

export const KIND_OPTIONS = (Object.keys(EXCHANGE_KIND_LABELS) as ExchangeKind[]).map((value) => ({ value, label: EXCHANGE_KIND_LABELS[value] }));

export interface ExchangeForm {
  fromSchoolId: string;
  userId: string;
  toSchoolId: string;
  kind: ExchangeKind | '';
  startDate: string;
  endDate: string;
  duties: string;
}
export type ExchangeFormErrors = Partial<Record<keyof ExchangeForm, string>>;

/** A new exchange starts today and runs about a semester (120 days) unless the dates are changed. */
export const emptyExchangeForm = (today: string): ExchangeForm => ({ fromSchoolId: '', userId: '', toSchoolId: '', kind: '', startDate: today, endDate: addDays(today, 120), duties: '' });

/** The request, or what to fix, with the API's own schema (the same messages as the server's). */
export function checkExchangeForm(form: ExchangeForm): { ok: true; request: CreateExchangeRequest } | { ok: false; errors: ExchangeFormErrors } {
  const errors: ExchangeFormErrors = {};
  if (!form.fromSchoolId) errors.fromSchoolId = '请选择派出学校';
  if (!form.userId) errors.userId = '请选择交流教师';
  if (!form.toSchoolId) errors.toSchoolId = '请选择接收学校';
  if (!form.kind) errors.kind = '请选择交流类型';
  if (!form.endDate) errors.endDate = '请选择结束日期';
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = CreateExchangeRequest.safeParse({ ...form, duties: form.duties.trim() || undefined });
  if (parsed.success) return { ok: true, request: parsed.data };
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'duties') as keyof ExchangeForm;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** What 修改交流 changes: the kind, the period and the duties (the person and the schools stay). */
export interface ExchangeEdit {
  kind: ExchangeKind;
  startDate: string;
  endDate: string;
  duties: string;
}
export type ExchangeEditErrors = Partial<Record<keyof ExchangeEdit, string>>;

export const editFormOf = (row: Pick<ExchangeRow, 'kind' | 'startDate' | 'endDate' | 'duties'>): ExchangeEdit => ({
  kind: row.kind,
  startDate: row.startDate,
  endDate: row.endDate,
  duties: row.duties ?? '',
});

/** Only the fields that changed, checked by the API's schema; nothing changed is an error to show, not a request. */
export function checkExchangeEdit(
  form: ExchangeEdit,
  row: Pick<ExchangeRow, 'kind' | 'startDate' | 'endDate' | 'duties'>,
): { ok: true; request: UpdateExchangeRequest } | { ok: false; errors: ExchangeEditErrors; message?: string } {
  const before = editFormOf(row);
  const duties = form.duties.trim();
  const changed = {
    ...(form.kind !== before.kind ? { kind: form.kind } : {}),
    ...(form.startDate !== before.startDate ? { startDate: form.startDate } : {}),
    ...(form.endDate !== before.endDate ? { endDate: form.endDate } : {}),
    ...(duties !== before.duties.trim() ? { duties } : {}),
  };
  if (!Object.keys(changed).length) return { ok: false, errors: {}, message: '没有修改任何内容' };
  // The order of the dates is checked on the whole period, not only the changed end.
  if (form.startDate > form.endDate) return { ok: false, errors: { endDate: '结束日期不能早于开始日期' } };
  const parsed = UpdateExchangeRequest.safeParse(changed);
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: ExchangeEditErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'duties') as keyof ExchangeEdit;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
