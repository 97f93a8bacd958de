import {
  DEFAULT_RULES,
  coverageRate,
  scopeKey,
  semesterYear,
  type Coverage,
  type Federation,
  type FederationCoverage,
  type LeaderObservationRow,
  type School,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { percentCell, type Sheet } from '#lib/xlsx';
import type { FederationRepository } from '#repositories/federations';
import type { ObservationRepository } from '#repositories/observations';
import type { UserRepository } from '#repositories/users';
import { coverageOf } from './observation-coverage.ts';

// 听评课 across a federation (docs/DESIGN.md "听评课覆盖"): each school's coverage, summed; its leaders against their targets.

export interface RollupDeps {
  observations: Pick<ObservationRepository, 'coverageLines' | 'observedCounts'>;
  federations: Pick<FederationRepository, 'listSchoolsOfFederationIn' | 'getRules'>;
  users: Pick<UserRepository, 'listAllMembersOfScope' | 'getProfiles'>;
  clock: Clock;
}

/** The federation's coverage without an access check (the caller's): the same four requests per school, in parallel. */
export async function federationCoverageOf(deps: RollupDeps, federation: Pick<Federation, 'id' | 'name'>, semester: string): Promise<FederationCoverage> {
  const now = deps.clock.now();
  const [schools, rules] = await Promise.all([deps.federations.listSchoolsOfFederationIn(federation.id, semesterYear(semester)), deps.federations.getRules(federation.id)]);
  const targets = (rules ?? DEFAULT_RULES).lessonsObservedPerSemester;
  const coverages = await Promise.all(
    schools.map(async (school) => {
      const teacherIds = await deps.users.listAllMembersOfScope(scopeKey({ schoolId: school.id }), 'teacher');
      const profiles = await deps.users.getProfiles(teacherIds);
      const leaderIds = [...profiles.values()].filter((p) => (targets[p.position ?? ''] ?? 0) > 0).map((p) => p.id);
      const [lines, counts] = await Promise.all([deps.observations.coverageLines(school.id, semester), deps.observations.observedCounts(leaderIds, semesterYear(semester), semester)]);
      return { school, coverage: coverageOf({ school, semester, profiles: [...profiles.values()] as never, lines, counts, targets, now }) };
    }),
  );
  return rollUpCoverage(federation, semester, coverages);
}

/** Sums schools' coverages: teachers and observed teachers per school (a teacher of two schools counts at each). */
function rollUpCoverage(federation: Pick<Federation, 'id' | 'name'>, semester: string, coverages: Array<{ school: Pick<School, 'isCore'>; coverage: Coverage }>): FederationCoverage {
  const ordered = [...coverages].sort((a, b) => Number(b.school.isCore) - Number(a.school.isCore) || a.coverage.schoolName.localeCompare(b.coverage.schoolName, 'zh-CN'));
  const leaders: LeaderObservationRow[] = ordered.flatMap(({ coverage }) =>
    coverage.observers.map((o) => ({ ...o, schoolId: coverage.schoolId, schoolName: coverage.schoolName, met: o.count >= o.target })),
  );
  const schools = ordered.map(({ school, coverage }) => {
    const own = leaders.filter((l) => l.schoolId === coverage.schoolId);
    const observed = coverage.teachers.length - coverage.notObserved.length;
    return {
      schoolId: coverage.schoolId,
      schoolName: coverage.schoolName,
      isCore: school.isCore,
      teachers: coverage.teachers.length,
      observed,
      rate: coverage.rate,
      leaders: own.length,
      leadersMet: own.filter((l) => l.met).length,
      leadersOnTrack: own.filter((l) => l.onTrack).length,
    };
  });
  const teachers = schools.reduce((n, s) => n + s.teachers, 0);
  const observed = schools.reduce((n, s) => n + s.observed, 0);
  return {
    federationId: federation.id,
    federationName: federation.name,
    semester,
    teachers,
    observed,
    rate: coverageRate(observed, teachers),
    schools,
    leaders,
    leadersMet: leaders.filter((l) => l.met).length,
    leadersOnTrack: leaders.filter((l) => l.onTrack).length,
  };
}

/** 听评课覆盖 (per school) and 听课目标 (leaders against their targets): the roll-up's and the federation report's sheets. */
export function rollupSheets(rollup: FederationCoverage): Sheet[] {
  return [
    {
      name: '听评课覆盖',
      rows: [
        ['学校', '类型', '教师数', '已被听课', '未被听课', '覆盖率', '领导人数', '听课达标', '按计划'],
        ...rollup.schools.map((s) => [s.schoolName, s.isCore ? '核心校' : '成员校', s.teachers, s.observed, s.teachers - s.observed, percentCell(s.rate), s.leaders, s.leadersMet, s.leadersOnTrack]),
        ['合计', '', rollup.teachers, rollup.observed, rollup.teachers - rollup.observed, percentCell(rollup.rate), rollup.leaders.length, rollup.leadersMet, rollup.leadersOnTrack],
      ],
      widths: [22, 8, 8, 10, 10, 10, 10, 10, 8],
    },
    {
      name: '听课目标',
      rows: [
        ['学校', '姓名', '职务', '本学期听课', '目标', '达标', '进度'],
        ...rollup.leaders.map((l) => [l.schoolName, l.name, l.position, l.count, l.target, l.met ? '达标' : '未达标', l.onTrack ? '按计划' : '落后']),
      ],
      widths: [22, 12, 10, 10, 8, 8, 8],
    },
  ];
}
