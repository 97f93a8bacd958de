import {
  DEFAULT_SCALE_ID,
  OBSERVED_LESSON_KINDS,
  isGroupById,
  type Attendance,
  type Audience,
  type ListSessionsQuery,
  type MySessions,
  type School,
  type Session,
  type SessionInput,
  type UpdateSessionRequest,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { SessionRepository } from '#repositories/sessions';
import type { AccessPolicy, Reach } from './access.ts';
import { audienceSchoolOf, type AudienceResolver } from './audience.ts';
import { makeCloser } from './closing.ts';

const DAY = 86_400_000;

/** Times are kept in UTC (`…Z`), so that keys built from them sort in time order whatever offset a client sent. */
const utcTimes = (t: { startAt: string; endAt: string }) => ({ startAt: new Date(t.startAt).toISOString(), endAt: new Date(t.endAt).toISOString() });
const LESSON_KINDS = new Set<string>(OBSERVED_LESSON_KINDS);
const ATTENDED = new Set(['on_time', 'late', 'left_early']);
export const attended = (record: Pick<Attendance, 'status'> | undefined) => Boolean(record && ATTENDED.has(record.status));

/** Start, end and kind are copied into every attendance record (keys, trend month, hours): fixed once one exists. */
function changesWhatRecordsKeep(current: Session, patch: UpdateSessionRequest): boolean {
  const moved = (field: 'startAt' | 'endAt') => patch[field] != null && Date.parse(patch[field]) !== Date.parse(current[field]);
  return moved('startAt') || moved('endAt') || (patch.kind != null && patch.kind !== current.kind);
}

/** Materials (slides, video links) are for those who attended; everyone else sees the session without them. */
export function withoutMaterials(session: Session): Session {
  if (!session.materials) return session;
  const { materials: _m, ...rest } = session;
  return rest;
}

export function makeSessionService(deps: {
  sessions: SessionRepository;
  attendance: AttendanceRepository;
  federations: FederationRepository;
  audience: AudienceResolver;
  access: AccessPolicy;
  reach: Reach;
  clock: Clock;
  newId: () => string;
  /** An observation scale's federation (`undefined`: no such scale): a session may name only its own federation's. */
  scaleOf?: (scaleId: string) => Promise<{ federationId?: string | undefined } | undefined>;
  /** A research group's leader (may organise sessions for the group); without it, only organizers and admins organise. */
  groupLeaderOf?: (groupId: string) => Promise<{ federationId: string; leaderId?: string | undefined } | undefined>;
}) {
  const { sessions, attendance, access, clock } = deps;
  const closer = makeCloser({ sessions, attendance, audience: deps.audience, clock });

  async function load(id: string): Promise<Session> {
    const session = await sessions.getSession(id);
    if (!session) throw notFound('活动不存在或已被删除');
    return session;
  }

  /** Organizers and federation admins of the federation, the host school's admin, district admins. */
  function canOrganize(auth: AuthContext, session: Pick<Session, 'federationId' | 'hostSchoolId'>): boolean {
    return (
      access.holds(auth, 'organizer', { federationId: session.federationId }) ||
      access.holds(auth, 'federationAdmin', { federationId: session.federationId }) ||
      access.holds(auth, 'schoolAdmin', { schoolId: session.hostSchoolId }) ||
      access.holds(auth, 'districtAdmin', {})
    );
  }

  /** A 中心教研组's leader may organise sessions whose audience is their own group (in the group's federation). */
  async function leadsAudience(auth: AuthContext, federationId: string, audience: Audience | undefined): Promise<boolean> {
    if (!audience || !isGroupById(audience) || !deps.groupLeaderOf) return false;
    const group = await deps.groupLeaderOf(audience.groupId);
    return Boolean(group && group.federationId === federationId && group.leaderId === auth.userId);
  }

  /** A published session's expected people: a research group's members are fixed now, when it is published. */
  async function withAudienceCounted(next: Session): Promise<Session> {
    const members = await deps.audience.snapshot(next);
    const { audienceMembers: _was, ...rest } = next;
    const counted: Session = { ...rest, ...(members ? { audienceMembers: members } : {}) };
    counted.expectedCount = await countExpected(counted);
    return counted;
  }

  /** Whoever may organize in its federation, and the session's own organizer. */
  const canManage = (auth: AuthContext, session: Session) => session.organizerId === auth.userId || canOrganize(auth, session);

  async function loadManaged(auth: AuthContext, id: string): Promise<Session> {
    const session = await load(id);
    if (!canManage(auth, session)) throw forbidden('只有活动的组织者或管理员可以进行此操作');
    return session;
  }

  /** A session's record (briefing, bundle): its managers, and the admins of the schools taking part. */
  async function loadRecordReader(auth: AuthContext, id: string): Promise<Session> {
    const session = await load(id);
    const takesPart = (session.audienceSchoolIds ?? []).some((schoolId) => access.holds(auth, 'schoolAdmin', { schoolId }));
    if (!canManage(auth, session) && !takesPart) throw forbidden('只有活动的组织者、管理员和参加学校的管理员可以查看活动档案');
    return session;
  }

  function checkTimes(input: Pick<SessionInput, 'startAt' | 'endAt' | 'mode' | 'venue' | 'geofence' | 'registrationDeadline' | 'cancelDeadline'>) {
    for (const field of ['registrationDeadline', 'cancelDeadline'] as const) {
      const deadline = input[field];
      if (deadline && Date.parse(deadline) > Date.parse(input.endAt)) {
        throw badRequest('VALIDATION_FAILED', '截止时间不能晚于活动结束', { fieldErrors: { [field]: ['截止时间不能晚于活动结束'] } });
      }
    }
    if (Date.parse(input.endAt) <= Date.parse(input.startAt)) {
      throw badRequest('VALIDATION_FAILED', '结束时间必须晚于开始时间', { fieldErrors: { endAt: ['结束时间必须晚于开始时间'] } });
    }
    if (Date.parse(input.endAt) - Date.parse(input.startAt) > 3 * DAY) {
      throw badRequest('VALIDATION_FAILED', '一次活动最长 3 天', { fieldErrors: { endAt: ['一次活动最长 3 天'] } });
    }
    if (input.mode === 'offline' && !input.venue) {
      throw badRequest('VALIDATION_FAILED', '线下活动请填写活动地点', { fieldErrors: { venue: ['请填写活动地点'] } });
    }
    if (input.geofence !== 'off' && input.mode === 'offline' && (input.venue?.lat === undefined || input.venue.lng === undefined)) {
      throw badRequest('VALIDATION_FAILED', '开启签到范围检查时请在地图上选择活动地点', { fieldErrors: { venue: ['请选择地图位置'] } });
    }
  }

  /** An offline session checking the geofence without coordinates of its own. */
  type Placeable = Pick<Session, 'mode' | 'venue' | 'geofence'>;
  const needsPlace = (input: Placeable) =>
    input.mode === 'offline' && (input.geofence ?? 'off') !== 'off' && (input.venue?.lat === undefined || input.venue.lng === undefined);

  /** A school's location is its sessions' default venue: the geofence centres on the host school unless a place is picked. */
  function atSchoolPlace<T extends Placeable>(input: T, school: School | undefined): T {
    if (!needsPlace(input) || !school?.location) return input;
    return { ...input, venue: { ...input.venue, name: input.venue?.name ?? school.name, lat: school.location.lat, lng: school.location.lng } };
  }

  /** The teaching teacher gets an open-class line in their archive: only one of the session's people may be named. */
  async function checkLessonTeacher(auth: AuthContext, session: Session, before?: Session) {
    const teacherId = session.lesson?.teacherId;
    if (!teacherId || teacherId === before?.lesson?.teacherId) return;
    await deps.reach.assertCanActOn(auth, teacherId, session, '授课教师必须是主办学校或参与学校的教师');
  }

  /** 评课 by a scale: a lesson kind, a scale of the session's federation (or the default one), a teacher from the roster. */
  async function checkScale(session: Session, before?: Session) {
    if (!session.scaleId) return;
    const refuse = (message: string, field = 'scaleId') => badRequest('VALIDATION_FAILED', message, { fieldErrors: { [field]: [message] } });
    if (!LESSON_KINDS.has(session.kind)) throw refuse('只有听评课和示范课可以指定课堂观察量表');
    if (!session.lesson?.teacherId) throw refuse('按量表评课时请从教师名单中选择授课教师（评课反馈会送到授课教师）', 'lesson');
    if (session.scaleId === before?.scaleId || session.scaleId === DEFAULT_SCALE_ID) return;
    const scale = await deps.scaleOf?.(session.scaleId);
    if (!scale || scale.federationId !== session.federationId) throw refuse('量表不存在或不属于本校联体，请重新选择量表');
  }

  /** A save based on what was read: refused if a close or cancel changed the status meanwhile (never reopens a session). */
  async function saveIfStill(next: Session, status: Session['status']) {
    if (!(await sessions.putSession(next, { expectStatus: status }))) throw conflict('CONFLICT', '活动刚被结束或取消，请刷新后重试');
  }

  async function countExpected(session: Session): Promise<number> {
    return (await deps.audience.listMembers(session)).length;
  }

  function visibleTo(auth: AuthContext, session: Session): boolean {
    if (canManage(auth, session)) return true;
    return session.status !== 'draft' && audienceSchoolOf(session, auth) !== undefined;
  }

  return {
    canManage,
    loadRecordReader,
    load,

    async create(auth: AuthContext, input: SessionInput): Promise<Session> {
      const school = await deps.federations.getSchool(input.hostSchoolId);
      if (!school) throw notFound('主办学校不存在');
      const now = clock.now().toISOString();
      const draft = { federationId: school.federationId, hostSchoolId: school.id, organizerId: auth.userId };
      if (!canOrganize(auth, draft) && !(await leadsAudience(auth, school.federationId, input.audience))) {
        throw forbidden('只有本校联体的活动组织者、管理员或中心教研组组长（为本组）可以创建活动');
      }
      const placed = atSchoolPlace(input, school);
      checkTimes(placed);
      const session: Session = {
        ...placed,
        ...utcTimes(placed),
        audience: await deps.audience.named(school.federationId, input.audience),
        id: deps.newId(),
        ...draft,
        audienceSchoolIds: await deps.audience.resolveSchools(school.federationId, input.audience),
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      };
      await checkLessonTeacher(auth, session);
      await checkScale(session);
      await sessions.putSession(session);
      return session;
    },

    async update(auth: AuthContext, id: string, patch: UpdateSessionRequest): Promise<Session> {
      const current = await loadManaged(auth, id);
      if (current.status === 'closed' || current.status === 'cancelled') throw conflict('CONFLICT', '已结束或已取消的活动不能修改');
      // A group leader organising for their group keeps the audience to a group they lead.
      if (patch.audience && !canOrganize(auth, current) && !(await leadsAudience(auth, current.federationId, patch.audience))) {
        throw forbidden('中心教研组组长只能为自己的教研组组织活动');
      }
      if (changesWhatRecordsKeep(current, patch) && (await attendance.hasRecords(id))) {
        throw conflict('SESSION_HAS_ATTENDANCE', '已有签到或考勤记录的活动不能再修改时间或类型；如需调整，请结束本活动后另建一场');
      }
      if (patch.hostSchoolId && patch.hostSchoolId !== current.hostSchoolId) {
        const school = await deps.federations.getSchool(patch.hostSchoolId);
        if (!school || school.federationId !== current.federationId) throw badRequest('VALIDATION_FAILED', '主办学校必须是本校联体的学校');
        // Moving a session between schools needs rights on both: the school it leaves and the one it goes to.
        if (!canOrganize(auth, current) || !canOrganize(auth, { federationId: current.federationId, hostSchoolId: school.id })) {
          throw forbidden('更换主办学校需要同时有原主办学校和新主办学校的管理权限');
        }
      }
      // A field sent as null is cleared (an emptied live link, a topic taken off).
      const cleared = Object.entries(patch).flatMap(([key, value]) => (value === null ? [key] : []));
      const kept = Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([key]) => !cleared.includes(key))) as Session;
      const merged = needsPlace(kept) ? atSchoolPlace(kept, await deps.federations.getSchool(kept.hostSchoolId)) : kept;
      const next: Session = { ...merged, ...utcTimes(merged), updatedAt: clock.now().toISOString() };
      checkTimes({ ...next, geofence: next.geofence ?? 'off' });
      if (patch.audience) {
        next.audience = await deps.audience.named(current.federationId, patch.audience);
        next.audienceSchoolIds = await deps.audience.resolveSchools(current.federationId, patch.audience);
      }
      await checkLessonTeacher(auth, next, current);
      await checkScale(next, current);
      if (patch.audience && !isGroupById(patch.audience)) delete next.audienceMembers;
      // The form sends the audience with every edit: the same research group keeps the members fixed at publish.
      const sameGroup = patch.audience && isGroupById(patch.audience) && isGroupById(current.audience) && patch.audience.groupId === current.audience.groupId;
      const saved = next.status === 'published' && patch.audience && !sameGroup ? await withAudienceCounted(next) : next;
      await saveIfStill(saved, current.status);
      return saved;
    },

    async publish(auth: AuthContext, id: string): Promise<Session> {
      const current = await loadManaged(auth, id);
      if (current.status === 'published') return current;
      if (current.status !== 'draft') throw conflict('CONFLICT', '只有草稿状态的活动可以发布');
      const next = await withAudienceCounted({ ...current, status: 'published', updatedAt: clock.now().toISOString() });
      await saveIfStill(next, current.status);
      return next;
    },

    async cancel(auth: AuthContext, id: string, reason: string): Promise<Session> {
      const current = await loadManaged(auth, id);
      if (current.status === 'cancelled') return current;
      if (current.status === 'closed') throw conflict('CONFLICT', '已结束的活动不能取消');
      if (await attendance.hasRecords(id)) throw conflict('SESSION_HAS_ATTENDANCE', '已有签到或考勤记录的活动不能取消，请在活动结束后点「结束活动」');
      const next: Session = { ...current, status: 'cancelled', cancelReason: reason, updatedAt: clock.now().toISOString() };
      await saveIfStill(next, current.status);
      return next;
    },

    /** Closes the session by hand (see closing.ts); a repeat answers the closed session. */
    async close(auth: AuthContext, id: string): Promise<Session & { markedAbsent: number }> {
      const current = await loadManaged(auth, id);
      const closed = await closer.close(current, 'organizer');
      if (!closed) throw conflict('CONFLICT', '只有已发布的活动可以结束');
      return closed;
    },

    closeEnded: closer.closeEnded,

    async get(auth: AuthContext, id: string): Promise<{ session: Session; mine?: Attendance; canManage: boolean }> {
      const session = await load(id);
      if (!visibleTo(auth, session)) throw notFound('活动不存在或你不在参与范围内');
      const mine = await attendance.getAttendance(id, auth.userId);
      const manages = canManage(auth, session);
      return { session: manages || attended(mine) ? session : withoutMaterials(session), ...(mine ? { mine } : {}), canManage: manages };
    },

    /** Sessions of the caller's federations in a time range: all of them for managers, their own audience's otherwise. */
    async listVisible(auth: AuthContext, query: ListSessionsQuery) {
      const now = clock.now().getTime();
      const from = query.from ?? new Date(now - 30 * DAY).toISOString();
      const to = query.to ?? new Date(now + 90 * DAY).toISOString();
      const federationIds = query.federationId ? [query.federationId] : await access.federationIdsOf(auth);
      if (query.federationId && !(await access.federationIdsOf(auth)).includes(query.federationId) && !access.holds(auth, 'districtAdmin', {})) {
        throw forbidden('你不属于该校联体');
      }
      // A cursor belongs to one federation's index: paging applies when the caller has exactly one.
      if (query.cursor && federationIds.length !== 1) throw badRequest('VALIDATION_FAILED', '请指定校联体后再翻页', { fieldErrors: { federationId: ['翻页时需要指定校联体'] } });
      const items: Session[] = [];
      let nextCursor: string | undefined;
      for (const fid of federationIds) {
        const page = await sessions.listSessionsOfFederation(fid, { from, to }, { limit: 200, ...(query.cursor ? { cursor: query.cursor } : {}) });
        items.push(...page.items.filter((s) => visibleTo(auth, s)));
        if (federationIds.length === 1) nextCursor = page.nextCursor;
      }
      return { items, ...(nextCursor ? { nextCursor } : {}) };
    },

    /** Sessions of the caller's federations (see listVisible), without materials unless the caller manages them. */
    async list(auth: AuthContext, query: ListSessionsQuery) {
      const page = await this.listVisible(auth, query);
      return { ...page, items: page.items.map((s) => (canManage(auth, s) ? s : withoutMaterials(s))) };
    },

    /** 我的活动: sessions of my audience, upcoming first, with my attendance. */
    async mine(auth: AuthContext): Promise<MySessions> {
      const now = clock.now().getTime();
      const from = new Date(now - 120 * DAY).toISOString();
      const to = new Date(now + 90 * DAY).toISOString();
      const [{ items }, records] = await Promise.all([
        this.listVisible(auth, { from, to }),
        attendance.listAttendanceOfUser(auth.userId, { from, to }),
      ]);
      const mineBySession = new Map(records.map((r) => [r.sessionId, r]));
      const mineOnly = items.filter((s) => audienceSchoolOf(s, auth) !== undefined || mineBySession.has(s.id));
      const withMine = mineOnly
        .filter((s) => s.status !== 'draft')
        .map((session) => {
          const mine = mineBySession.get(session.id);
          return { session: attended(mine) || canManage(auth, session) ? session : withoutMaterials(session), ...(mine ? { mine } : {}) };
        });
      return {
        upcoming: withMine.filter((x) => Date.parse(x.session.endAt) >= now).sort((a, b) => a.session.startAt.localeCompare(b.session.startAt)),
        past: withMine.filter((x) => Date.parse(x.session.endAt) < now).sort((a, b) => b.session.startAt.localeCompare(a.session.startAt)),
      };
    },

    loadManaged,
  };
}
export type SessionService = ReturnType<typeof makeSessionService>;
