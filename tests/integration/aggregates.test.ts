import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { semesterOf, semesterRange, type Attendance, type AttendanceStatus } from '@lianyan/shared';
import { makeLogger } from '@lianyan/functions/lib/logger';
import { makeAggregateRepository, type SessionCounts } from '@lianyan/functions/repositories/aggregates';
import { attendanceKey, makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeSchoolDigestRepository } from '@lianyan/functions/repositories/school-digests';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { countSession, makeAggregateService, type StreamRecord } from '@lianyan/functions/services/aggregates';
import { settleStreams, stack } from '../support/api.ts';
import { testTable } from '../support/db.ts';

// The stream aggregator (issue 19) on DynamoDB Local with the real repositories. The records fed to it are what
// DynamoDB Streams sends for each write (event name, keys, sequence number), delivered at least once: duplicated,
// reordered within retries, late, with poison among them. Every counter must equal a recount of the items.

const log = makeLogger('silent');
const ctx = testTable();
const attendance = makeAttendanceRepository(ctx);
const aggregates = makeAggregateRepository(ctx);
const digests = makeSchoolDigestRepository(ctx);
const ix = { sessionStartAt: '2026-11-20T01:00:00.000Z', sessionKind: 'joint_research' };
/** The session moved to another semester and kind after some records were filed: a mark files the record anew there. */
const movedIx = { sessionStartAt: '2027-03-10T01:00:00.000Z', sessionKind: 'open_class' };
const SEMESTERS = [...new Set([ix, movedIx].map((x) => semesterOf(x.sessionStartAt)))];

/**
 * A clock every computation shares, one second a tick, so read instants order as the test does things. It runs a
 * year ahead: the stack's own stream poller feeds these writes to the aggregator too (with the real clock), and its
 * computations must lose to the test's, whose deliveries are the ones under test.
 */
let clockBase = Date.now() + 365 * 86_400_000;
function tickingClock() {
  clockBase += 86_400_000;
  let t = clockBase;
  return { now: () => new Date((t += 1000)) };
}

/** What the stream carries for each write, in commit order. */
function streamLog() {
  let seq = 0;
  const records: StreamRecord[] = [];
  return {
    records,
    emit(sessionId: string, userId: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE') {
      const key = attendanceKey(sessionId, userId);
      seq += 1;
      const record = { eventID: `ev-${seq}`, eventName, dynamodb: { Keys: { PK: { S: key.PK }, SK: { S: key.SK } }, SequenceNumber: String(seq).padStart(21, '0') } };
      records.push(record);
      return record;
    },
  };
}

const signInRecord = (sessionId: string, userId: string, schoolId: string | undefined, late: boolean, deviceId: string): Attendance => ({
  sessionId,
  userId,
  name: `教师${userId.slice(-4)}`,
  ...(schoolId ? { schoolId } : {}),
  status: late ? 'late' : 'on_time',
  method: 'qr',
  signedInAt: '2026-11-20T01:05:00.000Z',
  deviceId,
  flags: [],
  creditedHours: 2,
  updatedAt: new Date().toISOString(),
});

/** The counters a recount of the session's items gives (the roster's Query, not the aggregator's). */
async function recount(sessionId: string): Promise<SessionCounts> {
  return countSession(sessionId, await attendance.listWholeRoster(sessionId));
}

/**
 * A school semester's credits at the given sessions two ways: from the digests (what the reports read) and from the
 * GSI1 items (what they read before). Equal, order included.
 */
async function schoolCredits(schoolId: string, semester: string, sessionIds: ReadonlySet<string>) {
  const fromDigests = await digests.listDigestsOfSchool(schoolId, semester);
  expect(fromDigests.overflow).toBe(false);
  const fromItems = await attendance.listCreditsOfSchoolItems(schoolId, semester);
  return { digests: fromDigests.credits.filter((c) => sessionIds.has(c.sessionId)), items: fromItems.filter((c) => sessionIds.has(c.sessionId)) };
}

async function expectDigestsEqualItems(schoolIds: string[], semesters: string[], sessionIds: ReadonlySet<string>) {
  for (const school of schoolIds)
    for (const semester of semesters) {
      const { digests: d, items } = await schoolCredits(school, semester, sessionIds);
      expect(d, `${school} ${semester}`).toEqual(items);
    }
}

async function stored(sessionId: string): Promise<SessionCounts> {
  const counts = await aggregates.getSessionCounts(sessionId, { consistent: true });
  if (!counts) return countSession(sessionId, []);
  const { readAt: _readAt, ...rest } = counts;
  return rest;
}

describe('stream aggregator on DynamoDB Local', () => {
  it('counts a record delivered twice, and a whole batch retried, once', async () => {
    const service = makeAggregateService({ aggregates, digests, clock: tickingClock() });
    const stream = streamLog();
    const sid = `agg-${randomUUID()}`;
    await attendance.putSignIn(signInRecord(sid, 'u-1', 'sch-a', false, 'dev-1'), ix);
    const r1 = stream.emit(sid, 'u-1', 'INSERT');
    await attendance.putSignIn(signInRecord(sid, 'u-2', 'sch-b', true, 'dev-2'), ix);
    const r2 = stream.emit(sid, 'u-2', 'INSERT');
    expect(await service.applyStreamRecords([r1, r1, r2, r1], log)).toEqual({ batchItemFailures: [] });
    const once = await stored(sid);
    expect(once.total).toMatchObject({ expected: 2, signedIn: 2, late: 1, records: 2, creditedHours: 4 });
    expect(once.bySchool['sch-a']).toMatchObject({ signedIn: 1, late: 0 });
    expect(once.bySchool['sch-b']).toMatchObject({ signedIn: 1, late: 1 });
    await service.applyStreamRecords([r2, r1], log);
    await service.applyStreamRecords([r1, r2], log);
    expect(await stored(sid)).toEqual(once);
    expect(once).toEqual(await recount(sid));
  });

  it('lands on the items whatever order a retry brings the records in', async () => {
    const service = makeAggregateService({ aggregates, digests, clock: tickingClock() });
    const stream = streamLog();
    const sid = `agg-${randomUUID()}`;
    await attendance.putSignIn(signInRecord(sid, 'u-1', 'sch-a', false, 'dev-1'), ix);
    const r1 = stream.emit(sid, 'u-1', 'INSERT');
    await attendance.putSignOut(sid, 'u-1', { signedOutAt: '2026-11-20T02:00:00.000Z', status: 'left_early', creditedHours: 1, updatedAt: new Date().toISOString() });
    const r2 = stream.emit(sid, 'u-1', 'MODIFY');
    // The batch [r1, r2] failed after r1 was read; its retry brings r2 before r1, the older record last.
    await service.applyStreamRecords([r2, r1], log);
    expect((await stored(sid)).total).toMatchObject({ leftEarly: 1, signedOut: 1, signedIn: 1, creditedHours: 1 });
    await service.applyStreamRecords([r1], log);
    expect(await stored(sid)).toEqual(await recount(sid));
  });

  it('keeps the counters of the computation that read last, whichever writes last', async () => {
    const clock = tickingClock();
    const service = makeAggregateService({ aggregates, digests, clock });
    const sid = `agg-${randomUUID()}`;
    await attendance.putSignIn(signInRecord(sid, 'u-1', 'sch-a', false, 'dev-1'), ix);
    // A slow computation reads now…
    const slowReadAt = clock.now().toISOString();
    const slow = countSession(sid, await aggregates.countedRecords(sid));
    // …a sign-in lands and a faster computation counts it…
    await attendance.putSignIn(signInRecord(sid, 'u-2', 'sch-a', false, 'dev-2'), ix);
    expect((await service.recomputeSession(sid)).outcome).toBe('written');
    // …and the slow one's write, arriving last, is refused.
    expect(await aggregates.putSessionCounts(slow, slowReadAt)).toBe('stale');
    expect((await stored(sid)).total.signedIn).toBe(2);
    expect(await stored(sid)).toEqual(await recount(sid));
  });

  it('keeps each school semester\'s digest equal to its items: a school whose records left gets an empty digest', async () => {
    const service = makeAggregateService({ aggregates, digests, clock: tickingClock() });
    const sid = `agg-${randomUUID()}`;
    const only = new Set([sid]);
    const semester = semesterOf(ix.sessionStartAt);
    await attendance.putSignIn(signInRecord(sid, 'u-1', 'sch-a', false, 'dev-1'), ix);
    await attendance.putSignIn(signInRecord(sid, 'u-2', 'sch-b', true, 'dev-2'), ix);
    await attendance.putSignIn(signInRecord(sid, 'u-3', undefined, false, 'dev-3'), ix);
    const first = await service.recomputeSession(sid);
    expect([...first.digests.keys()].sort()).toEqual([`SCHOOL#sch-a#${semester}`, `SCHOOL#sch-b#${semester}`]);
    expect((await schoolCredits('sch-a', semester, only)).digests).toEqual([
      { sessionId: sid, userId: 'u-1', kind: ix.sessionKind, startAt: ix.sessionStartAt, status: 'on_time', creditedHours: 2, signedInAt: '2026-11-20T01:05:00.000Z' },
    ]);
    // 东湖's only record is erased; a mark files u-1's record in the session's new semester.
    await ctx.db.send(new DeleteCommand({ TableName: ctx.table, Key: attendanceKey(sid, 'u-2') }));
    const u1 = (await attendance.getAttendance(sid, 'u-1'))!;
    await attendance.putManual({ ...u1, status: 'late', updatedAt: new Date().toISOString() }, movedIx, { at: new Date().toISOString(), by: 'u-organizer', action: 'status:late', reason: '测试' });
    const second = await service.recomputeSession(sid);
    expect([...second.digests.keys()]).toEqual([`SCHOOL#sch-a#${semesterOf(movedIx.sessionStartAt)}`]);
    expect((await schoolCredits('sch-b', semester, only)).digests).toEqual([]);
    expect((await schoolCredits('sch-a', semester, only)).digests).toEqual([]);
    await expectDigestsEqualItems(['sch-a', 'sch-b'], SEMESTERS, only);
    expect((await digests.getDigestState(sid))?.partitions).toHaveLength(3);
    // The stack's own stream poller, fed the same writes, lands on the same digests.
    await settleStreams();
    await expectDigestsEqualItems(['sch-a', 'sch-b'], SEMESTERS, only);
  });

  it('skips a poison record and counts the rest of its batch', async () => {
    const service = makeAggregateService({ aggregates, digests, clock: tickingClock() });
    const stream = streamLog();
    const sid = `agg-${randomUUID()}`;
    await attendance.putSignIn(signInRecord(sid, 'u-1', undefined, false, 'dev-1'), ix);
    const good = stream.emit(sid, 'u-1', 'INSERT');
    const poison = [{ eventID: 'p1', eventName: 'INSERT', dynamodb: { Keys: { PK: { N: '7' } } } }, { eventID: 'p2' }, 42, 'x'] as unknown as StreamRecord[];
    expect(await service.applyStreamRecords([...poison.slice(0, 2), good, ...poison.slice(2)], log)).toEqual({ batchItemFailures: [] });
    expect((await stored(sid)).bySchool['-']).toMatchObject({ signedIn: 1, records: 1 });
  });

  it('property: after random sign-ins, sign-outs, marks, closes, cancellations and erasures, every counter equals a recount', async () => {
    const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    const SCHOOL_OF: Record<string, string | undefined> = { u1: 'sch-a', u2: 'sch-a', u3: 'sch-b', u4: 'sch-b', u5: 'sch-c', u6: undefined };
    const STATUSES: AttendanceStatus[] = ['on_time', 'late', 'left_early', 'absent', 'excused'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('signIn' as const), s: fc.nat(2), u: fc.constantFrom(...USERS), late: fc.boolean(), device: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7') }),
      fc.record({ kind: fc.constant('signOut' as const), s: fc.nat(2), u: fc.constantFrom(...USERS), early: fc.boolean() }),
      fc.record({ kind: fc.constant('mark' as const), s: fc.nat(2), u: fc.constantFrom(...USERS), status: fc.constantFrom(...STATUSES), moved: fc.boolean() }),
      fc.record({ kind: fc.constant('observe' as const), s: fc.nat(2), u: fc.constantFrom(...USERS) }),
      fc.record({ kind: fc.constant('close' as const), s: fc.nat(2) }),
      fc.record({ kind: fc.constant('cancel' as const), s: fc.nat(2) }),
      fc.record({ kind: fc.constant('erase' as const), s: fc.nat(2), u: fc.constantFrom(...USERS) }),
      fc.record({ kind: fc.constant('deliver' as const), take: fc.nat(6), dup: fc.nat(3), seed: fc.nat() }),
      fc.record({ kind: fc.constant('slowRead' as const), s: fc.nat(2) }),
      fc.record({ kind: fc.constant('slowWrite' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.nat(), async (ops, finalSeed) => {
        const clock = tickingClock();
        const service = makeAggregateService({ aggregates, digests, clock });
        const stream = streamLog();
        const run = randomUUID().slice(0, 8);
        const sessions = [0, 1, 2].map((i) => `prop-${run}-${i}`);
        const cancelled = new Set<string>();
        const pending: StreamRecord[] = [];
        const delivered: StreamRecord[] = [];
        const slow: Array<{ counts: SessionCounts; readAt: string }> = [];
        const rand = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const shuffle = <T>(list: T[], next: () => number) => list.map((v) => [next(), v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
        const emit = (sid: string, uid: string, name: 'INSERT' | 'MODIFY' | 'REMOVE') => pending.push(stream.emit(sid, uid, name));

        for (const o of ops) {
          const sid = 's' in o ? sessions[o.s]! : '';
          if (sid && cancelled.has(sid) && o.kind !== 'slowRead') continue;
          switch (o.kind) {
            case 'signIn': {
              const out = await attendance.putSignIn(signInRecord(sid, o.u, SCHOOL_OF[o.u], o.late, o.device), ix);
              if (out.created) emit(sid, o.u, 'INSERT');
              break;
            }
            case 'signOut': {
              const out = await attendance.putSignOut(sid, o.u, {
                signedOutAt: '2026-11-20T02:30:00.000Z',
                status: o.early ? 'left_early' : 'on_time',
                creditedHours: o.early ? 1 : 2,
                updatedAt: new Date().toISOString(),
              });
              if (out.updated) emit(sid, o.u, 'MODIFY');
              break;
            }
            case 'mark': {
              const base = (await attendance.getAttendance(sid, o.u)) ?? { ...signInRecord(sid, o.u, SCHOOL_OF[o.u], false, 'dev-x'), signedInAt: undefined, status: 'absent' as const, method: 'manual' as const, deviceId: undefined };
              const { signedInAt: _s, deviceId: _d, ...fields } = base;
              const attended = o.status === 'on_time' || o.status === 'late' || o.status === 'left_early';
              await attendance.putManual(
                { ...fields, ...(base.signedInAt ? { signedInAt: base.signedInAt } : {}), status: o.status, creditedHours: attended ? 2 : 0, updatedAt: new Date().toISOString() },
                o.moved ? movedIx : ix,
                { at: new Date().toISOString(), by: 'u-organizer', action: `status:${o.status}`, reason: '属性测试' },
              );
              emit(sid, o.u, 'MODIFY');
              break;
            }
            case 'close': {
              for (const u of USERS) {
                const absent = { ...signInRecord(sid, u, SCHOOL_OF[u], false, ''), status: 'absent' as const, method: 'manual' as const, creditedHours: 0, closedAt: new Date().toISOString() };
                const { signedInAt: _s, deviceId: _d, ...record } = absent;
                if (await attendance.putAbsentIfMissing(record, ix)) emit(sid, u, 'INSERT');
                else {
                  await attendance.sealUnsigned(sid, u, new Date().toISOString());
                  emit(sid, u, 'MODIFY');
                }
              }
              break;
            }
            case 'observe': {
              // A scale 评课 marks the observer's signed-in record (observations.saveSessionObservation).
              const marked = await ctx.db
                .send(
                  new UpdateCommand({
                    TableName: ctx.table,
                    Key: attendanceKey(sid, o.u),
                    UpdateExpression: 'SET observationId = :oid',
                    ConditionExpression: 'attribute_exists(signedInAt)',
                    ExpressionAttributeValues: { ':oid': `obs-${sid}-${o.u}` },
                  }),
                )
                .then(() => true, () => false);
              if (marked) emit(sid, o.u, 'MODIFY');
              break;
            }
            case 'cancel':
              // Refused once the session has a record (sessions.cancel); cancelled, it takes no more.
              if (!(await attendance.hasRecords(sid))) cancelled.add(sid);
              break;
            case 'erase':
              await ctx.db.send(new DeleteCommand({ TableName: ctx.table, Key: attendanceKey(sid, o.u) }));
              emit(sid, o.u, 'REMOVE');
              break;
            case 'deliver': {
              const next = rand(o.seed);
              const fresh = pending.splice(0, o.take);
              const again = shuffle(delivered, next).slice(0, o.dup);
              await service.applyStreamRecords(shuffle([...fresh, ...again], next), log);
              delivered.push(...fresh);
              break;
            }
            case 'slowRead':
              slow.push({ readAt: clock.now().toISOString(), counts: countSession(sid, await aggregates.countedRecords(sid)) });
              break;
            case 'slowWrite': {
              const s = slow.shift();
              if (s) await aggregates.putSessionCounts(s.counts, s.readAt);
              break;
            }
          }
        }
        // The stream delivers every record at least once, in batches, some again; slow computations land late.
        const next = rand(finalSeed);
        const lateHalf = slow.splice(0, Math.ceil(slow.length / 2));
        for (const s of slow) await aggregates.putSessionCounts(s.counts, s.readAt);
        const rest = shuffle([...pending, ...delivered.slice(0, 3)], next);
        for (let i = 0; i < rest.length; i += 4) await service.applyStreamRecords(rest.slice(i, i + 4), log);
        for (const s of lateHalf) await aggregates.putSessionCounts(s.counts, s.readAt);
        for (const sid of sessions) expect(await stored(sid)).toEqual(await recount(sid));
        // Every school semester's digests hold exactly the records its GSI1 Query returns, marks filed elsewhere and
        // erasures included.
        await expectDigestsEqualItems(['sch-a', 'sch-b', 'sch-c'], SEMESTERS, new Set(sessions));
      }),
      { numRuns: 25 },
    );
    // 25 runs, each a few hundred requests: about 15 s alone, twice that beside other files on a shared machine.
  }, 120_000);

  it('rebuild-aggregates recomputes every session of a federation\'s semester from its items, the same on a second run', async () => {
    const semester = semesterOf(new Date());
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/src/admin/cli.ts', 'rebuild-aggregates', ...args, '--endpoint', stack().dynamoEndpoint, '--table', stack().tableName], {
        cwd: new URL('../..', import.meta.url).pathname,
      });
    const sessions = await makeSessionRepository(ctx).listAllSessionsOfFederation('fed-chengdong', semesterRange(semester));
    expect(sessions.length).toBeGreaterThan(0);
    const first = await cli('--federation', 'fed-chengdong', '--semester', semester);
    expect(first.stdout).toContain(`活动 ${sessions.length} 场`);
    const counted = await Promise.all(sessions.map((s) => stored(s.id)));
    for (const [i, s] of sessions.entries()) expect(counted[i], s.id).toEqual(await recount(s.id));
    expect(counted.some((c) => c.total.signedIn > 0)).toBe(true);
    expect(first.stdout).toMatch(/学校学期摘要 [1-9]\d* 份/);
    const schoolIds = [...new Set(counted.flatMap((c) => Object.keys(c.bySchool)))].filter((id) => id !== '-');
    await expectDigestsEqualItems(schoolIds, [semester], new Set(sessions.map((s) => s.id)));
    await cli('--federation', 'fed-chengdong', '--semester', semester);
    expect(await Promise.all(sessions.map((s) => stored(s.id)))).toEqual(counted);
    await expect(cli('--federation', 'fed-chengdong', '--semester', '2026-秋')).rejects.toMatchObject({ code: 2 });
    await expect(cli('--federation', 'fed-nowhere', '--semester', semester)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('不存在') });
  });
});
