import * as z from 'zod/mini';
import { Attendance } from './attendance.ts';
import { Id, IsoDateTime, PersonName } from './common.ts';
import { line, shaped } from './fields.ts';
import { InviteCode } from './invites.ts';
import { Material, Session, TransitionTopic, type SessionKind } from './sessions.ts';
import { Semester } from './semester.ts';

const FAMILY_SESSION_KINDS = ['family_education', 'parent_school'] as const satisfies readonly SessionKind[];
export const isFamilySession = (session: Pick<Session, 'kind' | 'audience'>) =>
  (FAMILY_SESSION_KINDS as readonly string[]).includes(session.kind) && session.audience.type === 'parents';

const CHINESE_DIGITS = '一二三四五六七八九';

/**
 * The grade of a class name as schools write it: `一年级(2)班` → `一年级`, `初二3班` → `初二`, `大班` → `大班`.
 * Grades are compared with a session's audience grades, so 七年级 and 初一 are kept as written.
 */
export function gradeOfClass(className: string): string | undefined {
  const name = className.trim();
  const grade = new RegExp(`^([${CHINESE_DIGITS}]|[1-9])年级`).exec(name);
  if (grade?.[1]) return `${/\d/.test(grade[1]) ? CHINESE_DIGITS[Number(grade[1]) - 1] : grade[1]}年级`;
  const secondary = /^([初高][一二三])/.exec(name);
  if (secondary?.[1]) return secondary[1];
  const kindergarten = /^([小中大]班)/.exec(name);
  return kindergarten?.[1];
}

export const GRADE_ORDER = ['小班', '中班', '大班', ...[...CHINESE_DIGITS].map((d) => `${d}年级`), '初一', '初二', '初三', '高一', '高二', '高三'];

/** Grades in school order (小班 … 六年级, 七年级 … 九年级, 初一 … 高三); unknown ones last. */
export function compareGrades(a: string, b: string): number {
  const rank = (g: string) => (GRADE_ORDER.includes(g) ? GRADE_ORDER.indexOf(g) : GRADE_ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b, 'zh-CN');
}

/** Classes by grade, then by number: 一年级(2)班 before 一年级(10)班. */
export function compareClasses(a: { grade: string; className: string }, b: { grade: string; className: string }): number {
  return compareGrades(a.grade, b.grade) || a.className.localeCompare(b.className, 'zh-CN', { numeric: true });
}

const ClassName = line('班级', 20, 1, z.refine((v) => gradeOfClass(v) !== undefined, '请按「一年级(2)班」「初二(3)班」「大班」的格式填写班级'));

/** A child's name as a school writes it: letters (汉字 or Latin), digits, the middle dot of minority names; no emoji. */
const ChildName = line(
  '孩子姓名',
  20,
  1,
  z.refine((v) => v === '' || (/^[\p{L}\p{M}\p{N}·・.\s-]+$/u.test(v) && /\p{L}/u.test(v)), '孩子姓名请填写汉字或字母（少数民族姓名可用间隔号「·」），不能含表情或符号'),
);

export const Phone = shaped(/^1[3-9]\d{9}$/, '请填写 11 位手机号', 32, { prepare: [z.trim()] });

/** `13812345678` → `138****5678`: the only form in which a phone number leaves the server. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}

export const BindChildRequest = z.strictObject({
  inviteCode: InviteCode,
  childName: ChildName,
  className: ClassName,
  /** The parent's own name, shown to the school (never to other parents). */
  name: z.optional(PersonName),
  phone: z.optional(Phone),
  /** The guardian's consent to the child's name, school, grade and class being kept (PIPL: a child under 14). */
  guardianConsent: z.literal(true, { error: '请确认你是孩子的监护人，并同意按《隐私政策》保存孩子的姓名和班级' }),
});
export type BindChildRequest = z.infer<typeof BindChildRequest>;

export const Child = z.object({
  id: Id,
  name: z.string(),
  schoolId: Id,
  schoolName: z.optional(z.string()),
  grade: z.string(),
  className: z.string(),
  /** The binding parent's own phone, masked. */
  phoneMasked: z.optional(z.string()),
  /** Set by the school-year rollover when the child left the school's top grade (`2026-2027`). */
  graduatedIn: z.optional(z.string()),
  /** When this parent, as the child's guardian, consented to the binding. */
  guardianConsentAt: z.optional(z.string()),
});
export type Child = z.infer<typeof Child>;

const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
type RegistrationStatus = z.infer<typeof RegistrationStatus>;
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
};

export const Registration = z.object({
  sessionId: Id,
  userId: Id,
  status: RegistrationStatus,
  /** The parent's place in the arrival order of the waitlist (a per-session counter; gaps are possible). */
  waitlistSeq: z.optional(z.int()),
  registeredAt: IsoDateTime,
  promotedAt: z.optional(IsoDateTime),
  cancelledAt: z.optional(IsoDateTime),
  updatedAt: IsoDateTime,
});
export type Registration = z.infer<typeof Registration>;

/** The answer to registering, cancelling or asking: the parent's registration and, when waitlisted, their place. */
export const RegistrationView = z.object({
  registration: Registration,
  waitlistPosition: z.optional(z.int()),
  seatsLeft: z.optional(z.int()),
  alreadyRegistered: z.optional(z.boolean()),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

/** A session's registrations for its managers: the seated, then the waitlist in arrival order. */
export const RegistrationRoster = z.object({
  capacity: z.optional(z.int()),
  taken: z.int(),
  registered: z.array(z.object({ userId: Id, name: z.string(), registeredAt: IsoDateTime, promotedAt: z.optional(IsoDateTime) })),
  waitlist: z.array(z.object({ userId: Id, name: z.string(), position: z.int(), waitlistSeq: z.int(), registeredAt: IsoDateTime })),
});
export type RegistrationRoster = z.infer<typeof RegistrationRoster>;

export const FamilySessionItem = z.object({
  /** Materials are left out unless the parent attended. */
  session: Session,
  seatsLeft: z.optional(z.int()),
  registration: z.optional(Registration),
  waitlistPosition: z.optional(z.int()),
  attendance: z.optional(Attendance),
  /** The caller's own children this session is meant for. */
  childNames: z.array(z.string()),
});
export type FamilySessionItem = z.infer<typeof FamilySessionItem>;

export const FamilySessions = z.object({
  children: z.array(Child),
  upcoming: z.array(FamilySessionItem),
  past: z.array(FamilySessionItem),
});
export type FamilySessions = z.infer<typeof FamilySessions>;

export const FamilySessionsQuery = z.strictObject({ topic: z.optional(TransitionTopic) });
export type FamilySessionsQuery = z.infer<typeof FamilySessionsQuery>;

const FamilyHistoryEntry = z.object({
  sessionId: Id,
  title: z.string(),
  kind: z.string(),
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  speaker: z.optional(z.string()),
  status: z.string(),
  hours: z.number(),
  materials: z.array(Material),
});
export const FamilyHistory = z.object({
  years: z.array(z.object({ schoolYear: z.string(), hours: z.number(), sessions: z.array(FamilyHistoryEntry) })),
  totalHours: z.number(),
});
export type FamilyHistory = z.infer<typeof FamilyHistory>;


export const ParentSchoolQuery = z.strictObject({
  semester: z.optional(Semester),
  format: z.optional(z.enum(['json', 'csv', 'xlsx'])),
});
export type ParentSchoolQuery = z.infer<typeof ParentSchoolQuery>;

const Tally = { families: z.int(), attendedFamilies: z.int(), attendances: z.int() };
export const ParentSchoolReport = z.object({
  school: z.object({ id: Id, name: z.string() }),
  semester: z.string(),
  quota: z.object({ required: z.int(), held: z.int(), met: z.boolean() }),
  sessions: z.array(z.object({ id: Id, title: z.string(), kind: z.string(), startAt: IsoDateTime, status: z.string(), attended: z.int() })),
  grades: z.array(z.object({ grade: z.string(), ...Tally })),
  classes: z.array(z.object({ grade: z.string(), className: z.string(), ...Tally })),
  neverAttended: z.array(
    z.object({ childName: z.string(), grade: z.string(), className: z.string(), parents: z.array(z.object({ name: z.string(), phoneMasked: z.optional(z.string()) })) }),
  ),
});
export type ParentSchoolReport = z.infer<typeof ParentSchoolReport>;

export const ReminderRun = z.object({ sessions: z.int(), sent: z.int(), skipped: z.int(), failed: z.int() });
export type ReminderRun = z.infer<typeof ReminderRun>;
