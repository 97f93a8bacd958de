import * as z from 'zod/mini';
import { Cursor, Id, IsoDateTime } from './common.ts';
import { decimal, httpUrl, integer, line } from './fields.ts';

/** Stage-transition topics of family-education sessions (家长学校), the filter parents use. */
export const TRANSITION_TOPICS = ['kindergarten_primary', 'primary_junior', 'junior_senior'] as const;
export const TransitionTopic = z.enum(TRANSITION_TOPICS);
export type TransitionTopic = z.infer<typeof TransitionTopic>;
export const TRANSITION_TOPIC_LABELS: Record<TransitionTopic, string> = {
  kindergarten_primary: '幼小衔接',
  primary_junior: '小初衔接',
  junior_senior: '初高衔接',
};

/** Slides, a video or a link shared after a session: shown to those who attended. */
export const Material = z.object({
  title: line('资料名称', 60, 1),
  url: httpUrl('请填写以 http 或 https 开头的链接'),
  kind: z.enum(['slides', 'video', 'link']),
});
export type Material = z.infer<typeof Material>;

export const SESSION_KINDS = [
  'joint_research',
  'lesson_observation',
  'demo_lesson',
  'outreach',
  'collective_prep',
  'expert_lecture',
  'training',
  'quality_analysis',
  'family_education',
  'parent_school',
] as const;
export const SessionKind = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKind>;
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  joint_research: '联合教研',
  lesson_observation: '听评课',
  demo_lesson: '示范课',
  outreach: '送教下乡',
  collective_prep: '集体备课',
  expert_lecture: '专家讲座',
  training: '培训',
  quality_analysis: '质量分析会',
  family_education: '家庭教育讲座',
  parent_school: '家长学校活动',
};

const SessionMode = z.enum(['online', 'offline']);
export const SessionStatus = z.enum(['draft', 'published', 'cancelled', 'closed']);
export type SessionStatus = z.infer<typeof SessionStatus>;

const Venue = z.object({
  name: line('地点', 100, 1),
  lat: z.optional(decimal('纬度', -90, 90)),
  lng: z.optional(decimal('经度', -180, 180)),
  radiusM: z.optional(integer('签到范围（米）', 20, 5000)),
});

const SignInWindow = z.object({
  opensBeforeMin: integer('开始前可签到分钟数', 0, 240),
  lateAfterMin: integer('迟到判定分钟数', 0, 240),
  closesAfterEndMin: integer('结束后可签到分钟数', 0, 240),
});

const SchoolIds = z.array(Id).check(z.minLength(1, '请至少选择一所学校'), z.maxLength(500, '最多选择 500 所学校'));

/**
 * 中心教研组: by the group's id (its members at publish time, kept on the session as `audienceMembers`), or the older
 * form by subject and grade (the federation's teachers of the subject). One option of the union below: the loose
 * object in front gives the discriminated union its `type`, the union behind tells the two forms apart.
 */
const GroupAudience = z.pipe(
  z.looseObject({ type: z.literal('group') }),
  z.union([
    z.object({ type: z.literal('group'), groupId: Id, name: z.optional(line('教研组名称', 40)) }),
    z.object({ type: z.literal('group'), subject: line('学科', 20, 1), grade: line('年级', 20, 1) }),
  ]),
);
type GroupAudience = z.infer<typeof GroupAudience>;
export type GroupByIdAudience = Extract<GroupAudience, { groupId: string }>;
/** A group audience chosen by the group's id (not the older subject form). */
export const isGroupById = (audience: { type: string }): audience is GroupByIdAudience => audience.type === 'group' && 'groupId' in audience;

export const Audience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('federation') }),
  z.object({ type: z.literal('schools'), schoolIds: SchoolIds }),
  GroupAudience,
  z.object({
    type: z.literal('parents'),
    schoolIds: SchoolIds,
    grades: z.optional(z.array(line('年级', 20, 1)).check(z.maxLength(20, '最多选择 20 个年级'))),
  }),
]);
export type Audience = z.infer<typeof Audience>;

export const GeofenceMode = z.enum(['off', 'flag', 'reject']);
export type GeofenceMode = z.infer<typeof GeofenceMode>;

/**
 * Credited hours (学时): `proportional` credits the share of the session the person was present
 * (from sign-in to sign-out, within start and end); `full_or_none` credits all hours unless the
 * person arrived later or left earlier than the grace minutes, then none.
 */
const CreditRule = z.object({
  mode: z.enum(['proportional', 'full_or_none']),
  lateGraceMin: integer('迟到宽限分钟数', 0, 120),
  earlyLeaveGraceMin: integer('早退宽限分钟数', 0, 120),
});
type CreditRule = z.infer<typeof CreditRule>;
export const DEFAULT_CREDIT_RULE: CreditRule = { mode: 'proportional', lateGraceMin: 10, earlyLeaveGraceMin: 10 };

/** Why an attendance earned 0 学时, from its status and the session's rule (said in 我的档案 and on the result page). */
export function zeroHoursReason(status: string, rule: CreditRule | undefined): string {
  if (rule?.mode === 'full_or_none' && status === 'late') return `迟到超过 ${rule.lateGraceMin} 分钟，按本活动的学时规则记 0 学时`;
  if (rule?.mode === 'full_or_none' && status === 'left_early') return `早退超过 ${rule.earlyLeaveGraceMin} 分钟，按本活动的学时规则记 0 学时`;
  if (rule?.mode === 'proportional') return '学时按在场时长计算：签到到签退之间在活动时间内的时长太短，记 0 学时';
  return '迟到、早退或在场时间太短，按本活动的学时规则记 0 学时';
}

const LessonInfo = z.object({
  teacherId: z.optional(Id),
  teacherName: line('授课教师', 32, 1),
  className: line('授课班级', 32, 1),
  topic: line('课题', 100, 1),
});
type LessonInfo = z.infer<typeof LessonInfo>;

export const Session = z.object({
  id: Id,
  federationId: Id,
  hostSchoolId: Id,
  organizerId: Id,
  kind: SessionKind,
  mode: SessionMode,
  title: z.string(),
  subject: z.optional(z.string()),
  grade: z.optional(z.string()),
  venue: z.optional(Venue),
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  signIn: SignInWindow,
  signOutRequired: z.boolean(),
  creditHours: z.number(),
  audience: Audience,
  capacity: z.optional(z.int()),
  registrationRequired: z.boolean(),
  status: SessionStatus,
  createdAt: IsoDateTime,
  rotateSeconds: z.optional(z.int()),
  geofence: z.optional(GeofenceMode),
  creditRule: z.optional(CreditRule),
  lesson: z.optional(LessonInfo),
  /** 听评课 / 示范课: the observation scale 评课 fills in (a scale of the session's federation, or `default`). */
  scaleId: z.optional(Id),
  /** School ids whose teachers (or parents) may attend: resolved when the session is saved. */
  audienceSchoolIds: z.optional(z.array(Id)),
  expectedCount: z.optional(z.int()),
  /** A research group's members as they were when the session was published (`{ type: 'group', groupId }` only). */
  audienceMembers: z.optional(z.array(z.object({ userId: Id, schoolId: Id }))),
  /** When the session was closed, and whether by its organizer or by the scheduled auto-close. */
  closedAt: z.optional(IsoDateTime),
  closedBy: z.optional(z.enum(['organizer', 'auto'])),
  cancelReason: z.optional(z.string()),
  updatedAt: z.optional(IsoDateTime),
  // Family-education sessions (issue 4); optional so every other kind is unchanged.
  speaker: z.optional(z.string()),
  topic: z.optional(TransitionTopic),
  onlineUrl: z.optional(z.string()),
  materials: z.optional(z.array(Material)),
  /** Registration closes then (default: the start). */
  registrationDeadline: z.optional(IsoDateTime),
  /** A registered seat may be given back until then (default: the start). */
  cancelDeadline: z.optional(IsoDateTime),
  /** When full, further registrations join a waitlist (default true); false answers SESSION_FULL and writes nothing. */
  waitlist: z.optional(z.boolean()),
});
export type Session = z.infer<typeof Session>;

const Title = line('标题', 60, 2);

export const SessionInput = z.strictObject({
  kind: SessionKind,
  mode: SessionMode,
  title: Title,
  subject: z.optional(line('学科', 20)),
  grade: z.optional(line('年级', 20)),
  hostSchoolId: Id,
  venue: z.optional(Venue),
  startAt: IsoDateTime,
  endAt: IsoDateTime,
  signIn: z._default(SignInWindow, { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 }),
  signOutRequired: z._default(z.boolean(), false),
  creditHours: decimal('学时', 0, 24, { places: 1 }),
  audience: Audience,
  capacity: z.optional(integer('人数上限', 1, 100_000)),
  registrationRequired: z._default(z.boolean(), false),
  rotateSeconds: z._default(integer('二维码刷新秒数', 5, 300), 10),
  geofence: z._default(GeofenceMode, 'off'),
  creditRule: z._default(CreditRule, DEFAULT_CREDIT_RULE),
  lesson: z.optional(LessonInfo),
  /** 评课 by this observation scale instead of stars (a lesson kind whose teacher is picked from the roster). */
  scaleId: z.optional(Id),
  speaker: z.optional(line('主讲人', 40)),
  topic: z.optional(TransitionTopic),
  onlineUrl: z.optional(httpUrl('请填写以 http 或 https 开头的直播链接')),
  materials: z.optional(z.array(Material).check(z.maxLength(20, '最多 20 份资料'))),
  registrationDeadline: z.optional(IsoDateTime),
  cancelDeadline: z.optional(IsoDateTime),
  waitlist: z.optional(z.boolean()),
});
export type SessionInput = z.infer<typeof SessionInput>;
export const CreateSessionRequest = SessionInput;
/** An edit may clear these by sending null (a field left out of an edit stays as it was). */
export const CLEARABLE_SESSION_FIELDS = [
  'subject',
  'grade',
  'venue',
  'capacity',
  'lesson',
  'scaleId',
  'speaker',
  'topic',
  'onlineUrl',
  'materials',
  'registrationDeadline',
  'cancelDeadline',
  'waitlist',
] as const;
const clearable = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
const { shape } = SessionInput;
export const UpdateSessionRequest = z.extend(z.partial(SessionInput), {
  subject: clearable(shape.subject),
  grade: clearable(shape.grade),
  venue: clearable(shape.venue),
  capacity: clearable(shape.capacity),
  lesson: clearable(shape.lesson),
  scaleId: clearable(shape.scaleId),
  speaker: clearable(shape.speaker),
  topic: clearable(shape.topic),
  onlineUrl: clearable(shape.onlineUrl),
  materials: clearable(shape.materials),
  registrationDeadline: clearable(shape.registrationDeadline),
  cancelDeadline: clearable(shape.cancelDeadline),
  waitlist: clearable(shape.waitlist),
});
export type UpdateSessionRequest = z.infer<typeof UpdateSessionRequest>;

export const ListSessionsQuery = z.strictObject({
  from: z.optional(IsoDateTime),
  to: z.optional(IsoDateTime),
  federationId: z.optional(Id),
  cursor: z.optional(Cursor),
});
export type ListSessionsQuery = z.infer<typeof ListSessionsQuery>;

export const CancelSessionRequest = z.strictObject({
  reason: line('取消原因', 200, 2),
});
export type CancelSessionRequest = z.infer<typeof CancelSessionRequest>;
