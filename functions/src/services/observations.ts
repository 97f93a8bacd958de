import { createHash } from 'node:crypto';
import {
  DEFAULT_RULES,
  DEFAULT_SCALE,
  DEFAULT_SCALE_ID,
  schoolYearOf,
  scoreProblems,
  scoreSummary,
  semesterOf,
  withItemIds,
  type AcknowledgeObservationRequest,
  type CreateObservationRequest,
  type CreateScaleRequest,
  type ListObservationsQuery,
  type Observation,
  type ObservationPage,
  type ObservableTeachers,
  type ObservationScale,
  type ObserverKind,
  type ScaleList,
  type Session,
  type UpdateScaleRequest,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { backoff, isTransactionConflict } from '#lib/dynamo';
import { badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import type { GroupRepository } from '#repositories/groups';
import { ScaleChanged, type ObservationRepository } from '#repositories/observations';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy } from './access.ts';
import { coverageOf } from './observation-coverage.ts';
import { federationCoverageOf } from './observation-rollup.ts';

/** What a session's scale 评课 sends (the request's scale part, defaults applied). */
export interface SessionScaleInput {
  scaleVersion?: number | undefined;
  scores: Array<{ item: string; score: number }>;
  strengths: string;
  suggestions: string;
}
/** The observation a session's scale 评课 is, and how to store it (`observations.saveSessionObservation`). */
export interface SessionObservation {
  observation: Observation;
  isNew: boolean;
  year: string;
  observerSchoolId: string | undefined;
}

const SCHOOL_LEADER_POSITIONS = ['principal', 'vice_principal', 'dean'] as const;

/** An observation's id from its observer and what makes it one (a walk-in's client id, `session:<id>` for a session's 评课). */
const observationId = (observerId: string, key: string) => createHash('sha256').update(`${observerId}\n${key}`).digest('base64url').slice(0, 26);

/** 听评课: scales kept by federation admins; observations by the federation's people, read by the observed and managers. */
export function makeObservationService(deps: {
  observations: ObservationRepository;
  federations: FederationRepository;
  users: Pick<UserRepository, 'getUserWithRoles' | 'getProfiles' | 'listAllMembersOfScope'>;
  groups: Pick<GroupRepository, 'listOfFederation'>;
  access: AccessPolicy;
  clock: Clock;
  newId: () => string;
}) {
  const { observations, access, clock } = deps;

  async function federationOrThrow(federationId: string) {
    const federation = await deps.federations.getFederation(federationId);
    if (!federation) throw notFound('校联体不存在');
    return federation;
  }
  const manages = (actor: AuthContext, federationId: string) => access.administers(actor, { federationId });
  /** Teachers, leaders and admins of the federation (not parents): who may read its scales and observe. */
  async function belongs(actor: AuthContext, federationId: string) {
    if (await manages(actor, federationId)) return true;
    if (actor.roles.some((g) => g.role !== 'parent' && 'federationId' in g.scope && g.scope.federationId === federationId)) return true;
    for (const grant of actor.roles) {
      if (grant.role === 'parent' || !('schoolId' in grant.scope)) continue;
      if ((await deps.federations.getSchool(grant.scope.schoolId))?.federationId === federationId) return true;
    }
    return false;
  }

  /** A scale version by id: the default one from code, a federation's from the table. */
  async function scaleVersion(scaleId: string, version?: number): Promise<ObservationScale | undefined> {
    if (scaleId === DEFAULT_SCALE_ID) return version === undefined || version === DEFAULT_SCALE.version ? DEFAULT_SCALE : undefined;
    return version === undefined ? observations.getScale(scaleId) : observations.getScaleVersion(scaleId, version);
  }

  /** Leaders (admins) over school leaders (校长, 副校长, 教导主任) over 中心教研组 people over colleagues. */
  async function kindOf(actor: AuthContext, federationId: string, position: string | undefined, profile: { subjects?: string[]; grades?: string[] } | undefined, lesson: { subject: string; grade: string }): Promise<ObserverKind> {
    if (await manages(actor, federationId)) return 'leader';
    if (position && (SCHOOL_LEADER_POSITIONS as readonly string[]).includes(position)) return 'school_leader';
    const groups = await deps.groups.listOfFederation(federationId);
    const teachesLesson = (profile?.subjects ?? []).includes(lesson.subject) && (profile?.grades ?? []).includes(lesson.grade);
    if (groups.some((g) => g.leaderId === actor.userId || (teachesLesson && g.subject === lesson.subject && g.grade === lesson.grade))) return 'group';
    return 'peer';
  }

  async function readable(actor: AuthContext, observation: Observation) {
    if (observation.observerId === actor.userId || observation.teacherId === actor.userId) return true;
    return access.administers(actor, { schoolId: observation.schoolId });
  }

  return {
    async listScales(actor: AuthContext, federationId: string): Promise<ScaleList> {
      await federationOrThrow(federationId);
      if (!(await belongs(actor, federationId))) throw forbidden('你不属于该校联体');
      const own = await observations.listScales(federationId);
      return { items: [DEFAULT_SCALE, ...own.sort((a, b) => a.createdAt.localeCompare(b.createdAt))] };
    },

    async createScale(actor: AuthContext, federationId: string, request: CreateScaleRequest): Promise<ObservationScale> {
      await federationOrThrow(federationId);
      if (!(await manages(actor, federationId))) throw forbidden('只有本校联体的管理员可以制定课堂观察量表');
      const now = clock.now().toISOString();
      const scale: ObservationScale = {
        id: deps.newId(),
        federationId,
        name: request.name,
        version: 1,
        dimensions: withItemIds(request.dimensions),
        scoreRange: request.scoreRange,
        textFields: request.textFields,
        builtIn: false,
        createdAt: now,
        updatedAt: now,
      };
      await observations.createScale(scale);
      return scale;
    },

    async updateScale(actor: AuthContext, scaleId: string, request: UpdateScaleRequest): Promise<ObservationScale> {
      if (scaleId === DEFAULT_SCALE_ID) throw badRequest('SCALE_BUILT_IN', '通用量表随产品提供，不能修改；请新建一个量表再调整');
      const current = await observations.getScale(scaleId);
      if (!current?.federationId || !(await belongs(actor, current.federationId))) throw notFound('量表不存在或你不属于它的校联体');
      if (!(await manages(actor, current.federationId))) throw forbidden('只有本校联体的管理员可以修改课堂观察量表');
      if (request.version !== current.version) throw conflict('SCALE_CHANGED', `量表已被修改为第 ${current.version} 版，请刷新后再改`, { version: current.version });
      const next: ObservationScale = {
        ...current,
        name: request.name,
        version: current.version + 1,
        dimensions: withItemIds(request.dimensions),
        scoreRange: request.scoreRange,
        textFields: request.textFields,
        updatedAt: clock.now().toISOString(),
      };
      try {
        await observations.saveVersion(next, current.version);
      } catch (error) {
        if (error instanceof ScaleChanged) throw conflict('SCALE_CHANGED', '量表刚被别人修改过，请刷新后再改');
        throw error;
      }
      return next;
    },

    async create(actor: AuthContext, request: CreateObservationRequest): Promise<{ observation: Observation; created: boolean }> {
      // The same draft submitted again (a retry, a second tap, the offline queue) is the same observation.
      const id = observationId(actor.userId, request.clientId);
      const existing = await observations.getObservation(id);
      if (existing) return { observation: existing, created: false };

      const school = await deps.federations.getSchool(request.schoolId);
      if (!school || !(await belongs(actor, school.federationId))) throw notFound('学校不存在或不在你的校联体');
      if (request.teacherId === actor.userId) throw badRequest('VALIDATION_FAILED', '不能给自己听课评课', { fieldErrors: { teacherId: ['请选择其他教师'] } });
      const [teacher, observer] = await Promise.all([deps.users.getUserWithRoles(request.teacherId), deps.users.getUserWithRoles(actor.userId)]);
      const teachesThere = teacher?.roles.some((g) => g.role === 'teacher' && 'schoolId' in g.scope && g.scope.schoolId === school.id);
      if (!teacher || !teachesThere) throw badRequest('VALIDATION_FAILED', `所选教师不在${school.name}任教，请重新选择`, { fieldErrors: { teacherId: ['不是该校教师'] } });
      const scale = await scaleVersion(request.scaleId, request.scaleVersion);
      if (!scale || (scale.federationId && scale.federationId !== school.federationId)) {
        throw badRequest('VALIDATION_FAILED', '量表不存在或不属于本校联体，请重新选择量表', { fieldErrors: { scaleId: ['量表不存在'] } });
      }
      const problems = scoreProblems(scale, request.scores);
      if (problems.length) throw badRequest('VALIDATION_FAILED', problems[0], { fieldErrors: { scores: problems } });
      const unknownTexts = (request.texts ?? []).filter((t) => !scale.textFields.includes(t.field));
      if (unknownTexts.length) throw badRequest('VALIDATION_FAILED', `量表中没有“${unknownTexts[0]?.field}”栏目`, { fieldErrors: { texts: ['栏目不在量表中'] } });
      const now = clock.now();
      if (Date.parse(request.startedAt) > now.getTime() + 10 * 60_000) {
        throw badRequest('VALIDATION_FAILED', '听课时间晚于现在，请校准手机时间后再提交', { fieldErrors: { startedAt: ['晚于现在'] } });
      }

      const profiles = await deps.users.getProfiles([actor.userId]);
      const observerProfile = profiles.get(actor.userId) as { position?: string; subjects?: string[]; grades?: string[] } | undefined;
      const observerKind = await kindOf(actor, school.federationId, observerProfile?.position, observerProfile, request);
      const semester = semesterOf(request.startedAt);
      const observation: Observation = {
        id,
        federationId: school.federationId,
        schoolId: school.id,
        teacherId: teacher.id,
        teacherName: teacher.name,
        observerId: actor.userId,
        observerName: observer?.name ?? actor.name ?? '',
        observerKind,
        subject: request.subject,
        grade: request.grade,
        className: request.className,
        ...(request.topic ? { topic: request.topic } : {}),
        startedAt: new Date(request.startedAt).toISOString(),
        semester,
        scaleId: scale.id,
        scaleVersion: scale.version,
        scaleName: scale.name,
        scores: request.scores,
        ...scoreSummary(scale, request.scores),
        notes: [...request.notes].sort((a, b) => a.at.localeCompare(b.at)),
        strengths: request.strengths,
        suggestions: request.suggestions,
        ...(request.texts?.length ? { texts: request.texts } : {}),
        clientId: request.clientId,
        createdAt: now.toISOString(),
      };
      const observerSchool = observer?.roles.find((g) => g.role === 'teacher' && 'schoolId' in g.scope)?.scope as { schoolId: string } | undefined;
      for (let attempt = 0; ; attempt += 1) {
        try {
          const { created } = await observations.createObservation(observation, schoolYearOf(request.startedAt), observerSchool?.schoolId);
          if (created) return { observation, created: true };
          const first = await observations.getObservation(id);
          if (first) return { observation: first, created: false };
        } catch (error) {
          if (!isTransactionConflict(error) || attempt >= 5) throw error;
        }
        await backoff(attempt);
      }
    },

    /**
     * 评课 of a session that names a scale, as the observation it counts as (validated as a walk-in's scores), with what
     * storing it needs. A first evaluation takes the session's scale in force (or the version the form was filled in
     * with); an edit keeps the scale and version of the first.
     */
    async sessionObservation(actor: AuthContext, session: Session, input: SessionScaleInput): Promise<SessionObservation> {
      const id = observationId(actor.userId, `session:${session.id}`);
      const previous = await observations.getObservation(id);
      const teacherId = session.lesson?.teacherId;
      if (!teacherId || !session.scaleId) throw conflict('EVALUATION_NOT_APPLICABLE', '本次活动没有指定观察量表或授课教师，请打星评课');
      if (teacherId === actor.userId) throw forbidden('授课教师不能给自己的课评课');
      const scale = previous ? await scaleVersion(previous.scaleId, previous.scaleVersion) : await scaleVersion(session.scaleId, input.scaleVersion);
      if (!scale || (scale.federationId && scale.federationId !== session.federationId)) {
        throw badRequest('VALIDATION_FAILED', '量表已不存在或版本不对，请刷新后重新评分', { fieldErrors: { scaleVersion: ['量表版本不存在'] } });
      }
      const problems = scoreProblems(scale, input.scores);
      if (problems.length) throw badRequest('VALIDATION_FAILED', problems[0], { fieldErrors: { scores: problems } });
      const now = clock.now().toISOString();
      const feedback = { scores: input.scores, ...scoreSummary(scale, input.scores), strengths: input.strengths, suggestions: input.suggestions };
      if (previous) return { observation: { ...previous, ...feedback, updatedAt: now }, isNew: false, year: schoolYearOf(previous.startedAt), observerSchoolId: undefined };

      const [teacher, observer, profiles] = await Promise.all([deps.users.getUserWithRoles(teacherId), deps.users.getUserWithRoles(actor.userId), deps.users.getProfiles([actor.userId])]);
      const schoolIds = (teacher?.roles ?? []).flatMap((g) => (g.role === 'teacher' && 'schoolId' in g.scope ? [g.scope.schoolId] : []));
      // The lesson's teacher is covered at the host school when they teach there, else at their own school of the federation.
      let schoolId = schoolIds.includes(session.hostSchoolId) ? session.hostSchoolId : undefined;
      for (const candidate of schoolId ? [] : schoolIds) {
        if ((await deps.federations.getSchool(candidate))?.federationId === session.federationId) {
          schoolId = candidate;
          break;
        }
      }
      if (!teacher || !schoolId) throw conflict('EVALUATION_NOT_APPLICABLE', '授课教师已不在本校联体任教，这节课不能按量表评课');
      const lesson = { subject: session.subject ?? '', grade: session.grade ?? '' };
      const profile = profiles.get(actor.userId) as { position?: string; subjects?: string[]; grades?: string[] } | undefined;
      const observerSchool = observer?.roles.find((g) => g.role === 'teacher' && 'schoolId' in g.scope)?.scope as { schoolId: string } | undefined;
      const observation: Observation = {
        id,
        federationId: session.federationId,
        schoolId,
        teacherId,
        teacherName: teacher.name,
        observerId: actor.userId,
        observerName: observer?.name ?? actor.name ?? '',
        observerKind: await kindOf(actor, session.federationId, profile?.position, profile, lesson),
        ...lesson,
        className: session.lesson?.className ?? '',
        ...(session.lesson?.topic ? { topic: session.lesson.topic } : {}),
        startedAt: new Date(session.startAt).toISOString(),
        semester: semesterOf(session.startAt),
        scaleId: scale.id,
        scaleVersion: scale.version,
        scaleName: scale.name,
        ...feedback,
        notes: [],
        clientId: `session-${session.id}`,
        sessionId: session.id,
        createdAt: now,
        updatedAt: now,
      };
      return { observation, isNew: true, year: schoolYearOf(session.startAt), observerSchoolId: observerSchool?.schoolId };
    },

    async list(actor: AuthContext, query: ListObservationsQuery): Promise<ObservationPage> {
      if ((query.observer === undefined) === (query.teacher === undefined)) {
        throw badRequest('VALIDATION_FAILED', '请指定 observer=me（我听的课）或 teacher=me（我被听的课）其中之一', { fieldErrors: { observer: ['二选一'] } });
      }
      const page = await observations.listObservations(query.observer ? 'observer' : 'teacher', actor.userId, { limit: query.limit ?? 20, ...(query.cursor ? { cursor: query.cursor } : {}) });
      return { items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },

    async get(actor: AuthContext, id: string): Promise<Observation> {
      const observation = await observations.getObservation(id);
      if (!observation) throw notFound('听课记录不存在');
      if (!(await readable(actor, observation))) throw forbidden('只有被听课的教师、听课人和学校管理者可以查看这条评课反馈');
      return observation;
    },

    async acknowledge(actor: AuthContext, id: string, request: AcknowledgeObservationRequest): Promise<Observation> {
      const observation = await observations.getObservation(id);
      if (!observation) throw notFound('听课记录不存在');
      if (observation.teacherId !== actor.userId) {
        if (await readable(actor, observation)) throw forbidden('只有被听课的教师本人可以确认反馈');
        throw forbidden('只有被听课的教师、听课人和学校管理者可以查看这条评课反馈');
      }
      await observations.acknowledge(id, actor.userId, clock.now().toISOString(), request.reflection);
      return (await observations.getObservation(id)) ?? observation;
    },

    /** The school's teachers to observe (not the caller), matching `q` by name or subject, the least observed first. */
    async observableTeachers(actor: AuthContext, schoolId: string, q: string | undefined): Promise<ObservableTeachers> {
      const school = await deps.federations.getSchool(schoolId);
      if (!school || !(await belongs(actor, school.federationId))) throw notFound('学校不存在或不在你的校联体');
      const semester = semesterOf(clock.now());
      const [teacherIds, lines] = await Promise.all([deps.users.listAllMembersOfScope(`school:${schoolId}`, 'teacher'), observations.coverageLines(schoolId, semester)]);
      const profiles = await deps.users.getProfiles(teacherIds.filter((id) => id !== actor.userId));
      const counts = new Map<string, number>();
      for (const line of lines) counts.set(line.teacherId, (counts.get(line.teacherId) ?? 0) + 1);
      const needle = (q ?? '').trim();
      const items = [...profiles.values()]
        .map((p) => p as unknown as { id: string; name: string; subjects?: string[]; subject?: string; grades?: string[]; status?: string })
        // Left the school, or erased (注销): no one to observe.
        .filter((p) => p.status !== 'left' && p.status !== 'deleted')
        .map((p) => ({ id: p.id, name: p.name, subjects: p.subjects ?? (p.subject ? [p.subject] : []), grades: p.grades ?? [], observedThisSemester: counts.get(p.id) ?? 0 }))
        .filter((t) => !needle || t.name.includes(needle) || t.subjects.some((s) => s.includes(needle)) || t.grades.some((g) => g.includes(needle)))
        .sort((a, b) => a.observedThisSemester - b.observedThisSemester || a.name.localeCompare(b.name, 'zh-CN'));
      return { schoolId, schoolName: school.name, items };
    },

    async coverage(actor: AuthContext, schoolId: string, semester: string | undefined) {
      const school = await deps.federations.getSchool(schoolId);
      if (!school) throw notFound('学校不存在');
      const isManager = await access.administers(actor, { schoolId });
      const asked = semester ?? semesterOf(clock.now());
      const [teacherIds, rules] = await Promise.all([deps.users.listAllMembersOfScope(`school:${schoolId}`, 'teacher'), deps.federations.getRules(school.federationId)]);
      const profiles = await deps.users.getProfiles(teacherIds);
      const own = profiles.get(actor.userId) as { position?: string } | undefined;
      const leadsSchool = teacherIds.includes(actor.userId) && own?.position !== undefined && (SCHOOL_LEADER_POSITIONS as readonly string[]).includes(own.position);
      if (!isManager && !leadsSchool) throw forbidden('只有学校管理员、校联体管理员和学校领导可以查看听评课覆盖');
      const targets = (rules ?? DEFAULT_RULES).lessonsObservedPerSemester;
      const leaderIds = [...profiles.values()].filter((p) => (targets[p.position ?? ''] ?? 0) > 0).map((p) => p.id);
      const [lines, counts] = await Promise.all([observations.coverageLines(schoolId, asked), observations.observedCounts(leaderIds, asked.slice(0, 9), asked)]);
      return coverageOf({ school, semester: asked, profiles: [...profiles.values()] as never, lines, counts, targets, now: clock.now() });
    },

    /** The federation's schools side by side, for its admins and the district's. */
    async federationCoverage(actor: AuthContext, federationId: string, semester: string | undefined) {
      const federation = await federationOrThrow(federationId);
      if (!(await manages(actor, federationId))) throw forbidden('只有本校联体的管理员和教体局管理员可以查看校联体的听评课覆盖');
      return federationCoverageOf({ ...deps, clock }, federation, semester ?? semesterOf(clock.now()));
    },
  };
}
export type ObservationService = ReturnType<typeof makeObservationService>;
