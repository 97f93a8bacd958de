import { describe, expect, it } from 'vitest';
import type { School } from '@lianyan/shared';
import type { CoverageLine } from '#repositories/observations';
import { federationCoverageOf, rollupSheets, type RollupDeps } from './observation-rollup.ts';

// The federation roll-up of 听评课覆盖 over counting fakes: its figures against a recomputation, and the same number of
// reads per school whatever the number of schools.

const now = new Date('2026-11-23T04:00:00Z');
const semester = '2026-2027-1';

/** School i: 2 + i teachers, the first one a principal; teacher k observed k times (so k = 0 is not covered). */
function world(schoolCount: number) {
  const schools: School[] = Array.from({ length: schoolCount }, (_, i) => ({ id: `s${i}`, name: `第${i}小学`, federationId: 'f1', stage: 'primary', rural: false, isCore: i === 1 }));
  const teachersOf = (i: number) => Array.from({ length: 2 + i }, (_, k) => `u-${i}-${k}`);
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const deps: RollupDeps = {
    clock: { now: () => now },
    federations: {
      listSchoolsOfFederationIn: async () => (count('listSchools'), schools),
      getRules: async () => (count('getRules'), undefined),
    },
    users: {
      listAllMembersOfScope: async (scope) => (count('members'), teachersOf(Number(scope.replace('school:s', '')))),
      getProfiles: async (ids) => {
        count('profiles');
        return new Map(ids.map((id) => [id, { id, name: `教师${id}`, position: id.endsWith('-0') ? 'principal' : 'teacher' } as never]));
      },
    },
    observations: {
      coverageLines: async (schoolId) => {
        count('lines');
        const i = Number(schoolId.slice(1));
        return teachersOf(i).flatMap((teacherId, k) =>
          Array.from({ length: k }, (_, n): CoverageLine => ({ observationId: `${teacherId}-${n}`, teacherId, observerId: `u-${i}-0`, observerName: '校长', observerKind: 'school_leader', startedAt: '2026-10-01T01:00:00.000Z', scaleId: 'default', scaleName: '通用' })),
        );
      },
      observedCounts: async (ids) => (count('counts'), new Map(ids.map((id) => [id, id === 'u-1-0' ? 30 : 3]))),
    },
  };
  return { deps, calls, schools, teachersOf };
}

describe('federation roll-up of 听评课覆盖', () => {
  it('sums the schools: teachers, the observed, the rate; the leaders against their targets', async () => {
    const { deps, teachersOf } = world(3);
    const rollup = await federationCoverageOf(deps, { id: 'f1', name: '测试校联体' }, semester);
    // The core school (s1) first, then by name.
    expect(rollup.schools.map((s) => s.schoolId)).toEqual(['s1', 's0', 's2']);
    for (const row of rollup.schools) {
      const i = Number(row.schoolId.slice(1));
      expect(row.teachers).toBe(teachersOf(i).length);
      expect(row.observed).toBe(teachersOf(i).length - 1);
    }
    const teachers = 2 + 3 + 4;
    expect(rollup).toMatchObject({ teachers, observed: teachers - 3, rate: Math.round(((teachers - 3) / teachers) * 1000) / 1000 });
    expect(rollup.leaders.map((l) => [l.schoolId, l.count, l.target, l.met])).toEqual([
      ['s1', 30, 30, true],
      ['s0', 3, 30, false],
      ['s2', 3, 30, false],
    ]);
    expect(rollup).toMatchObject({ leadersMet: 1 });
    const [bySchool, byLeader] = rollupSheets(rollup);
    expect(bySchool?.rows.at(-1)).toEqual(['合计', '', teachers, teachers - 3, 3, { percent: rollup.rate }, 3, 1, rollup.leadersOnTrack]);
    expect(byLeader?.rows).toHaveLength(4);
  });

  it('reads the same four things per school, and the federation’s schools and rules once', async () => {
    const reads = async (n: number) => {
      const { deps, calls } = world(n);
      await federationCoverageOf(deps, { id: 'f1', name: '测试校联体' }, semester);
      return calls;
    };
    for (const n of [1, 4, 9]) {
      expect(await reads(n)).toEqual({ listSchools: 1, getRules: 1, members: n, profiles: n, lines: n, counts: n });
    }
  });
});
