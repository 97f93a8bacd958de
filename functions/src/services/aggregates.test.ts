import { describe, expect, it } from 'vitest';
import { makeLogger } from '#lib/logger';
import type { AggregateRepository, CountedRecord, SessionCounts } from '#repositories/aggregates';
import type { DigestState, SchoolDigest, SchoolDigestRepository } from '#repositories/school-digests';
import { countSession, makeAggregateService, sessionOfRecord, type StreamRecord } from './aggregates.ts';

const record = (pk: string, sk: string, seq: string, eventName = 'MODIFY'): StreamRecord => ({
  eventID: `e${seq}`,
  eventName,
  dynamodb: { Keys: { PK: { S: pk }, SK: { S: sk } }, SequenceNumber: seq },
});

/** An in-memory repository: the items of each session, the stored counters, a log of what was read and written. */
function fakeRepository(items: Record<string, CountedRecord[]>, failing = new Set<string>()) {
  const stored = new Map<string, SessionCounts & { readAt: string }>();
  const reads: string[] = [];
  const repo: AggregateRepository = {
    countedRecords: async (sessionId) => {
      reads.push(sessionId);
      if (failing.has(sessionId)) throw new Error('ProvisionedThroughputExceededException');
      return items[sessionId] ?? [];
    },
    putSessionCounts: async (counts, readAt) => {
      const current = stored.get(counts.sessionId);
      if (current && !(current.readAt < readAt)) return 'stale';
      stored.set(counts.sessionId, { ...counts, readAt });
      return 'written';
    },
    getSessionCounts: async (sessionId) => stored.get(sessionId),
  };
  const states = new Map<string, DigestState>();
  const digestItems = new Map<string, SchoolDigest & { readAt: string }>();
  const digests: SchoolDigestRepository = {
    getDigestState: async (sessionId) => states.get(sessionId),
    claimDigestState: async (sessionId, next, seen) => {
      if (states.get(sessionId)?.readAt !== seen?.readAt) return false;
      states.set(sessionId, next);
      return true;
    },
    putSchoolDigest: async (digest, readAt) => {
      const key = `${digest.gsi1pk}|${digest.sessionId}`;
      const current = digestItems.get(key);
      if (current && !(current.readAt < readAt)) return 'stale';
      digestItems.set(key, { ...digest, readAt });
      return 'written';
    },
    listDigestsOfSchool: async () => ({ credits: [], overflow: false }),
  };
  return { repo, stored, reads, digests, states, digestItems };
}

const lines: string[] = [];
const log = makeLogger('debug', {}, (line) => lines.push(line));
const clock = { now: () => new Date('2026-11-20T02:00:00.000Z') };

const rec = (userId: string, status: CountedRecord['status'], extra: Partial<CountedRecord> = {}): CountedRecord => ({
  userId,
  status,
  flags: [],
  creditedHours: status === 'absent' || status === 'excused' ? 0 : 2,
  ...extra,
});

describe('countSession', () => {
  it('counts 应到 / 实到 / 迟到 / 早退 / 缺席 / 请假 in total and by school, the shared-device flag derived as the roster does', () => {
    const counts = countSession('s1', [
      rec('a', 'on_time', { schoolId: 'sch-1', deviceId: 'd1', signedOutAt: '2026-11-20T03:00:00.000Z' }),
      rec('b', 'late', { schoolId: 'sch-1', deviceId: 'd1', creditedHours: 1.5 }),
      rec('c', 'left_early', { schoolId: 'sch-2', creditedHours: 0.5 }),
      rec('d', 'absent', { schoolId: 'sch-2' }),
      rec('e', 'excused', { schoolId: 'sch-2' }),
      rec('f', 'on_time'),
    ]);
    expect(counts.total).toEqual({
      expected: 5,
      signedIn: 4,
      late: 1,
      absent: 1,
      signedOut: 1,
      leftEarly: 1,
      excused: 1,
      flagged: 2,
      records: 6,
      creditedHours: 6,
      withSignInTime: 0,
    });
    expect(Object.keys(counts.bySchool)).toEqual(['-', 'sch-1', 'sch-2']);
    expect(counts.bySchool['sch-1']).toMatchObject({ expected: 2, signedIn: 2, late: 1, flagged: 2, creditedHours: 3.5 });
    expect(counts.bySchool['sch-2']).toMatchObject({ expected: 2, signedIn: 1, leftEarly: 1, absent: 1, excused: 1, records: 3 });
    expect(counts.bySchool['-']).toMatchObject({ expected: 1, signedIn: 1, records: 1 });
  });

  it('keeps who has a record, the records with a sign-in time and the 8 latest sign-ins of people attending', () => {
    const at = (m: number) => `2026-11-20T02:${String(m).padStart(2, '0')}:00.000Z`;
    const records = [
      ...Array.from({ length: 9 }, (_, i) => rec(`p${i}`, 'on_time', { name: `教师${i}`, signedInAt: at(i) })),
      rec('late', 'late', { name: '迟到者', signedInAt: at(30) }),
      rec('gone', 'absent', { name: '改缺席', signedInAt: at(40) }),
      rec('marked', 'on_time', { name: '补登' }),
    ];
    const counts = countSession('s2', records);
    expect(counts.userIds).toEqual(records.map((r) => r.userId).sort());
    expect(counts.total).toMatchObject({ records: 12, signedIn: 11, withSignInTime: 11 });
    expect(counts.latest?.map((l) => l.name)).toEqual(['迟到者', '教师8', '教师7', '教师6', '教师5', '教师4', '教师3', '教师2']);
    expect(counts.latest?.[0]).toEqual({ name: '迟到者', at: at(30), status: 'late' });
  });

  it('counts an empty session as zeros', () => {
    expect(countSession('s0', []).total).toMatchObject({ expected: 0, signedIn: 0, records: 0, creditedHours: 0 });
  });
});

describe('sessionOfRecord', () => {
  it('names the session of an attendance record and skips everything else', () => {
    expect(sessionOfRecord(record('SESSION#s1', 'ATT#u1', '1'))).toEqual({ sessionId: 's1' });
    expect(sessionOfRecord(record('SESSION#s1', 'ATT#u1', '1', 'REMOVE'))).toEqual({ sessionId: 's1' });
    expect(sessionOfRecord(record('SESSION#s1', 'COUNTS', '1'))).toEqual({ skip: 'not counted' });
    expect(sessionOfRecord(record('USER#u1', 'PROFILE', '1'))).toEqual({ skip: 'not counted' });
    expect(sessionOfRecord(record('SESSION#s1', 'ATT#u1', '1', 'TRUNCATE'))).toEqual({ skip: 'unknown event' });
    expect(sessionOfRecord({ eventName: 'INSERT', dynamodb: {} })).toEqual({ skip: 'no keys' });
    expect(sessionOfRecord({ eventName: 'INSERT', dynamodb: { Keys: { PK: { S: 'SESSION#' }, SK: { S: 'ATT#' } } } })).toEqual({ skip: 'not counted' });
    expect(sessionOfRecord(null as unknown as StreamRecord)).toEqual({ skip: 'not a record' });
  });
});

describe('applyStreamRecords', () => {
  it('recomputes each session a batch touches once, however often its records repeat', async () => {
    const { repo, stored, reads, digests } = fakeRepository({ s1: [rec('a', 'on_time'), rec('b', 'late')], s2: [rec('c', 'absent')] });
    const service = makeAggregateService({ aggregates: repo, digests, clock });
    const batch = [record('SESSION#s1', 'ATT#a', '1'), record('SESSION#s2', 'ATT#c', '2'), record('SESSION#s1', 'ATT#a', '1'), record('SESSION#s1', 'ATT#b', '3')];
    expect(await service.applyStreamRecords(batch, log)).toEqual({ batchItemFailures: [] });
    expect(reads.sort()).toEqual(['s1', 's2']);
    expect(stored.get('s1')?.total).toMatchObject({ signedIn: 2, late: 1 });
    expect(stored.get('s2')?.total).toMatchObject({ absent: 1, expected: 1 });
    // The same batch again (a retry) leaves the same counters.
    const before = structuredClone(stored.get('s1'));
    await service.applyStreamRecords([...batch].reverse(), log);
    expect({ ...stored.get('s1'), readAt: '' }).toEqual({ ...before, readAt: '' });
  });

  it('logs and skips poison records without blocking the batch', async () => {
    lines.length = 0;
    const { repo, stored, digests } = fakeRepository({ s1: [rec('a', 'on_time')] });
    const service = makeAggregateService({ aggregates: repo, digests, clock });
    const result = await service.applyStreamRecords(
      [{ eventID: 'bad1', eventName: 'INSERT' }, 'garbage', null, record('SESSION#s1', 'ATT#a', '7'), { eventID: 'bad2', eventName: 'WHAT', dynamodb: { Keys: {} } }],
      log,
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(stored.get('s1')?.total.signedIn).toBe(1);
    const skipped = lines.map((l) => JSON.parse(l) as { message: string; reason?: string }).filter((l) => l.message === 'aggregate: record skipped');
    expect(skipped.map((l) => l.reason)).toEqual(['no keys', 'not a record', 'not a record', 'unknown event']);
  });

  it('reports only the records of a session that failed, and counts the others', async () => {
    const { repo, stored, digests } = fakeRepository({ s1: [rec('a', 'on_time')], s2: [rec('b', 'late')] }, new Set(['s2']));
    const service = makeAggregateService({ aggregates: repo, digests, clock });
    const result = await service.applyStreamRecords(
      [record('SESSION#s2', 'ATT#b', '10'), record('SESSION#s1', 'ATT#a', '11'), record('SESSION#s2', 'ATT#b', '12')],
      log,
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '10' }, { itemIdentifier: '12' }]);
    expect(stored.get('s1')?.total.signedIn).toBe(1);
    expect(stored.has('s2')).toBe(false);
  });

  it('answers an event without records with no failures', async () => {
    const { repo, digests } = fakeRepository({});
    const service = makeAggregateService({ aggregates: repo, digests, clock });
    expect(await service.applyStreamRecords(undefined, log)).toEqual({ batchItemFailures: [] });
  });

  it('stamps each computation of one instance with a later read time, even on a frozen clock', async () => {
    const { repo, stored, digests } = fakeRepository({ s1: [rec('a', 'on_time')] });
    const service = makeAggregateService({ aggregates: repo, digests, clock });
    await service.recomputeSession('s1');
    const first = stored.get('s1')?.readAt ?? '';
    expect((await service.recomputeSession('s1')).outcome).toBe('written');
    expect((stored.get('s1')?.readAt ?? '') > first).toBe(true);
  });

  it('reads again when another computation of the session wrote its digests between its read and its write', async () => {
    const { repo, stored, reads, digests, states } = fakeRepository({ s1: [rec('a', 'on_time', { schoolId: 'sch-1' })] });
    let overtaken = false;
    const claim = digests.claimDigestState;
    digests.claimDigestState = async (sessionId, next, seen) => {
      if (!overtaken) {
        overtaken = true;
        states.set(sessionId, { partitions: [], readAt: '2026-11-20T02:00:05.000Z' });
      }
      return claim(sessionId, next, seen);
    };
    const service = makeAggregateService({ aggregates: repo, digests, clock });
    expect((await service.recomputeSession('s1')).outcome).toBe('written');
    expect(reads).toEqual(['s1', 's1']);
    // The second read came after the other computation's state, so its instant is later.
    expect(states.get('s1')?.readAt).toBe('2026-11-20T02:00:05.001Z');
    expect(stored.get('s1')?.readAt).toBe('2026-11-20T02:00:05.001Z');
  });

  it('gives up after being overtaken five times in a row, so the session\'s records come again', async () => {
    const { repo, stored, digests } = fakeRepository({ s1: [rec('a', 'on_time')] });
    digests.claimDigestState = async () => false;
    const service = makeAggregateService({ aggregates: repo, digests, clock });
    expect(await service.applyStreamRecords([record('SESSION#s1', 'ATT#a', '5')], log)).toEqual({ batchItemFailures: [{ itemIdentifier: '5' }] });
    expect(stored.has('s1')).toBe(false);
  });
});
