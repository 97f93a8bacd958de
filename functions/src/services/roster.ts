import {
  ATTENDANCE_FLAG_LABELS,
  ATTENDANCE_STATUS_LABELS,
  type Attendance,
  type AttendanceSummary,
  type DisplayView,
  type MarkAttendanceRequest,
  type QrPurpose,
  type Roster,
  type RosterItem,
  type Session,
  shanghaiTime,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import { csvFile, timeCell, xlsxFile, type Cell } from '#lib/xlsx';
import type { AggregateRepository } from '#repositories/aggregates';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { SessionRepository } from '#repositories/sessions';
import { latestSignIns } from './aggregates.ts';
import { creditedHours, sharedDeviceUsers, summarize } from './attendance-rules.ts';
import type { Reach } from './access.ts';
import type { AudienceResolver } from './audience.ts';
import type { SessionService } from './sessions.ts';
import type { SignInService } from './sign-in.ts';

const toRosterItem = (a: Attendance, shared: Set<string>): RosterItem => ({
  userId: a.userId,
  name: a.name,
  ...(a.schoolId ? { schoolId: a.schoolId } : {}),
  status: a.status,
  ...(a.signedInAt ? { signedInAt: a.signedInAt } : {}),
  ...(a.signedOutAt ? { signedOutAt: a.signedOutAt } : {}),
  creditedHours: a.creditedHours,
  flags: shared.has(a.userId) && !a.flags.includes('shared_device') ? [...a.flags, 'shared_device'] : a.flags,
  method: a.method,
  ...(a.distanceM === undefined ? {} : { distanceM: a.distanceM }),
});

/** The sign-in sheet of a session as CSV (UTF-8 with BOM) or XLSX (签到表 and 汇总), named by date and title. */
export function signInSheet(session: Session, all: Attendance[], schools: Map<string, string>, format: 'csv' | 'xlsx', unrecorded: number) {
  const shared = sharedDeviceUsers(all);
  const header: Cell[] = ['序号', '姓名', '学校', '状态', '签到时间', '签退时间', '学时', '签到方式', '提示'];
  const methodLabel = { qr: '扫码', manual: '人工', offline_replay: '离线补交' } as const;
  const rows: Cell[][] = all
    .map((a) => toRosterItem(a, shared))
    .sort((a, b) => (a.schoolId ?? '').localeCompare(b.schoolId ?? '') || a.name.localeCompare(b.name, 'zh-CN'))
    .map((a, i) => [
      i + 1,
      a.name,
      schools.get(a.schoolId ?? '') ?? '',
      ATTENDANCE_STATUS_LABELS[a.status],
      timeCell(a.signedInAt),
      timeCell(a.signedOutAt),
      a.creditedHours,
      methodLabel[a.method],
      a.flags.map((f) => ATTENDANCE_FLAG_LABELS[f]).join('、'),
    ]);
  const s = summarize(all.map((a) => toRosterItem(a, shared)), unrecorded);
  const title = `${session.title}-签到表`;
  const filename = `${shanghaiTime(session.startAt).slice(0, 10)}-${title}`;
  if (format === 'csv') return csvFile(filename, [header, ...rows]);
  const summaryRows: Cell[][] = [
    ['项目', '内容'],
    ['活动', session.title],
    ['时间', `${shanghaiTime(session.startAt)} 至 ${shanghaiTime(session.endAt)}`],
    ['地点', session.venue?.name ?? (session.mode === 'online' ? '线上' : '')],
    ['应到', s.expected],
    ['已签到', s.signedIn],
    ['迟到', s.late],
    ['早退', s.leftEarly],
    ['缺席', s.absent],
    ['请假', s.excused],
  ];
  return xlsxFile(filename, [
      { name: '签到表', rows: [header, ...rows], widths: [6, 12, 22, 8, 18, 18, 6, 10, 24] },
      { name: '汇总', rows: summaryRows, widths: [10, 48] },
  ]);
}

export function makeRosterService(deps: {
  sessions: SessionRepository;
  attendance: AttendanceRepository;
  federations: FederationRepository;
  sessionService: SessionService;
  signIn: SignInService;
  audience: AudienceResolver;
  reach: Reach;
  clock: Clock;
  aggregates: Pick<AggregateRepository, 'getSessionCounts'>;
}) {
  const { attendance } = deps;

  /** Audience members not among `present` (未签到), sorted by school then name; none once closed. */
  async function unrecordedOf(session: Session, present: Set<string>) {
    if (session.status === 'closed') return [];
    const members = await deps.audience.listMembers(session);
    return members
      .filter((m) => !present.has(m.id))
      .map((m) => ({ userId: m.id, name: m.name, schoolId: m.schoolId }))
      .sort((a, b) => a.schoolId.localeCompare(b.schoolId) || a.name.localeCompare(b.name, 'zh-CN'));
  }

  /** Audience members without any record yet (未签到); none once closed, as close wrote a record for each. */
  async function missingOf(session: Session, all: Attendance[]) {
    return unrecordedOf(session, new Set(all.map((a) => a.userId)));
  }

  /**
   * The summary, 未签到 and 最新签到 from the session's counters (one GetItem; issue 19) and its audience, with no read
   * of its records: the counters' 应到 is the recorded part, the audience members without a record are added as
   * `summarize` adds them. No counters yet: no records, zero counts. Undefined when the counters cannot say who has a
   * record (written before `userIds`, or over MAX_COUNTED_USER_IDS records): the caller counts from the records.
   */
  async function fromCounters(session: Session) {
    const counts = await deps.aggregates.getSessionCounts(session.id);
    if (counts && (!counts.userIds || !counts.latest)) return undefined;
    const missing = await unrecordedOf(session, new Set(counts?.userIds ?? []));
    if (!counts) return { summary: summarize([], missing.length), missing, latest: [] };
    // The summary's own fields only: the counters' lines carry more (records, hours, …) than a summary shows.
    const t = counts.total;
    const summary: AttendanceSummary = {
      expected: t.expected + missing.length,
      signedIn: t.signedIn,
      late: t.late,
      absent: t.absent,
      signedOut: t.signedOut,
      leftEarly: t.leftEarly,
      excused: t.excused,
      flagged: t.flagged,
    };
    return { summary, missing, latest: counts.latest ?? [] };
  }

  /** Counts from the roster as shown (derived flags included), 应到 as defined once (summarize). */
  function summaryOf(all: Attendance[], missing: unknown[]) {
    const shared = sharedDeviceUsers(all);
    return summarize(all.map((a) => toRosterItem(a, shared)), missing.length);
  }

  return {
    async roster(
      auth: AuthContext,
      sessionId: string,
      page: { cursor?: string; limit?: number; includeMissing?: boolean; summaryOnly?: boolean },
    ): Promise<Roster> {
      const session = await deps.sessionService.loadManaged(auth, sessionId);
      if (page.summaryOnly) {
        // The polling view: the counts (and 未签到) from the counters, no person's record read.
        const counted = await fromCounters(session);
        if (counted) return { items: [], summary: counted.summary, ...(page.includeMissing ? { missing: counted.missing } : {}) };
        const all = await attendance.listWholeRoster(sessionId);
        const missing = await missingOf(session, all);
        return { items: [], summary: summaryOf(all, missing), ...(page.includeMissing ? { missing } : {}) };
      }
      const all = await attendance.listWholeRoster(sessionId);
      const shared = sharedDeviceUsers(all);
      const missing = await missingOf(session, all);
      const summary = summaryOf(all, missing);
      const extra = page.includeMissing ? { missing } : {};
      if (!page.cursor && (!page.limit || page.limit >= all.length)) {
        return { items: all.map((a) => toRosterItem(a, shared)), summary, ...extra };
      }
      const slice = await attendance.listRoster(sessionId, page);
      return { items: slice.items.map((a) => toRosterItem(a, shared)), summary, ...extra, ...(slice.nextCursor ? { nextCursor: slice.nextCursor } : {}) };
    },

    /** The sign-in sheet as a file: CSV (UTF-8 with BOM) or XLSX, named after the session. */
    async export(auth: AuthContext, sessionId: string, format: 'csv' | 'xlsx') {
      const session = await deps.sessionService.loadManaged(auth, sessionId);
      const all = await attendance.listWholeRoster(sessionId);
      const schools = new Map((await deps.federations.listSchoolsOfFederation(session.federationId)).map((s) => [s.id, s.name]));
      return signInSheet(session, all, schools, format, (await missingOf(session, all)).length);
    },

    /** An organizer's hand-made change, with who and why kept in the record's audit trail. */
    async mark(auth: AuthContext, sessionId: string, userId: string, request: MarkAttendanceRequest): Promise<Attendance> {
      const session = await deps.sessionService.loadManaged(auth, sessionId);
      const user = await deps.reach.assertCanActOn(auth, userId, session, '只能为本次活动的参与人员（参与学校的对象、主办学校教师或已签到的人）登记出勤');
      const existing = await attendance.getAttendance(sessionId, userId);
      let base = existing;
      if (!base) {
        const schoolId = user.roles.map((r) => ('schoolId' in r.scope ? r.scope.schoolId : undefined)).find((id) => id && (session.audienceSchoolIds ?? []).includes(id));
        base = { sessionId, userId, name: user.name, ...(schoolId ? { schoolId } : {}), status: 'absent', method: 'manual', flags: [], creditedHours: 0, updatedAt: '' };
      }
      const now = deps.clock.now().toISOString();
      const attended = request.status === 'on_time' || request.status === 'late' || request.status === 'left_early';
      const hours = !attended
        ? 0
        : request.status === 'on_time' || !base.signedInAt
          ? session.creditHours
          : creditedHours({ ...session, signOutRequired: false }, Date.parse(base.signedInAt), base.signedOutAt ? Date.parse(base.signedOutAt) : undefined);
      try {
        return await attendance.putManual(
          { ...base, status: request.status, creditedHours: hours, updatedAt: now },
          { sessionStartAt: session.startAt, sessionKind: session.kind },
          { at: now, by: auth.userId, ...(auth.name ? { byName: auth.name } : {}), action: `status:${request.status}`, reason: request.reason },
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') throw new AppError(409, 'CONFLICT', '该记录刚被修改，请刷新后重试');
        throw error;
      }
    },

    /** What the venue's screen shows: the current code, the counts and the latest names. No login; the key is the permission. */
    async display(sessionId: string, key: string, purpose: QrPurpose, origin: string): Promise<DisplayView> {
      if (!(await deps.signIn.checkDisplayKey(sessionId, key))) throw new AppError(403, 'FORBIDDEN', '展示链接无效，请向活动组织者重新获取');
      const session = await deps.sessions.getSession(sessionId);
      if (!session) throw notFound('活动不存在或已被删除');
      if (session.status !== 'published') throw new AppError(410, 'DISPLAY_CLOSED', '活动已结束或已取消，展示链接已失效');
      // The counts and the latest names from the counters; older counters: from the records, as before.
      let counted: { summary: AttendanceSummary; latest: DisplayView['latest'] } | undefined = await fromCounters(session);
      if (!counted) {
        const all = await attendance.listWholeRoster(sessionId);
        counted = { summary: summaryOf(all, await missingOf(session, all)), latest: latestSignIns(all) };
      }
      return {
        session: { id: session.id, title: session.title, startAt: session.startAt, endAt: session.endAt, status: session.status, ...(session.venue ? { venue: session.venue.name } : {}) },
        qr: await deps.signIn.currentQr(session, purpose, origin),
        summary: counted.summary,
        latest: counted.latest,
      };
    },
  };
}
export type RosterService = ReturnType<typeof makeRosterService>;
