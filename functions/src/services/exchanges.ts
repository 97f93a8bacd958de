import {
  DEFAULT_RULES,
  EXCHANGE_KIND_LABELS,
  exchangeQuota,
  exchangeStatusOf,
  periodsOverlap,
  semesterDays,
  semesterOf,
  shanghaiDay,
  type CreateExchangeRequest,
  type Exchange,
  type ExchangeAssessmentRequest,
  type ExchangeList,
  type ExchangeRow,
  type ListExchangesQuery,
  type School,
  type UpdateExchangeRequest,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { ExchangeRepository, Periods } from '#repositories/exchanges';
import type { FederationRepository } from '#repositories/federations';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy } from './access.ts';
import { exchangeFile } from './exchanges-export.ts';

const EXCHANGE_ERROR_MESSAGES = {
  EXCHANGE_OVERLAPS: '该教师在这段时间已有交流轮岗安排，时间不能重叠；请调整起止日期或先修改原安排',
  EXCHANGE_NOT_ENDED: '交流结束后才能考核，请在结束日期之后再提交',
  EXCHANGE_ALREADY_ASSESSED: '这次交流已经考核过了，请刷新页面查看结果',
} as const;

const fail = (status: number, code: keyof typeof EXCHANGE_ERROR_MESSAGES, details?: Record<string, unknown>) =>
  new AppError(status, code, EXCHANGE_ERROR_MESSAGES[code], details);

/** 交流轮岗: the federation's register of people sent to its schools, their quota and assessment. */
export function makeExchangeService(deps: {
  exchanges: ExchangeRepository;
  federations: FederationRepository;
  users: UserRepository;
  access: AccessPolicy;
  clock: Clock;
  newId: () => string;
}) {
  const { exchanges, federations, access } = deps;
  const today = () => shanghaiDay(deps.clock.now());

  /** Federation admins and organizers of the federation; the district admin everywhere. */
  const keeps = (auth: AuthContext, federationId: string) =>
    access.holds(auth, 'districtAdmin', {}) || access.holds(auth, 'federationAdmin', { federationId }) || access.holds(auth, 'organizer', { federationId });

  async function schoolOrInvalid(id: string, field: string): Promise<School> {
    const school = await federations.getSchool(id);
    if (!school) throw badRequest('VALIDATION_FAILED', '所选学校不存在', { fieldErrors: { [field]: ['请重新选择学校'] } });
    return school;
  }

  /** The two schools: both of the federation, unless a district admin sends across federations (城乡交流). */
  async function checkSchools(auth: AuthContext, federationId: string, fromSchoolId: string, toSchoolId: string) {
    const [from, to] = await Promise.all([schoolOrInvalid(fromSchoolId, 'fromSchoolId'), schoolOrInvalid(toSchoolId, 'toSchoolId')]);
    const district = access.holds(auth, 'districtAdmin', {});
    if (!district) {
      for (const [school, field] of [[from, 'fromSchoolId'], [to, 'toSchoolId']] as const) {
        if (school.federationId !== federationId) {
          throw badRequest('VALIDATION_FAILED', '派出和接收学校都应属于本校联体；跨校联体交流请由区级管理员登记', { fieldErrors: { [field]: ['不属于本校联体'] } });
        }
      }
    } else if (from.federationId !== federationId && to.federationId !== federationId) {
      throw badRequest('VALIDATION_FAILED', '派出或接收学校至少有一所属于该校联体', { fieldErrors: { toSchoolId: ['不属于该校联体'] } });
    }
    return { from, to };
  }

  async function checkPerson(userId: string, fromSchoolId: string) {
    const user = await deps.users.getUserWithRoles(userId);
    const teaches = user?.roles.some((r) => (r.role === 'teacher' || r.role === 'schoolAdmin') && 'schoolId' in r.scope && r.scope.schoolId === fromSchoolId);
    if (!user || !teaches) throw badRequest('VALIDATION_FAILED', '所选教师不在派出学校的教师名册中', { fieldErrors: { userId: ['请从派出学校的教师中选择'] } });
    return user;
  }

  /** Refuses a period that shares a day with another exchange of the person. */
  /** Starts within two years of today (last year's list filed late, next year's planned) and lasts at most three: 1971 or 2099 is a typo. */
  function checkPeriod(e: Pick<Exchange, 'startDate' | 'endDate'>, previous?: Pick<Exchange, 'startDate' | 'endDate'>) {
    if (previous && previous.startDate === e.startDate && previous.endDate === e.endDate) return;
    const shift = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
    const earliest = shift(today(), -2);
    if (e.startDate < earliest) {
      throw badRequest('VALIDATION_FAILED', `开始日期不能早于 ${earliest}（两年前）`, { fieldErrors: { startDate: ['开始日期过早，请核对年份'] } });
    }
    const latest = shift(today(), 2);
    if (e.startDate > latest) {
      throw badRequest('VALIDATION_FAILED', `开始日期不能晚于 ${latest}（两年后）`, { fieldErrors: { startDate: ['开始日期过晚，请核对年份'] } });
    }
    if (e.endDate >= shift(e.startDate, 3)) {
      throw badRequest('VALIDATION_FAILED', '一次交流最长三年，请核对结束日期', { fieldErrors: { endDate: ['交流期限不能超过三年'] } });
    }
  }

  function checkOverlap(periods: Periods, e: Pick<Exchange, 'id' | 'startDate' | 'endDate'>) {
    const clash = Object.entries(periods).find(([id, p]) => id !== e.id && periodsOverlap(p, e));
    if (clash) throw fail(409, 'EXCHANGE_OVERLAPS', { exchangeId: clash[0], startDate: clash[1].startDate, endDate: clash[1].endDate });
  }

  /** Read the person's periods, check, write conditionally; a concurrent change makes it read and check again. */
  async function saveChecked(e: Exchange, previous: Exchange | undefined, from: School, to: School) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = await exchanges.periodsOf(e.userId);
      checkOverlap(before.periods, e);
      const periods = { ...before.periods, [e.id]: { startDate: e.startDate, endDate: e.endDate } };
      const membership = {
        exchangeId: e.id,
        federationId: e.federationId,
        kind: e.kind,
        fromSchoolId: e.fromSchoolId,
        toSchoolId: e.toSchoolId,
        fromSchoolName: from.name,
        toSchoolName: to.name,
        startDate: e.startDate,
        endDate: e.endDate,
        ...(e.assessment ? { rating: e.assessment.rating } : {}),
      };
      if ((await exchanges.save(e, before, periods, membership, previous)) === 'ok') return e;
      if (previous) {
        const now = await exchanges.get(e.id);
        if (!now || now.updatedAt !== previous.updatedAt) throw conflict('CONFLICT', '这条交流记录已被他人修改，请刷新后重试');
      }
    }
    throw conflict('CONFLICT', '同时提交的修改太多，请稍后重试');
  }

  async function loadKept(auth: AuthContext, id: string) {
    const e = await exchanges.get(id);
    if (!e) throw notFound('交流记录不存在');
    if (!keeps(auth, e.federationId)) throw forbidden('只有本校联体的管理员或组织者可以修改交流安排');
    return e;
  }

  async function rows(list: Exchange[], now: string): Promise<ExchangeRow[]> {
    const schoolIds = [...new Set(list.flatMap((e) => [e.fromSchoolId, e.toSchoolId]))];
    const [schools, profiles] = await Promise.all([
      Promise.all(schoolIds.map((id) => federations.getSchool(id))),
      deps.users.getProfiles(list.map((e) => e.userId)),
    ]);
    const names = new Map(schools.flatMap((s) => (s ? [[s.id, s.name] as const] : [])));
    return list.map((e) => {
      const p = (profiles.get(e.userId) ?? {}) as { name?: string; subjects?: string[]; subject?: string; position?: string; titles?: string[] };
      return {
        ...e,
        name: p.name ?? '',
        fromSchoolName: names.get(e.fromSchoolId) ?? '',
        toSchoolName: names.get(e.toSchoolId) ?? '',
        subjects: p.subjects ?? (p.subject ? [p.subject] : []),
        ...(p.position ? { position: p.position } : {}),
        titles: p.titles ?? [],
        status: exchangeStatusOf(e, now),
      };
    });
  }

  return {
    async create(auth: AuthContext, federationId: string, body: CreateExchangeRequest): Promise<Exchange> {
      if (!(await federations.getFederation(federationId))) throw notFound('校联体不存在');
      if (!keeps(auth, federationId)) throw forbidden('只有本校联体的管理员或组织者可以登记交流轮岗');
      checkPeriod(body);
      const { from, to } = await checkSchools(auth, federationId, body.fromSchoolId, body.toSchoolId);
      await checkPerson(body.userId, body.fromSchoolId);
      const at = deps.clock.now().toISOString();
      const e: Exchange = {
        id: deps.newId(),
        federationId,
        userId: body.userId,
        fromSchoolId: body.fromSchoolId,
        toSchoolId: body.toSchoolId,
        kind: body.kind,
        startDate: body.startDate,
        endDate: body.endDate,
        ...(body.duties ? { duties: body.duties } : {}),
        createdBy: auth.userId,
        createdAt: at,
        updatedAt: at,
      };
      return saveChecked(e, undefined, from, to);
    },

    async update(auth: AuthContext, id: string, change: UpdateExchangeRequest): Promise<Exchange> {
      const previous = await loadKept(auth, id);
      const next: Exchange = { ...previous, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)), updatedAt: deps.clock.now().toISOString() };
      if (next.startDate > next.endDate) throw badRequest('VALIDATION_FAILED', '结束日期不能早于开始日期', { fieldErrors: { endDate: ['结束日期不能早于开始日期'] } });
      if (next.fromSchoolId === next.toSchoolId) throw badRequest('VALIDATION_FAILED', '派出学校和接收学校不能相同', { fieldErrors: { toSchoolId: ['派出学校和接收学校不能相同'] } });
      checkPeriod(next, previous);
      const { from, to } = await checkSchools(auth, previous.federationId, next.fromSchoolId, next.toSchoolId);
      if (change.fromSchoolId && change.fromSchoolId !== previous.fromSchoolId) await checkPerson(next.userId, next.fromSchoolId);
      if (next.updatedAt === previous.updatedAt) next.updatedAt = new Date(Date.parse(next.updatedAt) + 1).toISOString();
      return saveChecked(next, previous, from, to);
    },

    async remove(auth: AuthContext, id: string): Promise<void> {
      let e = await loadKept(auth, id);
      for (let attempt = 0; attempt < 4; attempt++) {
        const before = await exchanges.periodsOf(e.userId);
        const { [e.id]: _gone, ...periods } = before.periods;
        if ((await exchanges.remove(e, before, periods)) === 'ok') return;
        const now = await exchanges.get(id);
        if (!now) return;
        e = now;
      }
      throw conflict('CONFLICT', '同时提交的修改太多，请稍后重试');
    },

    /** 考核问效: the host school's admin, once the exchange has ended; once. */
    async assess(auth: AuthContext, id: string, body: ExchangeAssessmentRequest): Promise<Exchange> {
      const e = await exchanges.get(id);
      if (!e) throw notFound('交流记录不存在');
      if (!access.holds(auth, 'schoolAdmin', { schoolId: e.toSchoolId })) throw forbidden('只有接收学校的管理员可以考核这次交流');
      if (today() <= e.endDate) throw fail(409, 'EXCHANGE_NOT_ENDED', { endDate: e.endDate });
      if (e.assessment) throw fail(409, 'EXCHANGE_ALREADY_ASSESSED');
      const assessment = { rating: body.rating, comment: body.comment, uploadIds: body.uploadIds, assessedBy: auth.userId, assessedAt: deps.clock.now().toISOString() };
      if ((await exchanges.assess(e, assessment)) === 'conflict') throw fail(409, 'EXCHANGE_ALREADY_ASSESSED');
      return { ...e, assessment, updatedAt: assessment.assessedAt };
    },

    /**
     * 交流教师名单 of a semester with the quota. The federation's admins, organizers and the district admin see all;
     * a school admin of the federation sees the exchanges from or to their school (待考核 for both sides).
     */
    async list(auth: AuthContext, federationId: string, query: ListExchangesQuery) {
      const federation = await federations.getFederation(federationId);
      if (!federation) throw notFound('校联体不存在');
      const adminSchools = auth.roles.flatMap((r) => (r.role === 'schoolAdmin' && 'schoolId' in r.scope ? [r.scope.schoolId] : []));
      const all = keeps(auth, federationId);
      if (!all && !adminSchools.length) throw forbidden('只有本校联体的管理员、组织者或学校管理员可以查看交流名单');
      const semester = query.semester ?? semesterOf(deps.clock.now());
      const days = semesterDays(semester);
      const [found, rules] = await Promise.all([exchanges.listOfFederation(federationId, days), federations.getRules(federationId)]);
      const visible = all ? found : found.filter((e) => adminSchools.includes(e.fromSchoolId) || adminSchools.includes(e.toSchoolId));
      if (!all && !visible.length) {
        const ours = await Promise.all(adminSchools.map((id) => federations.getSchool(id)));
        if (!ours.some((s) => s?.federationId === federationId)) throw forbidden('只有本校联体的管理员、组织者或学校管理员可以查看交流名单');
      }
      const now = today();
      const items = (await rows(visible, now)).sort((a, b) => a.startDate.localeCompare(b.startDate) || a.name.localeCompare(b.name, 'zh-CN'));
      const body: ExchangeList = { items, quota: exchangeQuota(visible, semester, { ...DEFAULT_RULES, ...rules }, now) };
      if (query.format === 'xlsx' || query.format === 'csv') return { file: exchangeFile(federation.name, body, query.format) };
      return { body };
    },

    kindLabel: (e: Pick<Exchange, 'kind'>) => EXCHANGE_KIND_LABELS[e.kind],
  };
}
export type ExchangeService = ReturnType<typeof makeExchangeService>;
