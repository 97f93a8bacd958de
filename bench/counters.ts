import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../infra/src/local/dynamo-client.ts';
import { call, median, resetMetrics, round, routeCost, type StackChild } from './lib.ts';

// Issue 19: the venue display and the roster summary read the session's counters (`SESSION#<id>` / `COUNTS`, kept by
// the stream), so their cost is the same for a 1-person and a 10,000-person session. The records are written straight
// (BatchWrite, as the other sections seed), the stream poller counts them, then each read is metered.

const COUNTER_SESSION_SIZE = 10_000;

type Say = (line: string) => void;
type Record_ = (key: string, value: number) => void;

/** `count` attendance records of people outside the audience (so 未签到 stays the audience), 8 BatchWrites at a time. */
async function writeRecords(stack: StackChild, session: { id: string; startAt: string }, count: number) {
  const db = documentClient({ endpoint: stack.dynamoEndpoint });
  const at = new Date().toISOString();
  const items = Array.from({ length: count }, (_, i) => {
    const userId = `u-bench-counter-${i}`;
    const status = i % 10 === 0 ? 'late' : i % 17 === 0 ? 'excused' : 'on_time';
    return {
      PK: `SESSION#${session.id}`, SK: `ATT#${userId}`, GSI2PK: `USER#${userId}`, GSI2SK: `ATT#${session.startAt}#${session.id}`,
      type: 'attendance', kind: 'joint_research', sessionId: session.id, userId, name: `计数教师${i}`, status, method: 'qr',
      ...(status === 'excused' ? {} : { signedInAt: at }), deviceId: `dev-${i}`, flags: [], creditedHours: status === 'excused' ? 0 : 2, updatedAt: at,
    };
  });
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < chunks.length) {
        let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length) {
          const out = await db.send(new BatchWriteCommand({ RequestItems: { [stack.tableName]: requests } }));
          requests = (out.UnprocessedItems?.[stack.tableName] as typeof requests | undefined) ?? [];
        }
      }
    }),
  );
}

async function metered(stack: StackChild, route: string, rounds: number, read: () => Promise<number>) {
  await resetMetrics(stack);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    const status = await read();
    if (status !== 200) throw new Error(`${route}: ${status}`);
    times.push(performance.now() - t);
  }
  const cost = (await routeCost(stack, route))!;
  const per = (n: number) => round(n / cost.requests, 1);
  return { ms: round(median(times), 1), requests: per(cost.commandCount), getItems: per(cost.commands.GetItem ?? 0), queries: per(cost.commands.Query ?? 0), rcu: per(cost.readUnits) };
}

/** The display and the roster summary (`?summary=only`) of a 1-record and a 10,000-record session, metered. */
export async function counterFigures(stack: StackChild, organizer: string, record: Record_, say: Say) {
  // One demo school's teachers as the audience: what the display lists for 应到 is the same for both sessions.
  const now = Date.now();
  const body = (title: string) => ({
    kind: 'joint_research', mode: 'offline', title, hostSchoolId: 'sch-core', venue: { name: '报告厅' },
    startAt: new Date(now - 5 * 60_000).toISOString(), endAt: new Date(now + 3_600_000).toISOString(),
    creditHours: 2, audience: { type: 'schools', schoolIds: ['sch-east2'] }, geofence: 'off',
  });
  const figures: Record<number, { display: Awaited<ReturnType<typeof metered>>; summary: Awaited<ReturnType<typeof metered>> }> = {};
  for (const size of [1, COUNTER_SESSION_SIZE]) {
    const created = await call<{ id: string; startAt: string }>(stack.url, 'POST', '/v1/sessions', organizer, body(`计数器 ${size} 人`));
    await call(stack.url, 'POST', `/v1/sessions/${created.body.id}/publish`, organizer);
    const t0 = performance.now();
    await writeRecords(stack, created.body, size);
    const written = performance.now();
    await fetch(`${stack.url}/__local/streams`);
    if (size > 1) say(`  ${size} records written straight in ${round((written - t0) / 1000, 1)} s; the stream counted them ${round((performance.now() - written) / 1000, 1)} s later`);
    const key = (await call<{ key: string }>(stack.url, 'GET', `/v1/sessions/${created.body.id}/display-link`, organizer)).body.key;
    const display = await metered(stack, 'getDisplay', 5, async () => (await call(stack.url, 'GET', `/v1/display/${created.body.id}?key=${key}`)).status);
    const summary = await metered(stack, 'getAttendance', 5, async () => (await call(stack.url, 'GET', `/v1/sessions/${created.body.id}/attendance?summary=only`, organizer)).status);
    figures[size] = { display, summary };
    if (size > 1) {
      // The item path for comparison: the full roster reads every record (as the display and the summary did before).
      const full = await metered(stack, 'getAttendance', 3, async () => (await call(stack.url, 'GET', `/v1/sessions/${created.body.id}/attendance`, organizer)).status);
      say(`  the full roster (the item path, which the display and the summary took before): ${full.requests} DynamoDB requests (${full.queries} Queries), ${full.rcu} RCU, ${full.ms} ms median of 3`);
      record('counters.rosterFull10000.requests', full.requests);
      record('counters.rosterFull10000.rcu', full.rcu);
      record('counters.rosterFull10000.ms', full.ms);
    }
  }
  const small = figures[1]!;
  const large = figures[COUNTER_SESSION_SIZE]!;
  for (const [name, key] of [['display', 'display'], ['roster summary (?summary=only)', 'summary']] as const) {
    say(
      `  ${name}: ${large[key].requests} DynamoDB requests (${large[key].getItems} GetItems, one of them the counters; ${large[key].queries} Queries, the audience's; no Query of the records), ` +
        `${large[key].rcu} RCU, ${large[key].ms} ms median of 5 at ${COUNTER_SESSION_SIZE} records | at 1 record: ${small[key].requests} requests, ${small[key].rcu} RCU`,
    );
  }
  record('counters.display10000.requests', large.display.requests);
  record('counters.display10000.getItems', large.display.getItems);
  record('counters.display10000.extraRequests', large.display.requests - small.display.requests);
  record('counters.display10000.rcu', large.display.rcu);
  // What 10,000 records add to a read (the counters item's `userIds`), apart from the audience both sessions share,
  // which grows with the seeded teachers (SEED_SCALE) and not with the records.
  record('counters.display10000.extraRcu', round(large.display.rcu - small.display.rcu, 1));
  record('counters.display10000.ms', large.display.ms);
  record('counters.rosterSummary10000.requests', large.summary.requests);
  record('counters.rosterSummary10000.extraRequests', large.summary.requests - small.summary.requests);
  record('counters.rosterSummary10000.rcu', large.summary.rcu);
  record('counters.rosterSummary10000.ms', large.summary.ms);
}
