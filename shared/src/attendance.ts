import * as z from 'zod/mini';
import { Cursor, Id, IsoDateTime } from './common.ts';
import { code, decimal, integer, line, prose, shaped } from './fields.ts';
import { ScaleScore } from './observations.ts';
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

const AttendanceMethod = z.enum(['qr', 'manual', 'offline_replay']);
const ATTENDANCE_FLAGS = ['outside_geofence', 'shared_device', 'offline_replay', 'no_location', 'manual'] as const;
export const AttendanceFlag = z.enum(ATTENDANCE_FLAGS);
export type AttendanceFlag = z.infer<typeof AttendanceFlag>;
export const ATTENDANCE_FLAG_LABELS: Record<AttendanceFlag, string> = {
  outside_geofence: '不在活动范围',
  shared_device: '同一设备多人签到',
  offline_replay: '离线补交',
  no_location: '未提供位置',
  manual: '人工标记',
};

const AuditEntry = z.object({
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
  /** The observation this attendance's scale 评课 is (听评课 / 示范课 naming a scale): the lesson counts there, not here. */
  observationId: z.optional(z.string()),
});
export type Attendance = z.infer<typeof Attendance>;

export const QrPurpose = z.enum(['in', 'out']);
export type QrPurpose = z.infer<typeof QrPurpose>;

export const Location = z.strictObject({
  lat: decimal('纬度', -90, 90),
  lng: decimal('经度', -180, 180),
  accuracy: z.optional(decimal('定位精度（米）', 0, 100_000)),
});
export type Location = z.infer<typeof Location>;

export const SignInRequest = z.strictObject({
  /** The scanned QR token, or for an online session the six-digit code typed in. */
  token: shaped(/^[A-Za-z0-9_-]{6,}$/, '二维码或签到码无效，请重新扫描或输入', 64),
  deviceId: code('设备标识', 64, 8),
  nonce: code('请求标识', 64, 8),
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
  key: code('大屏链接', 64, 8),
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

/** The QR landing (`/s/<id>/<token>` in a browser): what the code names, before any login. The token is the permission. */
export const LandingQuery = z.strictObject({
  token: shaped(/^[A-Za-z0-9_-]{8,}$/, '二维码无效，请扫描本次活动现场的二维码', 64),
  purpose: z._default(QrPurpose, 'in'),
});
export const LandingView = z.object({
  session: z.object({ id: Id, title: z.string(), startAt: IsoDateTime, endAt: IsoDateTime, status: z.string(), venue: z.optional(z.string()) }),
  purpose: QrPurpose,
  /** `expired`: a genuine code of this session, too old to sign in with; scan the venue's current one. */
  code: z.enum(['valid', 'expired']),
});
export type LandingView = z.infer<typeof LandingView>;

export const RosterQuery = z.strictObject({
  cursor: z.optional(Cursor),
  limit: z.optional(integer('每页条数', 1, 1000, { coerce: true })),
  format: z.optional(z.enum(['json', 'csv', 'xlsx'])),
  /** `missing`: also list the audience members with no record yet (未签到). */
  include: z.optional(z.enum(['missing'])),
  /** `only`: the summary (and 未签到 with `include=missing`) without the list: read from the session's counters. */
  summary: z.optional(z.enum(['only'])),
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
const MissingPerson = z.object({ userId: Id, name: z.string(), schoolId: Id });
export const Roster = z.object({
  items: z.array(RosterItem),
  summary: AttendanceSummary,
  nextCursor: z.optional(z.string()),
  missing: z.optional(z.array(MissingPerson)),
});
export type Roster = z.infer<typeof Roster>;

export const MarkAttendanceRequest = z.strictObject({
  status: AttendanceStatus,
  reason: line('修改原因', 200, 2),
});
export type MarkAttendanceRequest = z.infer<typeof MarkAttendanceRequest>;

const SessionWithMine = z.object({ session: Session, mine: z.optional(Attendance) });
export const MySessions = z.object({ upcoming: z.array(SessionWithMine), past: z.array(SessionWithMine) });
export type MySessions = z.infer<typeof MySessions>;

/**
 * 评课: stars and a comment, or — when the session names an observation scale — the scale's scores with 亮点 and
 * 建议 (checked against the scale by the service: every item once, within the range).
 */
export const Evaluation = z.strictObject({
  rating: z.optional(integer('评分', 1, 5, { message: '评分为 1 到 5 星' })),
  comment: z.optional(prose('评课意见', 1000, 10)),
  /** The scale version the form was filled in with (the one in force when omitted). */
  scaleVersion: z.optional(integer('量表版本', 1, 10_000)),
  scores: z.optional(z.array(ScaleScore).check(z.maxLength(64, '评分最多 64 项'))),
  strengths: z.optional(prose('亮点', 2000)),
  suggestions: z.optional(prose('建议', 2000)),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const AttendanceParams = z.object({ id: Id, userId: Id });

export const SessionEvaluation = z.object({
  sessionId: Id,
  userId: Id,
  name: z.string(),
  /** Star 评课 (sessions without a scale). */
  rating: z.optional(z.int()),
  comment: z.optional(z.string()),
  /** Scale 评课: the observation it counts as, the scale version used, the scores and their summary. */
  observationId: z.optional(z.string()),
  scaleId: z.optional(z.string()),
  scaleVersion: z.optional(z.int()),
  scaleName: z.optional(z.string()),
  scores: z.optional(z.array(z.object({ item: z.string(), score: z.number() }))),
  dimensions: z.optional(z.array(z.object({ name: z.string(), average: z.number(), score: z.number() }))),
  total: z.optional(z.number()),
  strengths: z.optional(z.string()),
  suggestions: z.optional(z.string()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SessionEvaluation = z.infer<typeof SessionEvaluation>;
/** `averageRating` over the star evaluations, `averageTotal` (0–100) over the scale ones. */
export const EvaluationList = z.object({ items: z.array(SessionEvaluation), averageRating: z.optional(z.number()), averageTotal: z.optional(z.number()) });
export type EvaluationList = z.infer<typeof EvaluationList>;
