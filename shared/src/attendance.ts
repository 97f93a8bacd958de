import * as z from 'zod/mini';
import { Id, IsoDateTime, sensibleDecimal } from './common.ts';
import { Session } from './sessions.ts';

export const ATTENDANCE_STATUSES = ['on_time', 'late', 'left_early', 'absent', 'excused'] as const;
export const AttendanceStatus = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  on_time: '已签到',
  late: '迟到',
  left_early: '早退',
  absent: '缺席',
  excused: '请假',
};

export const AttendanceMethod = z.enum(['qr', 'manual', 'offline_replay']);
export const ATTENDANCE_FLAGS = ['outside_geofence', 'shared_device', 'offline_replay', 'no_location', 'manual'] as const;
export const AttendanceFlag = z.enum(ATTENDANCE_FLAGS);
export type AttendanceFlag = z.infer<typeof AttendanceFlag>;
export const ATTENDANCE_FLAG_LABELS: Record<AttendanceFlag, string> = {
  outside_geofence: '不在活动范围',
  shared_device: '同一设备多人签到',
  offline_replay: '离线补交',
  no_location: '未提供位置',
  manual: '人工标记',
};

export const AuditEntry = z.object({
  at: IsoDateTime,
  by: Id,
  byName: z.optional(z.string()),
  action: z.string(),
  reason: z.optional(z.string()),
});

export const Attendance = z.object({
  sessionId: Id,
  userId: Id,
  name: z.string(),
  schoolId: z.optional(Id),
  status: AttendanceStatus,
  method: AttendanceMethod,
  signedInAt: z.optional(IsoDateTime),
  signedOutAt: z.optional(IsoDateTime),
  deviceId: z.optional(z.string()),
  distanceM: z.optional(z.number()),
  flags: z.array(AttendanceFlag),
  creditedHours: z.number(),
  audit: z.optional(z.array(AuditEntry)),
  updatedAt: IsoDateTime,
  /** Set by close on the records it wrote or found without a sign-in: no later sign-in may change them. */
  closedAt: z.optional(IsoDateTime),
});
export type Attendance = z.infer<typeof Attendance>;

export const QrPurpose = z.enum(['in', 'out']);
export type QrPurpose = z.infer<typeof QrPurpose>;

export const Location = z.strictObject({
  lat: z.number().check(z.gte(-90, '纬度应在 -90 到 90 之间'), z.lte(90, '纬度应在 -90 到 90 之间'), sensibleDecimal()),
  lng: z.number().check(z.gte(-180, '经度应在 -180 到 180 之间'), z.lte(180, '经度应在 -180 到 180 之间'), sensibleDecimal()),
  accuracy: z.optional(z.number().check(z.gte(0), z.lte(100_000), sensibleDecimal())),
});
export type Location = z.infer<typeof Location>;

export const SignInRequest = z.strictObject({
  /** The scanned QR token, or for an online session the six-digit code typed in. */
  token: z.string().check(z.minLength(6, '二维码或签到码无效，请重新扫描或输入'), z.maxLength(64, '二维码无效，请重新扫描'), z.regex(/^[A-Za-z0-9_-]+$/, '二维码或签到码无效，请重新扫描或输入')),
  deviceId: z.string().check(z.minLength(8, '设备标识无效'), z.maxLength(64, '设备标识无效')),
  nonce: z.string().check(z.minLength(8, '请求标识无效'), z.maxLength(64, '请求标识无效')),
  scannedAt: z.optional(IsoDateTime),
  location: z.optional(Location),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SignInResponse = z.object({ attendance: Attendance, alreadySignedIn: z.boolean() });
export type SignInResponse = z.infer<typeof SignInResponse>;

export const QrQuery = z.strictObject({ purpose: z._default(QrPurpose, 'in') });
export const QrCode = z.object({
  url: z.string(),
  token: z.string(),
  expiresAt: IsoDateTime,
  rotateSeconds: z.int(),
  purpose: QrPurpose,
  /** Online sessions: the six-digit code to type in (签到码), turning every five minutes. */
  code: z.optional(z.string()),
  codeExpiresAt: z.optional(IsoDateTime),
});
export type QrCode = z.infer<typeof QrCode>;

export const DisplayQuery = z.strictObject({
  key: z.string().check(z.minLength(8), z.maxLength(64)),
  purpose: z._default(QrPurpose, 'in'),
});
export const AttendanceSummary = z.object({
  expected: z.int(),
  signedIn: z.int(),
  late: z.int(),
  absent: z.int(),
  signedOut: z.int(),
  leftEarly: z.int(),
  excused: z.int(),
  flagged: z.int(),
});
export type AttendanceSummary = z.infer<typeof AttendanceSummary>;

export const DisplayView = z.object({
  session: z.object({ id: Id, title: z.string(), startAt: IsoDateTime, endAt: IsoDateTime, status: z.string(), venue: z.optional(z.string()) }),
  qr: QrCode,
  summary: AttendanceSummary,
  latest: z.array(z.object({ name: z.string(), at: IsoDateTime, status: AttendanceStatus })),
});
export type DisplayView = z.infer<typeof DisplayView>;

export const RosterQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000))),
  format: z.optional(z.enum(['json', 'csv', 'xlsx'])),
  /** `missing`: also list the audience members with no record yet (未签到). */
  include: z.optional(z.enum(['missing'])),
});
export const RosterItem = z.object({
  userId: Id,
  name: z.string(),
  schoolId: z.optional(Id),
  status: AttendanceStatus,
  signedInAt: z.optional(IsoDateTime),
  signedOutAt: z.optional(IsoDateTime),
  creditedHours: z.number(),
  flags: z.array(AttendanceFlag),
  method: AttendanceMethod,
  distanceM: z.optional(z.number()),
});
export type RosterItem = z.infer<typeof RosterItem>;
export const MissingPerson = z.object({ userId: Id, name: z.string(), schoolId: Id });
export const Roster = z.object({
  items: z.array(RosterItem),
  summary: AttendanceSummary,
  nextCursor: z.optional(z.string()),
  missing: z.optional(z.array(MissingPerson)),
});
export type Roster = z.infer<typeof Roster>;

export const MarkAttendanceRequest = z.strictObject({
  status: AttendanceStatus,
  reason: z.string().check(z.trim(), z.minLength(2, '请填写修改原因'), z.maxLength(200, '原因最多 200 字')),
});
export type MarkAttendanceRequest = z.infer<typeof MarkAttendanceRequest>;

export const SessionWithMine = z.object({ session: Session, mine: z.optional(Attendance) });
export const MySessions = z.object({ upcoming: z.array(SessionWithMine), past: z.array(SessionWithMine) });
export type MySessions = z.infer<typeof MySessions>;

export const Evaluation = z.strictObject({
  rating: z.int().check(z.gte(1, '评分为 1 到 5 星'), z.lte(5, '评分为 1 到 5 星')),
  comment: z.string().check(z.trim(), z.minLength(10, '评课意见至少 10 个字'), z.maxLength(1000, '评课意见最多 1000 字')),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const AttendanceParams = z.object({ id: Id, userId: Id });

export const SessionEvaluation = z.object({
  sessionId: Id,
  userId: Id,
  name: z.string(),
  rating: z.int(),
  comment: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SessionEvaluation = z.infer<typeof SessionEvaluation>;
export const EvaluationList = z.object({ items: z.array(SessionEvaluation), averageRating: z.optional(z.number()) });
export type EvaluationList = z.infer<typeof EvaluationList>;
