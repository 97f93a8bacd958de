import { describe, expect, it } from 'vitest';
import type { FederationCoverage } from '@lianyan/shared';
import { makeLogger } from '#lib/logger';
import { isAggregateOutput } from '#repositories/aggregates';
import type { ReportSnapshotRepository } from '#repositories/report-snapshots';
import { REPORT_SNAPSHOT_FORMAT, isCurrent, nextChangeAfter } from './report-snapshots.ts';
import { raiseReportVersions, reachOfRecord } from './report-versions.ts';

const rec = (pk: string, sk: string, image: Record<string, unknown> = {}) => ({
  eventName: 'MODIFY',
  dynamodb: { Keys: { PK: { S: pk }, SK: { S: sk } }, NewImage: image as never },
});

describe('when a report snapshot stops being current', () => {
  const now = new Date('2026-12-03T02:00:00Z'); // 10:00 in Shanghai

  it('is the next session start or end, else the next Shanghai midnight', () => {
    const sessions = [
      { startAt: '2026-12-01T01:00:00Z', endAt: '2026-12-01T03:00:00Z' },
      { startAt: '2026-12-03T01:30:00Z', endAt: '2026-12-03T03:30:00Z' },
      { startAt: '2026-12-04T01:00:00Z', endAt: '2026-12-04T03:00:00Z' },
    ];
    expect(nextChangeAfter(now, sessions)).toBe('2026-12-03T03:30:00.000Z');
    expect(nextChangeAfter(now, sessions.slice(0, 1))).toBe('2026-12-03T16:00:00.000Z');
  });

  it('is when a leader’s on-track line steps up (⌊target × share of the semester⌋)', () => {
    const coverage = { semester: '2026-2027-1', leaders: [{ target: 400 }, { target: 0 }] } as unknown as FederationCoverage;
    const at = Date.parse(nextChangeAfter(now, [], coverage));
    expect(at).toBeGreaterThan(now.getTime());
    const from = Date.parse('2026-09-01T00:00:00+08:00');
    const to = Date.parse('2027-01-31T23:59:59+08:00');
    const line = (t: number) => Math.floor(400 * ((t - from) / (to - from)));
    expect(line(at)).toBe(line(now.getTime()) + 1);
    expect(line(at - 2)).toBe(line(now.getTime()));
  });

  it('is served only at the same versions and format, before its instant', () => {
    const snapshot = { versions: { federation: 3, all: 1 }, validUntil: '2026-12-03T03:00:00Z', format: REPORT_SNAPSHOT_FORMAT, report: {} as never };
    expect(isCurrent(snapshot, { federation: 3, all: 1 }, now)).toBe(true);
    expect(isCurrent(snapshot, { federation: 4, all: 1 }, now)).toBe(false);
    expect(isCurrent(snapshot, { federation: 3, all: 2 }, now)).toBe(false);
    expect(isCurrent({ ...snapshot, format: REPORT_SNAPSHOT_FORMAT + 1 }, { federation: 3, all: 1 }, now)).toBe(false);
    expect(isCurrent(snapshot, { federation: 3, all: 1 }, new Date('2026-12-03T03:00:00Z'))).toBe(false);
    expect(isCurrent(undefined, { federation: 0, all: 0 }, now)).toBe(false);
  });
});

describe('which federations a change reaches', () => {
  it('leaves out what no report reads and the aggregator’s own items', () => {
    for (const [pk, sk] of [
      ['CAMPAIGN#c1', 'CHK#2026-12-03#u1'],
      ['SESSION#s1', 'REG#u1'],
      ['SESSION#s1', 'COUNTS'],
      ['SESSION#s1', 'DIGESTS'],
      ['SCHOOLSEM#sch-a#2026-2027-1', 'SESSION#s1'],
      ['REPORTVER', 'FED#f1'],
      ['REPORTSNAP#f1', '2026-2027-1#80'],
      ['RATE#qr#u1', 'W#1'],
      ['USER#u1', 'CONSENT#3'],
    ] as const)
      expect(reachOfRecord(rec(pk, sk), isAggregateOutput), `${pk} ${sk}`).toBeUndefined();
  });

  it('names the session, school, federation, scope or person a change carries', () => {
    expect(reachOfRecord(rec('SESSION#s1', 'ATT#u1', { schoolId: { S: 'sch-a' } }), isAggregateOutput)).toMatchObject({ sessions: ['s1'], schools: ['sch-a'], all: false });
    expect(reachOfRecord(rec('SESSION#s1', 'META', { federationId: { S: 'f1' }, hostSchoolId: { S: 'sch-a' } }), isAggregateOutput)).toMatchObject({ federations: ['f1'], schools: ['sch-a'] });
    expect(reachOfRecord(rec('USER#u1', 'ROLE#teacher#school:sch-b'), isAggregateOutput)).toMatchObject({ schools: ['sch-b'], all: false });
    expect(reachOfRecord(rec('USER#u1', 'ROLE#districtAdmin#district'), isAggregateOutput)).toMatchObject({ all: true });
    expect(reachOfRecord(rec('USER#u1', 'PROFILE'), isAggregateOutput)).toMatchObject({ users: ['u1'], all: false });
    expect(reachOfRecord(rec('OBSCOV#sch-c#2026-2027-1', 'x'), isAggregateOutput)).toMatchObject({ schools: ['sch-c'] });
    expect(reachOfRecord(rec('FED#f2', 'RULES'), isAggregateOutput)).toMatchObject({ federations: ['f2'] });
    // A change naming nothing a federation can be told from reaches every federation.
    expect(reachOfRecord(rec('SOMETHING#new', 'META'), isAggregateOutput)).toMatchObject({ all: true });
  });

  it('raises every federation a school was ever in, a session’s, and all for what resolves to none', async () => {
    const raised: Array<{ federations: string[]; all: boolean }> = [];
    const snapshots = {
      federationsOfSchool: async (id: string) => (id === 'sch-moved' ? ['f-old', 'f-new'] : id === 'sch-a' ? ['f1'] : []),
      federationOfSession: async (id: string) => (id === 's1' ? 'f1' : undefined),
      roleScopesOfUser: async (id: string) => (id === 'u1' ? ['school:sch-moved'] : []),
      raise: async (federations: Iterable<string>, all: boolean) => void raised.push({ federations: [...federations].sort(), all }),
    } as unknown as ReportSnapshotRepository;
    const deps = { snapshots, isOwnOutput: isAggregateOutput, log: makeLogger('silent') };
    await raiseReportVersions([rec('SESSION#s1', 'ATT#u9', { schoolId: { S: 'sch-a' } }), rec('USER#u1', 'PROFILE')], deps);
    expect(raised.pop()).toEqual({ federations: ['f-new', 'f-old', 'f1'], all: false });
    await raiseReportVersions([rec('SESSION#gone', 'ATT#u9')], deps);
    expect(raised.pop()).toEqual({ federations: [], all: true });
    await raiseReportVersions([rec('CAMPAIGN#c1', 'CHK#1#u1')], deps);
    expect(raised).toEqual([]);
  });
});
