import {
  DEFAULT_ATTENDANCE_THRESHOLD,
  DEFAULT_RULES,
  OBSERVED_LESSON_KINDS,
  federationExchanges,
  rotationsOf,
  schoolExchanges,
  shanghaiDay,
  SCORE_WEIGHTS,
  previousSemester,
  scopeKey,
  semesterMonths,
  semesterOf,
  semesterDays,
  semesterYear,
  targetsFor,
  type DistrictReport,
  type Exchange,
  type Federation,
  type FederationCoverage,
  type FederationReport,
  type FederationRules,
  type ObservationRow,
  type ReportQuery,
  type School,
  type SchoolReport,
  type Session,
  type TeacherRow,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { ArchiveRepository } from '#repositories/archive';
import type { AttendanceCredit, AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { MentorPairRepository } from '#repositories/mentor-pairs';
import type { SessionRepository } from '#repositories/sessions';
import type { ExchangeRepository } from '#repositories/exchanges';
import type { UserRepository } from '#repositories/users';
import type { ReportSnapshotRepository } from '#repositories/report-snapshots';
import { federationReports, nextChangeAfter, type ReportBody } from './report-snapshots.ts';
import type { AccessPolicy } from './access.ts';
import { figures, utcRange } from './archive-figures.ts';
import { registerOf } from './reports-exchanges.ts';
import {
  attendanceFigure,
  countByKind,
  expectedRecords,
  federationFigures,
  endedOpen,
  isParentSchoolKind,
  mergeTrends,
  monthlyTrend,
  sessionState,
  withChanges,
  type FederationFigures,
  type SchoolInput,
} from './reports-figures.ts';

export interface ReportServiceDeps {
  federations: FederationRepository;
  sessions: SessionRepository;
  attendance: AttendanceRepository;
  archive: ArchiveRepository;
  users: UserRepository;
  /** The 师徒结对 register the mentor pairs are counted from (none: no pairs). */
  mentorPairs?: Pick<MentorPairRepository, 'countPairsOfSchool'>;
  access: AccessPolicy;
  clock: Clock;
  /** 交流轮岗: people on exchange at a school in the semester are counted among its teachers there; the register's figures. */
  exchanges?: Pick<ExchangeRepository, 'visitorsOf' | 'listOfFederation'>;
  /** 听评课覆盖 of the federation (none: the report has no observation figures). */
  observationCoverage?: (federation: Federation, semester: string) => Promise<FederationCoverage>;
  /** Federation reports kept at the report versions the stream raises (none: every report is computed). */
  snapshots?: ReportSnapshotRepository;
}

const rulesShown = (rules: FederationRules) => ({
  onlineJointResearchPerSemester: rules.onlineJointResearchPerSemester,
  offlineJointResearchPerSemester: rules.offlineJointResearchPerSemester,
  mentorPairsPerSemester: rules.mentorPairsPerSemester,
  exchangeCadresPerSemester: rules.exchangeCadresPerSemester,
  exchangeBackbonePerSemester: rules.exchangeBackbonePerSemester,
  parentSchoolActivitiesPerSemester: rules.parentSchoolActivitiesPerSemester,
  coreSchoolWeight: rules.coreSchoolWeight,
});

const byRateThenName = (a: TeacherRow, b: TeacherRow) => (a.rate ?? 2) - (b.rate ?? 2) || a.name.localeCompare(b.name, 'zh-CN');

/** A federation's report with, for the exports, every teacher's row. */
export interface FederationReportWithTeachers {
  report: FederationReport;
  teachers: TeacherRow[];
}

export function makeReportService(deps: ReportServiceDeps) {
  const { federations, sessions, attendance, archive, users, access, clock } = deps;

  async function rulesOf(federationId: string): Promise<FederationRules> {
    return { ...DEFAULT_RULES, ...(await federations.getRules(federationId)) };
  }

  const pairsOf = (schoolId: string, year: string) => deps.mentorPairs?.countPairsOfSchool(schoolId, year) ?? Promise.resolve(0);

  async function teacherIdsOf(schoolId: string, semester: string): Promise<string[]> {
    const [own, visitors] = await Promise.all([
      users.listAllMembersOfScope(scopeKey({ schoolId }), 'teacher'),
      deps.exchanges ? deps.exchanges.visitorsOf(schoolId, semesterDays(semester)) : [],
    ]);
    return [...new Set([...own, ...visitors.map((v) => v.userId)])];
  }

  /** Every teacher's row from the records that count; names and positions from the profiles. */
  async function teacherRows(schoolId: string, teacherIds: string[], records: AttendanceCredit[], threshold: number): Promise<TeacherRow[]> {
    const profiles = await users.getProfiles(teacherIds);
    const byTeacher = new Map<string, AttendanceCredit[]>(teacherIds.map((id) => [id, []]));
    for (const r of records) byTeacher.get(r.userId)?.push(r);
    return teacherIds.map((userId) => {
      const profile = profiles.get(userId);
      const f = attendanceFigure(byTeacher.get(userId) ?? []);
      return {
        userId,
        name: profile?.name ?? userId,
        schoolId,
        ...(profile?.position ? { position: profile.position } : {}),
        ...f,
        below: f.rate !== null && f.rate < threshold,
      };
    });
  }

  /**
   * Teachers' subjects and erased accounts (注销), read only when an ended session is not yet closed (its audience
   * stands in for absences: of the subject for a subject group, never an erased account).
   */
  async function audienceFactsIfNeeded(teacherIds: Iterable<string>, sessionList: Session[], now: Date) {
    if (!sessionList.some((s) => endedOpen(s, now) && s.audience.type !== 'parents')) return { subjects: new Map<string, string | undefined>(), erased: new Set<string>() };
    const ids = [...teacherIds];
    const profiles = await users.getProfiles(ids);
    return {
      subjects: new Map(ids.map((id) => [id, profiles.get(id)?.subject])),
      erased: new Set(ids.filter((id) => profiles.get(id)?.status === 'deleted')),
    };
  }

  /** The semester's sessions, and each school's teachers, records and yearly totals: Queries on keys, in parallel. */
  async function loadSemester(federationId: string, schools: Array<{ school: School; teacherIds: ReadonlySet<string> }>, semester: string, now: Date) {
    const year = semesterYear(semester);
    const [sessionList, loaded] = await Promise.all([
      sessions.listAllSessionsOfFederation(federationId, utcRange(semesterDays(semester))),
      Promise.all(
        schools.map(async ({ school, teacherIds }) => {
          const [credits, totals, mentorPairs] = await Promise.all([
            attendance.listCreditsOfSchool(school.id, semester),
            archive.listTotalsOfSchool(school.id, year),
            pairsOf(school.id, year),
          ]);
          return { school, teacherIds, credits, totals, mentorPairs };
        }),
      ),
    ]);
    const inputs = await Promise.all(
      loaded.map(async (s): Promise<SchoolInput> => ({ ...s, ...(await audienceFactsIfNeeded(s.teacherIds, sessionList, now)) })),
    );
    return { sessions: sessionList, inputs };
  }

  /** The federation's figures for the semester and the one before (for the change of the bundled score). */
  async function federationSemesters(federation: Federation, semester: string, threshold: number) {
    const now = clock.now();
    const before = previousSemester(semester);
    // The schools of each semester's school year: a school moved to another federation counts where it was then.
    const [rules, schoolsNow, schoolsBefore] = await Promise.all([
      rulesOf(federation.id),
      federations.listSchoolsOfFederationIn(federation.id, semesterYear(semester)),
      federations.listSchoolsOfFederationIn(federation.id, semesterYear(before)),
    ]);
    const teachers = new Map<string, Promise<Set<string>>>();
    const withTeachers = (list: School[], of: string) =>
      Promise.all(
        list.map(async (school) => {
          const key = `${school.id}|${of}`;
          if (!teachers.has(key)) teachers.set(key, teacherIdsOf(school.id, of).then((ids) => new Set(ids)));
          return { school, teacherIds: (await teachers.get(key)) as Set<string> };
        }),
      );
    const [schools, schoolsOfBefore] = await Promise.all([withTeachers(schoolsNow, semester), withTeachers(schoolsBefore, before)]);
    const [current, previous] = await Promise.all([loadSemester(federation.id, schools, semester, now), loadSemester(federation.id, schoolsOfBefore, before, now)]);
    const compute = (loaded: typeof current, of: string): FederationFigures =>
      federationFigures({ coreSchoolId: federation.coreSchoolId ?? '', rules, sessions: loaded.sessions, schools: loaded.inputs, months: semesterMonths(of), threshold, now });
    const figuresNow = compute(current, semester);
    // A semester with neither sessions nor records has nothing to compare with.
    const hadAnything = previous.sessions.length > 0 || previous.inputs.some((s) => s.credits.length > 0);
    const { rows, summary } = withChanges(figuresNow, hadAnything ? compute(previous, before) : undefined);
    return { rules, schools, figures: figuresNow, rows, summary, previousSemester: before, sessions: [...current.sessions, ...previous.sessions] };
  }

  /** The register's semester against the federation's rules, a line per school of the report. */
  const exchangesOf = (register: Exchange[], loaded: { rules: FederationRules; schools: Array<{ school: School }> }, semester: string) =>
    federationExchanges(register, loaded.schools.map((s) => s.school.id), semester, loaded.rules, shanghaiDay(clock.now()));

  function semesterAndThreshold(query: ReportQuery) {
    const semester = query.semester ?? semesterOf(clock.now());
    return { semester, threshold: (query.threshold ?? DEFAULT_ATTENDANCE_THRESHOLD) / 100, range: semesterDays(semester) };
  }

  /** A federation's report of a semester computed from the items (and the digests), and when its figures next move on their own. */
  async function computeFederation(federation: Federation, query: ReportQuery) {
    const { semester, threshold, range } = semesterAndThreshold(query);
    const [loaded, exchanges, observationCoverage] = await Promise.all([
      federationSemesters(federation, semester, threshold),
      registerOf(deps.exchanges, federation.id, semesterYear(semester)),
      deps.observationCoverage?.(federation, semester),
    ]);
    const report: ReportBody = {
      federation,
      semester,
      previousSemester: loaded.previousSemester,
      range,
      threshold: threshold * 100,
      rules: rulesShown(loaded.rules),
      weights: { ...SCORE_WEIGHTS },
      summary: loaded.summary,
      schools: loaded.rows,
      trend: loaded.figures.trend,
      exchanges: exchangesOf(exchanges, loaded, semester),
      ...(observationCoverage ? { observationCoverage } : {}),
    };
    return { report, loaded, validUntil: nextChangeAfter(clock.now(), loaded.sessions, observationCoverage) };
  }

  return {
    /** A school's semester: what it hosted, its teachers' attendance, observations, mentorship and parent school. */
    async school(auth: AuthContext, schoolId: string, query: ReportQuery): Promise<SchoolReport> {
      const school = await federations.getSchool(schoolId);
      if (!school) throw notFound('学校不存在');
      if (!(await access.administers(auth, { schoolId }))) throw forbidden('你只能查看本校的报表');
      const now = clock.now();
      const { semester, threshold, range } = semesterAndThreshold(query);
      const year = semesterYear(semester);
      // A school moved from another federation: its semesters before the move are read in the federation it was in.
      const federationId = (await federations.federationOfSchoolIn(school, year)) ?? school.federationId;
      const [federation, rules, sessionList, teacherIds, credits, totals, mentorPairs, register] = await Promise.all([
        federations.getFederation(federationId),
        rulesOf(federationId),
        sessions.listAllSessionsOfFederation(federationId, utcRange(range)),
        teacherIdsOf(schoolId, semester),
        attendance.listCreditsOfSchool(schoolId, semester),
        archive.listTotalsOfSchool(schoolId, year),
        pairsOf(schoolId, year),
        registerOf(deps.exchanges, federationId, year),
      ]);
      const teacherSet = new Set(teacherIds);
      const { subjects, erased } = await audienceFactsIfNeeded(teacherIds, sessionList, now);
      const records = expectedRecords(credits, { id: schoolId, teacherIds: teacherSet, subjects, erased }, sessionList, now);
      const hosted = sessionList.filter((s) => s.hostSchoolId === schoolId);
      const heldHosted = hosted.filter((s) => sessionState(s, now) === 'held');
      const teachers = (await teacherRows(schoolId, teacherIds, records, threshold)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));

      const observations: ObservationRow[] = [];
      for (const t of teachers) {
        const target = targetsFor(t.position, rules).lessonsObservedPerSemester;
        if (!t.position || !target) continue;
        const own = totals.get(t.userId);
        const count = figures({
          year,
          semester,
          cycleStartYear: rules.trainingCycleStartYear,
          totals: own ? new Map([[year, own]]) : new Map(),
          credits: records.filter((r) => r.userId === t.userId && OBSERVED_LESSON_KINDS.includes(r.kind as Session['kind'])),
          taught: [],
          targets: targetsFor(t.position, rules),
          now,
        }).observations;
        observations.push({ userId: t.userId, name: t.name, position: t.position, count, target, met: count >= target });
      }

      const parent = heldHosted.filter((s) => isParentSchoolKind(s.kind));
      const online = heldHosted.filter((s) => s.mode === 'online').length;
      return {
        school: { id: school.id, name: school.name, isCore: school.isCore, rural: school.rural },
        federation: { id: federationId, name: federation?.name ?? '' },
        semester,
        range,
        generatedAt: now.toISOString(),
        threshold: threshold * 100,
        hosted: {
          held: heldHosted.length,
          online,
          offline: heldHosted.length - online,
          cancelled: hosted.filter((s) => sessionState(s, now) === 'cancelled').length,
          upcoming: hosted.filter((s) => sessionState(s, now) === 'upcoming').length,
          autoClosed: heldHosted.filter((s) => s.closedBy === 'auto').length,
          byKind: countByKind(heldHosted),
        },
        attendance: attendanceFigure(records),
        trend: monthlyTrend(records, semesterMonths(semester)),
        teachers,
        belowThreshold: teachers.filter((t) => t.below).sort(byRateThenName),
        observations,
        mentorship: { year, mentorPairs, rotations: rotationsOf(register, schoolId, year), mentorPairsTarget: rules.mentorPairsPerSemester },
        parentSchool: {
          held: parent.length,
          target: rules.parentSchoolActivitiesPerSemester,
          met: parent.length >= rules.parentSchoolActivitiesPerSemester,
          sessions: parent.map((s) => ({ id: s.id, title: s.title, kind: s.kind, mode: s.mode, startAt: s.startAt, status: s.status })),
        },
        exchanges: schoolExchanges(register, schoolId, semester, shanghaiDay(now)),
      };
    },

    /** A federation's semester, one row per school with the scores and the bundled assessment. */
    async federation(auth: AuthContext, federationId: string, query: ReportQuery, options: { teachers?: boolean } = {}): Promise<FederationReportWithTeachers> {
      const federation = await federations.getFederation(federationId);
      if (!federation) throw notFound('校联体不存在');
      if (!(await access.administers(auth, { federationId }))) throw forbidden('你只能查看自己管理的校联体的报表');
      const { semester, threshold } = semesterAndThreshold(query);
      // The exports' teacher sheets are per person: read from the items, never from a snapshot.
      if (options.teachers || !deps.snapshots) {
        const { report, loaded } = await computeFederation(federation, query);
        const teachers = options.teachers
          ? (
              await Promise.all(
                loaded.schools.map(({ school, teacherIds }) => teacherRows(school.id, [...teacherIds], loaded.figures.records.get(school.id) ?? [], threshold)),
              )
            ).flatMap((rows) => rows.sort(byRateThenName))
          : [];
        return { report: { ...report, generatedAt: clock.now().toISOString() }, teachers };
      }
      const [one] = await federationReports(deps.snapshots, [federation], { semester, threshold: threshold * 100 }, clock.now, (f) => computeFederation(f, query));
      return { report: { ...(one as { report: ReportBody }).report, generatedAt: clock.now().toISOString() }, teachers: [] };
    },

    /** Every federation of the district, the same figures side by side (each federation's report, kept or computed). */
    async district(auth: AuthContext, query: ReportQuery): Promise<DistrictReport> {
      if (!access.holds(auth, 'districtAdmin', {})) throw forbidden('只有教体局管理员可以查看全区报表');
      const { semester, threshold, range } = semesterAndThreshold(query);
      const list = await federations.listFederations();
      const all = deps.snapshots
        ? await federationReports(deps.snapshots, list, { semester, threshold: threshold * 100 }, clock.now, (f) => computeFederation(f, query))
        : await Promise.all(list.map(async (federation) => ({ federation, report: (await computeFederation(federation, query)).report })));
      return {
        semester,
        previousSemester: previousSemester(semester),
        range,
        generatedAt: clock.now().toISOString(),
        threshold: threshold * 100,
        federations: all.map(({ federation, report }) => ({ federation, summary: report.summary, schools: report.schools, exchanges: report.exchanges })),
        trend: mergeTrends(all.map((f) => f.report.trend)),
      };
    },
  };
}
export type ReportService = ReturnType<typeof makeReportService>;
