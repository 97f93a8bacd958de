import { createHash } from 'node:crypto';
import {
  schoolYearLabel,
  DEFAULT_RULES,
  PAIR_ROLE_LABELS,
  nextSchoolYear,
  previousSchoolYear,
  schoolYearOf,
  schoolYearRange,
  type CreateMentorLogRequest,
  type CreateMentorPairRequest,
  type ListMentorPairsQuery,
  type MentorEvaluationRequest,
  type MentorLog,
  type MentorPair,
  type MentorPairDetail,
  type MentorPairList,
  type MyMentorPairs,
  type PairPerson,
  type PairRole,
  type School,
  type User,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { MentorPairRepository } from '#repositories/mentor-pairs';
import type { SessionRepository } from '#repositories/sessions';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy } from './access.ts';
import { localDate, utcRange } from './archive-figures.ts';
import { pairObservations } from './mentor-pairs-lines.ts';
import type { UploadService } from './uploads.ts';

export interface MentorPairServiceDeps {
  pairs: MentorPairRepository;
  users: Pick<UserRepository, 'getUserWithRoles' | 'getProfiles'>;
  federations: FederationRepository;
  sessions: Pick<SessionRepository, 'listTaughtBy'>;
  attendance: Pick<AttendanceRepository, 'listCreditsOfUser'>;
  uploads: Pick<UploadService, 'claim' | 'withLinks'>;
  access: AccessPolicy;
  clock: Clock;
}

const hashId = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 22);

/** One pair per mentor, mentee, subject and school year: its id (the seed uses it too, so the API finds demo pairs). */
export const pairIdOf = (mentorId: string, menteeId: string, subject: string, schoolYear: string) => hashId(mentorId, menteeId, subject, schoolYear);

/** The schools a person teaches at. */
const teachingSchools = (user: User) => [...new Set(user.roles.flatMap((g) => (g.role === 'teacher' && 'schoolId' in g.scope ? [g.scope.schoolId] : [])))];

/** 师徒结对: pairs registered by a school's admin, logged by the two, evaluated once a school year. */
export function makeMentorPairService(deps: MentorPairServiceDeps) {
  const { pairs, users, federations, access, clock } = deps;

  async function administeredSchool(actor: AuthContext, schoolId: string): Promise<School> {
    const school = await federations.getSchool(schoolId);
    if (!school) throw notFound('学校不存在');
    if (!(await access.administers(actor, { schoolId }))) throw forbidden('你只能管理自己学校的师徒结对');
    return school;
  }

  /** A side of the pair: a teacher of a school of the federation (their school here if they teach here). */
  async function sideOf(field: 'mentorId' | 'menteeId', userId: string, school: School): Promise<PairPerson> {
    const label = field === 'mentorId' ? '师傅' : '徒弟';
    const user = await users.getUserWithRoles(userId);
    const ids = user ? teachingSchools(user) : [];
    const schools = (await Promise.all(ids.map((id) => federations.getSchool(id)))).filter((s): s is School => Boolean(s && s.federationId === school.federationId));
    const own = schools.find((s) => s.id === school.id) ?? schools[0];
    if (!user || !own) {
      throw badRequest('VALIDATION_FAILED', `${label}须是本校联体学校的在校教师，请从教师名册中选择`, { fieldErrors: { [field]: [`${label}不是本校联体的教师`] } });
    }
    return { id: user.id, name: user.name, schoolId: own.id, schoolName: own.name };
  }

  /** Whether the actor may see the pair: one of the two, or an admin of the registering school or of either's school. */
  async function canSee(actor: AuthContext, pair: MentorPair): Promise<boolean> {
    if (actor.userId === pair.mentor.id || actor.userId === pair.mentee.id) return true;
    const schoolIds = [...new Set([pair.schoolId, pair.mentor.schoolId, pair.mentee.schoolId].filter((id): id is string => Boolean(id)))];
    for (const schoolId of schoolIds) if (await access.administers(actor, { schoolId })) return true;
    return false;
  }

  const roleOf = (actor: AuthContext, pair: MentorPair): PairRole | undefined =>
    actor.userId === pair.mentor.id ? 'mentor' : actor.userId === pair.mentee.id ? 'mentee' : undefined;

  async function logWithLinks(log: MentorLog, origin: string): Promise<MentorLog> {
    return { ...log, files: await deps.uploads.withLinks(log.files, log.authorId, origin) };
  }

  return {
    async create(actor: AuthContext, schoolId: string, request: CreateMentorPairRequest): Promise<{ pair: MentorPair; created: boolean }> {
      // A pair is registered for last, this or next school year (late records, or a pairing planned ahead); 1999-2000 is a typo.
      const current = schoolYearOf(clock.now());
      const allowed = [previousSchoolYear(current), current, nextSchoolYear(current)];
      if (!allowed.includes(request.schoolYear)) {
        throw badRequest('VALIDATION_FAILED', `结对学年应为 ${allowed.join('、')} 之一`, { fieldErrors: { schoolYear: ['请选择上一学年、本学年或下一学年'] } });
      }
      const school = await administeredSchool(actor, schoolId);
      const [mentor, mentee] = await Promise.all([sideOf('mentorId', request.mentorId, school), sideOf('menteeId', request.menteeId, school)]);
      if (mentor.schoolId !== school.id && mentee.schoolId !== school.id) {
        throw badRequest('VALIDATION_FAILED', `师傅和徒弟至少有一位应是「${school.name}」的教师`, { fieldErrors: { menteeId: ['不是本校教师'] } });
      }
      const subject = request.subject.trim();
      // One pair per mentor, mentee, subject and school year: the same request twice is the same pair.
      const pair: MentorPair = {
        id: pairIdOf(request.mentorId, request.menteeId, subject, request.schoolYear),
        schoolId: school.id,
        federationId: school.federationId,
        mentor,
        mentee,
        subject,
        schoolYear: request.schoolYear,
        ...(request.goals ? { goals: request.goals } : {}),
        createdAt: clock.now().toISOString(),
        createdBy: actor.userId,
      };
      if ((await pairs.createPair(pair)) === 'created') return { pair, created: true };
      const existing = await pairs.getPair(pair.id);
      if (!existing) throw conflict('CONFLICT', '这对师徒正在被同时登记，请刷新后重试');
      if (existing.schoolId !== school.id) {
        const by = await federations.getSchool(existing.schoolId);
        throw conflict('PAIR_EXISTS', `${mentor.name}与${mentee.name}的${subject}师徒结对（${schoolYearLabel(request.schoolYear)}）已由「${by?.name ?? '另一所学校'}」登记，不需要重复登记`, { pairId: existing.id });
      }
      return { pair: existing, created: false };
    },

    async list(actor: AuthContext, schoolId: string, query: ListMentorPairsQuery): Promise<MentorPairList> {
      const school = await administeredSchool(actor, schoolId);
      const schoolYear = query.schoolYear ?? schoolYearOf(clock.now());
      const [items, rules] = await Promise.all([pairs.listPairsOfSchool(schoolId, schoolYear), federations.getRules(school.federationId)]);
      items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      return { schoolYear, items, target: { ...DEFAULT_RULES, ...rules }.mentorPairsPerSemester };
    },

    async mine(actor: AuthContext): Promise<MyMentorPairs> {
      const memberships = await pairs.listPairsOfUser(actor.userId);
      return { items: memberships.map(({ pair, role }) => ({ ...pair, role })) };
    },

    /** The pair with its logs, evaluation and the observations between the two (4 Queries on their timelines). */
    async get(actor: AuthContext, id: string, origin: string): Promise<MentorPairDetail> {
      const found = await pairs.getPairWithLogs(id);
      if (!found || !(await canSee(actor, found.pair))) throw notFound('师徒结对不存在或你无权查看');
      const { pair } = found;
      const year = utcRange(schoolYearRange(pair.schoolYear));
      const [mentorTaught, menteeTaught, mentorCredits, menteeCredits, canEvaluate] = await Promise.all([
        deps.sessions.listTaughtBy(pair.mentor.id, year),
        deps.sessions.listTaughtBy(pair.mentee.id, year),
        deps.attendance.listCreditsOfUser(pair.mentor.id, year),
        deps.attendance.listCreditsOfUser(pair.mentee.id, year),
        access.administers(actor, { schoolId: pair.schoolId }),
      ]);
      const logs = await Promise.all(
        found.logs.sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt)).map((l) => logWithLinks(l, origin)),
      );
      const evaluation = found.evaluations.find((e) => e.schoolYear === pair.schoolYear) ?? pair.evaluation;
      return {
        ...pair,
        ...(evaluation ? { evaluation } : {}),
        logs,
        observations: pairObservations(pair, { mentor: mentorTaught, mentee: menteeTaught }, { mentor: mentorCredits, mentee: menteeCredits }),
        canLog: roleOf(actor, pair) !== undefined,
        canEvaluate: canEvaluate && !evaluation,
      };
    },

    async addLog(actor: AuthContext, id: string, request: CreateMentorLogRequest, origin: string): Promise<{ log: MentorLog; created: boolean }> {
      const pair = await pairs.getPair(id);
      if (!pair || !(await canSee(actor, pair))) throw notFound('师徒结对不存在或你无权查看');
      const role = roleOf(actor, pair);
      if (!role) throw forbidden('只有师傅和徒弟本人可以填写结对记录');
      if (request.date > localDate(clock.now())) throw badRequest('VALIDATION_FAILED', '日期不能晚于今天', { fieldErrors: { date: ['日期不能晚于今天'] } });
      const year = schoolYearRange(pair.schoolYear);
      if (request.date < year.from || request.date > year.to) {
        throw badRequest('VALIDATION_FAILED', `日期应在结对的 ${schoolYearLabel(pair.schoolYear)}内（${year.from} 至 ${year.to}）`, { fieldErrors: { date: ['不在结对学年内'] } });
      }
      const logId = hashId(pair.id, actor.userId, request.date, request.kind, request.text, ...request.uploadIds);
      const files = await deps.uploads.claim(actor.userId, request.uploadIds);
      const author = (await users.getProfiles([actor.userId])).get(actor.userId);
      const log: MentorLog = {
        id: logId,
        pairId: pair.id,
        authorId: actor.userId,
        authorName: author?.name ?? PAIR_ROLE_LABELS[role],
        authorRole: role,
        date: request.date,
        kind: request.kind,
        text: request.text,
        files,
        createdAt: clock.now().toISOString(),
      };
      if ((await pairs.putLog(log)) === 'created') return { log: await logWithLinks(log, origin), created: true };
      const existing = await pairs.getLog(pair.id, logId);
      return { log: await logWithLinks(existing ?? log, origin), created: false };
    },

    async evaluate(actor: AuthContext, id: string, request: MentorEvaluationRequest): Promise<MentorPair> {
      const pair = await pairs.getPair(id);
      if (!pair || !(await canSee(actor, pair))) throw notFound('师徒结对不存在或你无权查看');
      if (!(await access.administers(actor, { schoolId: pair.schoolId }))) throw forbidden('只有登记这对师徒的学校管理员可以评价');
      if (pair.evaluation) throw conflict('ALREADY_EVALUATED', `这对师徒 ${schoolYearLabel(pair.schoolYear)}已评价过，每学年只能评价一次`);
      const byName = (await users.getProfiles([actor.userId])).get(actor.userId)?.name;
      const evaluation = {
        rating: request.rating,
        comment: request.comment,
        schoolYear: pair.schoolYear,
        by: actor.userId,
        ...(byName ? { byName } : {}),
        at: clock.now().toISOString(),
      };
      if ((await pairs.putEvaluation(pair, evaluation)) === 'exists') {
        throw conflict('ALREADY_EVALUATED', `这对师徒 ${schoolYearLabel(pair.schoolYear)}已评价过，每学年只能评价一次`);
      }
      return { ...pair, evaluation };
    },
  };
}
export type MentorPairService = ReturnType<typeof makeMentorPairService>;
