import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { semesterOf, type DisplayView, type RecordsStatus, type Roster, type Session } from '@lianyan/shared';
import { makeAggregateRepository } from '@lianyan/functions/repositories/aggregates';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeExchangeRepository } from '@lianyan/functions/repositories/exchanges';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeRateLimitRepository } from '@lianyan/functions/repositories/rate-limits';
import { makeRecordRepository } from '@lianyan/functions/repositories/records';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { latestSignIns } from '@lianyan/functions/services/aggregates';
import { makeAccessPolicy } from '@lianyan/functions/services/access';
import { makeAudienceResolver } from '@lianyan/functions/services/audience';
import { makeRecordsStatusService } from '@lianyan/functions/services/records-status';
import { makeRosterService } from '@lianyan/functions/services/roster';
import { makeSignInService } from '@lianyan/functions/services/sign-in';
import { api, devLogin, settleStreams, stack } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// Issue 19: the display, the roster summary (`?summary=only`) and 活动档案情况 read the session's counters
// (`SESSION#<id>` / `COUNTS`, kept by the stream) — and say exactly what the item-reading path says.

const MIN = 60_000;

async function signIn(account: string, sessionId: string, organizerToken: string, extra: Record<string, unknown> = {}) {
  const { token } = await devLogin(account);
  // At the venue, so the only flags are those the test arranges.
  const body = scan((await currentQr(sessionId, organizerToken)).token, { location: { lat: 30.2742, lng: 120.1552 }, ...extra });
  const res = await api('POST', `/v1/sessions/${sessionId}/sign-ins`, { token, body });
  expect(res.status).toBe(201);
  return token;
}

async function mark(sessionId: string, userId: string, status: string, organizerToken: string) {
  const res = await api('PUT', `/v1/sessions/${sessionId}/attendance/${userId}`, { token: organizerToken, body: { status, reason: '组织者核对' } });
  expect(res.status).toBe(200);
}

async function rosterOf(sessionId: string, token: string, query = '') {
  const res = await api<Roster>('GET', `/v1/sessions/${sessionId}/attendance${query}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

/** The item path (the whole roster, counted from its records) against the counters' path, and the display. */
async function expectSameFigures(sessionId: string, organizerToken: string, displayPath?: string) {
  // The roster route serves the organizer's live list, so the local server does not hold it for the stream: wait here.
  await settleStreams();
  const full = await rosterOf(sessionId, organizerToken, '?include=missing');
  const only = await rosterOf(sessionId, organizerToken, '?summary=only&include=missing');
  expect(only.items).toEqual([]);
  expect(only.summary).toEqual(full.summary);
  expect(only.missing).toEqual(full.missing);
  expect((await rosterOf(sessionId, organizerToken, '?summary=only')).missing).toBeUndefined();
  if (displayPath) {
    const display = await api<DisplayView>('GET', displayPath);
    expect(display.status).toBe(200);
    expect(display.body.summary).toEqual(full.summary);
    const latest = latestSignIns(full.items.map((i) => ({ name: i.name, status: i.status, ...(i.signedInAt ? { signedInAt: i.signedInAt } : {}) })));
    expect(display.body.latest).toEqual(latest);
  }
  return full;
}

describe('the display and the roster summary from the counters', () => {
  it('give the figures the records give, through sign-ins, a shared device, marks, a sign-out and the close', async () => {
    const { session, organizerToken } = await publishedSession({ title: '计数器测试' });
    const link = await api<{ key: string }>('GET', `/v1/sessions/${session.id}/display-link`, { token: organizerToken });
    const displayPath = `/v1/display/${session.id}?key=${link.body.key}`;

    // Before any record: no counters, zero counts, the whole audience 未签到.
    const empty = await expectSameFigures(session.id, organizerToken, displayPath);
    expect(empty.summary).toMatchObject({ signedIn: 0, expected: empty.missing?.length });
    expect(empty.summary.expected).toBeGreaterThan(20);

    const shared = `dev-${randomUUID()}`;
    await signIn('core-teacher-1', session.id, organizerToken, { deviceId: shared });
    await signIn('east2-teacher-2', session.id, organizerToken, { deviceId: shared });
    const leaving = await signIn('donghu-teacher-3', session.id, organizerToken);
    await signIn('qingshan-teacher-4', session.id, organizerToken);
    let full = await expectSameFigures(session.id, organizerToken, displayPath);
    expect(full.summary).toMatchObject({ signedIn: 4, flagged: 2 });

    await mark(session.id, 'u-core-teacher-5', 'excused', organizerToken);
    await mark(session.id, 'u-east2-teacher-2', 'late', organizerToken);
    await mark(session.id, 'u-core-teacher-6', 'on_time', organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-outs`, { token: leaving, body: scan((await currentQr(session.id, organizerToken, 'out')).token) })).status).toBe(201);
    full = await expectSameFigures(session.id, organizerToken, displayPath);
    // Six records, one of them excused, and the audience members without one.
    expect(full.summary).toMatchObject({ signedIn: 5, late: 1, excused: 1, signedOut: 1, leftEarly: 1, expected: 6 - 1 + (full.missing?.length ?? 0) });

    // Closed: every audience member has a record, 应到 = attended + absent; the display is gone.
    expect((await api('POST', `/v1/sessions/${session.id}/close`, { token: organizerToken })).status).toBe(200);
    full = await expectSameFigures(session.id, organizerToken);
    expect(full.summary.expected).toBe(full.summary.signedIn + full.summary.absent);
    expect((await api('GET', displayPath)).status).toBe(410);
  });
});

describe('活动档案情况 from the counters', () => {
  it('counts the records with a sign-in time of each finished session, as the COUNT of its roster did', async () => {
    const now = Date.now();
    const finished = await publishedSession({ title: '计数器档案', startAt: new Date(now - 60 * MIN).toISOString(), endAt: new Date(now - MIN).toISOString() });
    const fid = finished.session.id;
    await signIn('core-teacher-1', fid, finished.organizerToken);
    await signIn('east2-teacher-3', fid, finished.organizerToken);
    await signIn('donghu-teacher-2', fid, finished.organizerToken);
    // A record with a sign-in time marked absent still counts; a hand-marked 出席 without one does not.
    await mark(fid, 'u-donghu-teacher-2', 'absent', finished.organizerToken);
    await mark(fid, 'u-core-teacher-6', 'on_time', finished.organizerToken);
    const { token } = await devLogin('fed-admin');
    const status = await api<RecordsStatus>('GET', `/v1/federations/fed-chengdong/records-status?semester=${semesterOf(new Date())}`, { token });
    expect(status.status).toBe(200);
    const attendance = makeAttendanceRepository(testTable());
    const finishedItems = status.body.items.filter((i) => i.finished);
    expect(finishedItems.find((i) => i.sessionId === fid)?.signedIn).toBe(3);
    for (const item of finishedItems) expect(item.signedIn, item.title).toBe(await attendance.countSignedIn(item.sessionId));
  });
});

/** A document client on the stack's table recording every DynamoDB command it sends, with its key or partition. */
function recordingTable() {
  const ctx = testTable();
  const sent: string[] = [];
  ctx.db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { PK?: string; SK?: string }; ExpressionAttributeValues?: Record<string, unknown> };
      const key = input.Key ? `${input.Key.PK}/${input.Key.SK}` : String(input.ExpressionAttributeValues?.[':pk'] ?? '');
      sent.push(`${String(context.commandName)} ${key}`);
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return { ctx, sent };
}

/** The display built in process on the stack's table, its commands recorded. */
function instrumentedDisplay() {
  const { ctx, sent } = recordingTable();
  const sessions = makeSessionRepository(ctx);
  const users = makeUserRepository(ctx);
  const federations = makeFederationRepository(ctx);
  const signInService = makeSignInService({
    sessions,
    attendance: makeAttendanceRepository(ctx),
    rateLimits: makeRateLimitRepository(ctx),
    clock: { now: () => new Date() },
    settings: { getQrSecret: async () => stack().qrSecret, clockMarginMs: 5000, replayLimitMs: 86_400_000, sessionCacheMs: 0, failureLimit: 3, failureWindowMs: 60_000 },
  });
  const roster = makeRosterService({
    sessions,
    attendance: makeAttendanceRepository(ctx),
    federations,
    sessionService: {} as never,
    signIn: signInService,
    audience: makeAudienceResolver({ federations, users, exchanges: makeExchangeRepository(ctx) }),
    reach: {} as never,
    clock: { now: () => new Date() },
    aggregates: makeAggregateRepository(ctx),
  });
  return { sent, roster };
}

/** `count` records written straight (25 to a BatchWrite), as the bench does: people outside the audience, so 未签到 stays the audience. */
async function writeRecords(session: Session, count: number) {
  const { db, table } = testTable();
  const at = new Date().toISOString();
  const items = Array.from({ length: count }, (_, i) => {
    const userId = `u-counter-${session.id}-${i}`;
    const status = i % 10 === 0 ? 'late' : i % 17 === 0 ? 'excused' : 'on_time';
    return {
      PK: `SESSION#${session.id}`, SK: `ATT#${userId}`, GSI2PK: `USER#${userId}`, GSI2SK: `ATT#${session.startAt}#${session.id}`,
      type: 'attendance', kind: session.kind, sessionId: session.id, userId, name: `教师${i}`, status, method: 'qr',
      ...(status === 'excused' ? {} : { signedInAt: at }), flags: [], creditedHours: status === 'excused' ? 0 : 2, updatedAt: at,
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await db.send(new BatchWriteCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

describe('the cost of the display', () => {
  it('is the same commands for a 1-person and a 300-person session: one GetItem of the counters, no Query of the records', async () => {
    const { sent, roster } = instrumentedDisplay();
    const costs: string[][] = [];
    for (const size of [1, 300]) {
      const { session, organizerToken } = await publishedSession({ title: `显示成本 ${size}` });
      await writeRecords(session, size);
      await settleStreams();
      const key = (await api<{ key: string }>('GET', `/v1/sessions/${session.id}/display-link`, { token: organizerToken })).body.key;
      sent.length = 0;
      const view = await roster.display(session.id, key, 'in', 'http://localhost');
      // The figures are the item path's (the full roster over HTTP).
      expect(view.summary).toEqual((await rosterOf(session.id, organizerToken)).summary);
      expect(view.summary.signedIn).toBe(size - Math.floor((size - 1) / 17) + Math.floor((size - 1) / 170));
      costs.push(sent.map((c) => c.replace(session.id, '<id>')));
    }
    expect(costs[0]).toEqual(costs[1]);
    expect(costs[1]!.filter((c) => c === 'GetItemCommand SESSION#<id>/COUNTS')).toHaveLength(1);
    expect(costs[1]!.filter((c) => c.startsWith('QueryCommand SESSION#'))).toEqual([]);
    // Besides: the session, and the audience 应到 rests on (its schools' teachers, exchanges, profiles).
    expect(costs[1]![0]).toBe('GetItemCommand SESSION#<id>/META');
  });
});

describe('the cost of 活动档案情况', () => {
  it('reads every session’s counters in the BatchGets of its record items: no Query of any roster, the same commands with more people', async () => {
    const { ctx, sent } = recordingTable();
    const federations = makeFederationRepository(ctx);
    const service = makeRecordsStatusService({
      sessions: makeSessionRepository(ctx),
      attendance: makeAttendanceRepository(ctx),
      records: makeRecordRepository(ctx),
      federations,
      access: makeAccessPolicy(federations),
      clock: { now: () => new Date() },
    });
    const admin = { userId: 'u-fed-admin', roles: [{ role: 'federationAdmin' as const, scope: { federationId: 'fed-chengdong' } }] };
    const query = { semester: semesterOf(new Date()) };
    const now = Date.now();
    const { session } = await publishedSession({ title: '档案成本', startAt: new Date(now - 60 * MIN).toISOString(), endAt: new Date(now - MIN).toISOString() });
    await settleStreams();
    // Other files may add sessions to the federation meanwhile: BatchGets follow the sessions, nothing follows the people.
    const costOf = (status: RecordsStatus) => {
      const batches = Math.ceil((2 * status.items.length + status.items.filter((i) => i.finished).length) / 100);
      expect(sent.filter((c) => c.startsWith('BatchGetItemCommand'))).toHaveLength(batches);
      expect(sent.filter((c) => c.startsWith('QueryCommand SESSION#'))).toEqual([]);
      return sent.filter((c) => !c.startsWith('BatchGetItemCommand'));
    };
    sent.length = 0;
    const before = await service.get(admin as never, 'fed-chengdong', query);
    const commands = costOf(before);
    await writeRecords(session, 300);
    await settleStreams();
    sent.length = 0;
    const after = await service.get(admin as never, 'fed-chengdong', query);
    expect(costOf(after)).toEqual(commands);
    expect(commands).toHaveLength(3);
    expect(before.items.find((i) => i.sessionId === session.id)?.signedIn).toBe(0);
    expect(after.items.find((i) => i.sessionId === session.id)?.signedIn).toBe(300 - Math.floor(299 / 17) + Math.floor(299 / 170));
  });
});
