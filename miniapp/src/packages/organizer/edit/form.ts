import * as z from 'zod/mini';
import {
  CLEARABLE_SESSION_FIELDS,
  DEFAULT_CREDIT_RULE,
  SessionInput,
  isGroupById,
  type GeofenceMode,
  type Material,
  type Session,
  type SessionKind,
  type TransitionTopic,
  type UpdateSessionRequest,
} from '@lianyan/shared';
import { formatDateTime, fromDateTimeInputs, toDateInput, toTimeInput } from '@/utils/time';
import { lessonScaleError } from './lesson-scale';

export type AudienceType = 'federation' | 'schools' | 'group' | 'parents';
export type CreditMode = 'proportional' | 'full_or_none';
export type MaterialKind = Material['kind'];

/** One row of the materials editor, as typed. */
export interface MaterialRow {
  title: string;
  url: string;
  kind: MaterialKind;
}

/** The form as typed: text for every number so a half-typed value is kept as it is. */
export interface SessionForm {
  kind: SessionKind;
  mode: 'online' | 'offline';
  title: string;
  subject: string;
  grade: string;
  hostSchoolId: string;
  venueName: string;
  lat: string;
  lng: string;
  radiusM: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  opensBeforeMin: string;
  lateAfterMin: string;
  closesAfterEndMin: string;
  signOutRequired: boolean;
  creditHours: string;
  audienceType: AudienceType;
  audienceSchoolIds: string[];
  /** 中心教研组 chosen from the federation's groups (its name, to show it before the list loads). */
  groupId: string;
  groupName: string;
  /** The older subject-and-grade group audience: kept, read-only, when a session saved with it is edited. */
  groupSubject: string;
  groupGrade: string;
  parentGrades: string;
  capacity: string;
  registrationRequired: boolean;
  rotateSeconds: string;
  geofence: GeofenceMode;
  creditMode: CreditMode;
  lateGraceMin: string;
  earlyLeaveGraceMin: string;
  lessonTeacherId: string;
  lessonTeacherName: string;
  lessonClassName: string;
  lessonTopic: string;
  /** 评课 by this observation scale ('' : stars). */
  scaleId: string;
  speaker: string;
  /** Empty: no stage-transition topic. */
  topic: TransitionTopic | '';
  onlineUrl: string;
  materials: MaterialRow[];
  /** Both empty: the deadline is the start. */
  registrationDeadlineDate: string;
  registrationDeadlineTime: string;
  cancelDeadlineDate: string;
  cancelDeadlineTime: string;
  waitlist: boolean;
}

export type FieldErrors = Partial<Record<string, string>>;

export const LESSON_KINDS: readonly SessionKind[] = ['lesson_observation', 'demo_lesson'];
const FAMILY_KINDS: readonly SessionKind[] = ['family_education', 'parent_school'];
export const MAX_MATERIALS = 20;
export type DeadlineField = 'registrationDeadline' | 'cancelDeadline';
const DEADLINE_LABELS: Record<DeadlineField, string> = { registrationDeadline: '报名截止时间', cancelDeadline: '取消报名截止时间' };
const HALF_HOUR = 30 * 60_000;
const DEFAULT_LENGTH = 90 * 60_000;

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Moving the start day moves the end by as many days, so a session keeps its length (one that crosses midnight too). */
export function withStartDate(form: SessionForm, startDate: string): SessionForm {
  const day = 24 * 60 * 60 * 1000;
  const from = Date.parse(`${form.startDate}T00:00:00Z`);
  const to = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${form.endDate}T00:00:00Z`);
  if ([from, to, end].some(Number.isNaN)) return { ...form, startDate };
  return { ...form, startDate, endDate: new Date(end + Math.round((to - from) / day) * day).toISOString().slice(0, 10) };
}

/** A new session: starting at the next half hour (so sign-in opens at once), 90 minutes, the whole federation. */
export function defaultForm(now: Date, hostSchoolId: string): SessionForm {
  const start = new Date(Math.ceil(now.getTime() / HALF_HOUR) * HALF_HOUR).toISOString();
  const end = new Date(Date.parse(start) + DEFAULT_LENGTH).toISOString();
  return {
    kind: 'joint_research',
    mode: 'offline',
    title: '',
    subject: '',
    grade: '',
    hostSchoolId,
    venueName: '',
    lat: '',
    lng: '',
    radiusM: '300',
    startDate: toDateInput(start),
    startTime: toTimeInput(start),
    endDate: toDateInput(end),
    endTime: toTimeInput(end),
    opensBeforeMin: '30',
    lateAfterMin: '10',
    closesAfterEndMin: '30',
    signOutRequired: false,
    creditHours: '2',
    audienceType: 'federation',
    audienceSchoolIds: [],
    groupId: '',
    groupName: '',
    groupSubject: '',
    groupGrade: '',
    parentGrades: '',
    capacity: '',
    registrationRequired: false,
    rotateSeconds: '10',
    geofence: 'off',
    creditMode: DEFAULT_CREDIT_RULE.mode,
    lateGraceMin: String(DEFAULT_CREDIT_RULE.lateGraceMin),
    earlyLeaveGraceMin: String(DEFAULT_CREDIT_RULE.earlyLeaveGraceMin),
    lessonTeacherId: '',
    lessonTeacherName: '',
    lessonClassName: '',
    lessonTopic: '',
    scaleId: '',
    speaker: '',
    topic: '',
    onlineUrl: '',
    materials: [],
    registrationDeadlineDate: '',
    registrationDeadlineTime: '',
    cancelDeadlineDate: '',
    cancelDeadlineTime: '',
    waitlist: true,
  };
}

// A deadline at the start is the default, so it shows as not set.
function deadlineInputs(deadline: string | undefined, startAt: string): [string, string] {
  if (!deadline || Date.parse(deadline) === Date.parse(startAt)) return ['', ''];
  return [toDateInput(deadline), toTimeInput(deadline)];
}

export function formFromSession(session: Session): SessionForm {
  const { audience } = session;
  const rule = session.creditRule ?? DEFAULT_CREDIT_RULE;
  const [registrationDate, registrationTime] = deadlineInputs(session.registrationDeadline, session.startAt);
  const [cancelDate, cancelTime] = deadlineInputs(session.cancelDeadline, session.startAt);
  return {
    kind: session.kind,
    mode: session.mode,
    title: session.title,
    subject: session.subject ?? '',
    grade: session.grade ?? '',
    hostSchoolId: session.hostSchoolId,
    venueName: session.venue?.name ?? '',
    lat: text(session.venue?.lat),
    lng: text(session.venue?.lng),
    radiusM: text(session.venue?.radiusM),
    startDate: toDateInput(session.startAt),
    startTime: toTimeInput(session.startAt),
    endDate: toDateInput(session.endAt),
    endTime: toTimeInput(session.endAt),
    opensBeforeMin: String(session.signIn.opensBeforeMin),
    lateAfterMin: String(session.signIn.lateAfterMin),
    closesAfterEndMin: String(session.signIn.closesAfterEndMin),
    signOutRequired: session.signOutRequired,
    creditHours: String(session.creditHours),
    audienceType: audience.type,
    audienceSchoolIds: audience.type === 'schools' || audience.type === 'parents' ? [...audience.schoolIds] : [],
    groupId: isGroupById(audience) ? audience.groupId : '',
    groupName: isGroupById(audience) ? (audience.name ?? '') : '',
    groupSubject: audience.type === 'group' && 'subject' in audience ? audience.subject : '',
    groupGrade: audience.type === 'group' && 'grade' in audience ? audience.grade : '',
    parentGrades: audience.type === 'parents' ? (audience.grades ?? []).join('、') : '',
    capacity: text(session.capacity),
    registrationRequired: session.registrationRequired,
    rotateSeconds: text(session.rotateSeconds ?? 10),
    geofence: session.geofence ?? 'off',
    creditMode: rule.mode,
    lateGraceMin: String(rule.lateGraceMin),
    earlyLeaveGraceMin: String(rule.earlyLeaveGraceMin),
    lessonTeacherId: session.lesson?.teacherId ?? '',
    lessonTeacherName: session.lesson?.teacherName ?? '',
    lessonClassName: session.lesson?.className ?? '',
    lessonTopic: session.lesson?.topic ?? '',
    scaleId: session.scaleId ?? '',
    speaker: session.speaker ?? '',
    topic: session.topic ?? '',
    onlineUrl: session.onlineUrl ?? '',
    materials: (session.materials ?? []).map((m) => ({ title: m.title, url: m.url, kind: m.kind })),
    registrationDeadlineDate: registrationDate,
    registrationDeadlineTime: registrationTime,
    cancelDeadlineDate: cancelDate,
    cancelDeadlineTime: cancelTime,
    waitlist: session.waitlist ?? true,
  };
}

// Empty stays undefined (optional fields); anything else becomes a number, NaN included, for the schema to reject.
function optionalNumber(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value.trim());
}

const optionalText = (value: string) => (value.trim() === '' ? undefined : value.trim());

// Optional fields left empty are left out, as the API's strict schema expects.
function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function audienceOf(form: SessionForm): unknown {
  switch (form.audienceType) {
    case 'federation':
      return { type: 'federation' };
    case 'schools':
      return { type: 'schools', schoolIds: form.audienceSchoolIds };
    case 'group':
      // A group picked from the list; a session saved with the older subject form keeps it until a group is picked.
      return form.groupId || !(form.groupSubject.trim() || form.groupGrade.trim())
        ? { type: 'group', groupId: form.groupId }
        : { type: 'group', subject: form.groupSubject.trim(), grade: form.groupGrade.trim() };
    case 'parents': {
      const grades = form.parentGrades.split(/[,，、\s]+/).filter(Boolean);
      return { type: 'parents', schoolIds: form.audienceSchoolIds, ...(grades.length > 0 ? { grades } : {}) };
    }
  }
}

export const isFamilyKind = (kind: SessionKind) => FAMILY_KINDS.includes(kind);

/** Deadlines apply to family sessions that take registrations. */
export const takesRegistrations = (form: Pick<SessionForm, 'kind' | 'registrationRequired'>) => isFamilyKind(form.kind) && form.registrationRequired;

// Not set: the start, sent as such so that an edit can move a deadline back to the default. Half set: '' for the schema to reject.
function deadlineOf(form: SessionForm, field: DeadlineField, startAt: string): string | undefined {
  const date = form[`${field}Date`];
  const time = form[`${field}Time`];
  if (!date && !time) return startAt || undefined;
  return fromDateTimeInputs(date, time);
}

/** The request body as the form describes it, before validation. */
function formToInput(form: SessionForm): Record<string, unknown> {
  const family = isFamilyKind(form.kind);
  const registration = takesRegistrations(form);
  const startAt = fromDateTimeInputs(form.startDate, form.startTime);
  const venue =
    form.mode === 'offline' || form.venueName.trim() !== ''
      ? compact({
          name: form.venueName.trim(),
          lat: optionalNumber(form.lat),
          lng: optionalNumber(form.lng),
          radiusM: optionalNumber(form.radiusM),
        })
      : undefined;
  const lesson = LESSON_KINDS.includes(form.kind)
    ? {
        ...(form.lessonTeacherId ? { teacherId: form.lessonTeacherId } : {}),
        teacherName: form.lessonTeacherName.trim(),
        className: form.lessonClassName.trim(),
        topic: form.lessonTopic.trim(),
      }
    : undefined;
  return compact({
    kind: form.kind,
    mode: form.mode,
    title: form.title,
    subject: optionalText(form.subject),
    grade: optionalText(form.grade),
    hostSchoolId: form.hostSchoolId,
    venue,
    startAt,
    endAt: fromDateTimeInputs(form.endDate, form.endTime),
    signIn: {
      opensBeforeMin: Number(form.opensBeforeMin),
      lateAfterMin: Number(form.lateAfterMin),
      closesAfterEndMin: Number(form.closesAfterEndMin),
    },
    signOutRequired: form.signOutRequired,
    creditHours: Number(form.creditHours),
    audience: audienceOf(form),
    capacity: optionalNumber(form.capacity),
    registrationRequired: form.registrationRequired,
    rotateSeconds: optionalNumber(form.rotateSeconds),
    geofence: form.geofence,
    creditRule: { mode: form.creditMode, lateGraceMin: Number(form.lateGraceMin), earlyLeaveGraceMin: Number(form.earlyLeaveGraceMin) },
    lesson,
    scaleId: lesson && form.scaleId ? form.scaleId : undefined,
    // Speaker and materials are sent even when emptied, so that an edit can clear them.
    speaker: family ? form.speaker.trim() : undefined,
    topic: family && form.topic ? form.topic : undefined,
    onlineUrl: form.mode === 'online' ? optionalText(form.onlineUrl) : undefined,
    materials: family ? form.materials.map((m) => ({ title: m.title.trim(), url: m.url.trim(), kind: m.kind })) : undefined,
    registrationDeadline: registration ? deadlineOf(form, 'registrationDeadline', startAt) : undefined,
    cancelDeadline: registration ? deadlineOf(form, 'cancelDeadline', startAt) : undefined,
    waitlist: registration ? form.waitlist : undefined,
  });
}

/** An edit sends the whole form: what it leaves empty is cleared (null), not kept from before. */
export function asEdit(input: SessionInput): UpdateSessionRequest {
  const edit: Record<string, unknown> = { ...input };
  for (const key of CLEARABLE_SESSION_FIELDS) edit[key] ??= null;
  return edit as UpdateSessionRequest;
}

/** First message per top-level field, as the form shows them. */
export function firstErrors(fieldErrors: Partial<Record<string, string[]>>): FieldErrors {
  return Object.fromEntries(Object.entries(fieldErrors).flatMap(([key, messages]) => (messages?.[0] ? [[key, messages[0]]] : [])));
}

export type Validated = { ok: true; input: SessionInput } | { ok: false; errors: FieldErrors };

// A row's error goes under `materials.<index>`; the list's own (too many) under `materials`.
function materialErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.path[0] !== 'materials') continue;
    const key = typeof issue.path[1] === 'number' ? `materials.${issue.path[1]}` : 'materials';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The shared schema decides; end after start and deadlines not after the start are checked here so they show before sending. */
export function validateForm(form: SessionForm): Validated {
  const raw = formToInput(form);
  const parsed = SessionInput.safeParse(raw);
  const errors: FieldErrors = parsed.success
    ? {}
    : { ...firstErrors({ ...z.flattenError(parsed.error).fieldErrors, materials: undefined }), ...materialErrors(parsed.error.issues) };
  if (!raw.startAt) errors.startAt = '请选择开始日期和时间';
  if (!raw.endAt) errors.endAt = '请选择结束日期和时间';
  if (raw.startAt && raw.endAt && Date.parse(raw.endAt as string) <= Date.parse(raw.startAt as string)) {
    errors.endAt = '结束时间必须晚于开始时间';
  }
  if (form.mode === 'offline' && !form.venueName.trim()) errors.venue = '请填写活动地点';
  // The schema's generic messages do not say what to pick.
  if ((form.audienceType === 'schools' || form.audienceType === 'parents') && form.audienceSchoolIds.length === 0) {
    errors.audience = '请至少选择一所学校';
  }
  if (form.audienceType === 'group' && !form.groupId) {
    const legacy = form.groupSubject.trim() || form.groupGrade.trim();
    if (!legacy) errors.audience = '请选择中心教研组';
    else if (!form.groupSubject.trim() || !form.groupGrade.trim()) errors.audience = '请填写教研组的学科和年级';
  }
  const scaleError = LESSON_KINDS.includes(form.kind) ? lessonScaleError(form) : undefined;
  if (scaleError) errors.scaleId = scaleError;
  for (const field of ['registrationDeadline', 'cancelDeadline'] as const) {
    if (!(field in raw)) continue;
    const deadline = raw[field] as string;
    if (!deadline) errors[field] = `请选择${DEADLINE_LABELS[field]}的日期和时间`;
    else if (raw.startAt && Date.parse(deadline) > Date.parse(raw.startAt as string)) errors[field] = `${DEADLINE_LABELS[field]}不能晚于活动开始时间`;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

/** The question to ask before saving a start already past: for a new session, or one moved there (not one kept there). */
export function pastStartWarning(startAt: string, savedStartAt: string | undefined, now: Date): string | undefined {
  const start = Date.parse(startAt);
  if (!(start < now.getTime()) || (savedStartAt !== undefined && Date.parse(savedStartAt) === start)) return undefined;
  return `开始时间 ${formatDateTime(startAt)} 已经过去，教师到场扫码会记为迟到或已无法签到。确定按这个时间保存吗？`;
}
