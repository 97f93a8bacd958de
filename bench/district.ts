import { documentClient } from '../infra/src/local/dynamo-client.ts';
import { DISTRICT_SCALE, districtFederationId, seedDistrict } from '../infra/src/seed/district.ts';
import { call, median, resetMetrics, round, routeCost, type StackChild } from './lib.ts';

// The issue's district (SEED_SCALE=district): the district report and one federation's report at 1× and after the
// semester's attendance doubles. Reports that read aggregates answer with the same requests at 2×; reports that read
// the attendance items grow with them.

interface Measured {
  ms: number;
  maxMs: number;
  requests: number;
  rcu: number;
  /** Calls that did not answer 200 (a report over the local server's 29 s, API Gateway's limit, answers 503). */
  failures: number;
}

/**
 * Median of 5 calls after one warm-up, and the DynamoDB requests and RCU per call (the stack's metering). A call that
 * fails is counted and its time kept: the time to the failure, a lower bound of what the answer would take.
 */
async function measure(stack: StackChild, token: string, path: string, route: string, say: (line: string) => void): Promise<Measured> {
  // A dropped connection is a failed call too (said, not thrown): the figures of the others still count.
  const attempt = () =>
    call(stack.url, 'GET', path, token).then(
      (res) => res.status,
      (error: unknown) => (say(`  ${path}: ${error instanceof Error ? error.message : String(error)}`), 0),
    );
  await attempt();
  await resetMetrics(stack);
  const times: number[] = [];
  let failures = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const status = await attempt();
    times.push(performance.now() - t);
    if (status !== 200) failures += 1;
  }
  const cost = (await routeCost(stack, route))!;
  const per = (n: number) => round(n / cost.requests, 1);
  return { ms: round(median(times), 1), maxMs: round(Math.max(...times), 1), requests: per(cost.commandCount), rcu: per(cost.readUnits), failures };
}

/** Until the stack's stream poller has handed every record so far to the aggregator (a settle gives up after 15 s: ask again). */
async function drainStream(stack: StackChild): Promise<number> {
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    await fetch(`${stack.url}/__local/streams`);
    if (performance.now() - t < 14_000) return (performance.now() - started) / 1000;
  }
}

/** The first read after a change: the report computed from the digests and items (and kept), its time and requests. */
async function measureComputed(stack: StackChild, token: string, path: string, route: string): Promise<{ ms: number; requests: number; ok: boolean }> {
  await resetMetrics(stack);
  const t = performance.now();
  const status = await call(stack.url, 'GET', path, token).then((res) => res.status, () => 0);
  const ms = round(performance.now() - t, 1);
  return { ms, requests: (await routeCost(stack, route))?.commandCount ?? 0, ok: status === 200 };
}

const failed = (m: Measured) => (m.failures ? ` — ${m.failures} of 5 calls did not answer 200 (time to the failure, requests sent until then)` : '');

export async function districtFigures(stack: StackChild, record: (key: string, value: number) => void, say: (line: string) => void) {
  const db = documentClient({ endpoint: stack.dynamoEndpoint });
  const ctx = { db, table: stack.tableName };
  const admin = (await call<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: 'district-admin' })).body.token;
  const federationPath = `/v1/reports/federations/${districtFederationId(0)}`;
  const rows: Array<{ factor: number; items: number; district: Measured; federation: Measured }> = [];
  for (const factor of [1, 2]) {
    const seeded = await seedDistrict(ctx, { factor });
    const rate = seeded.written / seeded.seconds;
    say(`  seeded ${factor === 1 ? `14 federations × ${DISTRICT_SCALE.schoolsPerFederation} schools × ${DISTRICT_SCALE.teachersPerSchool} teachers and ` : ''}${seeded.written} attendance items (semester now ${seeded.attendanceItems}) in ${round(seeded.seconds, 1)} s by BatchWriteItem (${Math.round(rate)} items/s)`);
    record(`district.seed${factor}x.items`, seeded.attendanceItems);
    record(`district.seed${factor}x.seconds`, round(seeded.seconds, 1));
    // The aggregator's share: the seed's records through the stream (counters, digests, report versions).
    const aggregated = await drainStream(stack);
    say(`  the stream aggregator caught up with them ${round(aggregated, 1)} s after the load`);
    record(`district.seed${factor}x.aggregateSeconds`, round(aggregated, 1));
    // After a change the first read computes each federation's report (and keeps it); the next ones read it kept.
    const computed = await measureComputed(stack, admin, '/v1/reports/district', 'getDistrictReport');
    say(`  first district report after the load (every federation computed from digests and items, then kept): ${computed.ms} ms, ${computed.requests} requests${computed.ok ? '' : ' — did not answer 200'}`);
    record(`district.computed${factor}x.ms`, computed.ms);
    record(`district.computed${factor}x.requests`, computed.requests);
    const district = await measure(stack, admin, '/v1/reports/district', 'getDistrictReport', say);
    const federation = await measure(stack, admin, federationPath, 'getFederationReport', say);
    rows.push({ factor, items: seeded.attendanceItems, district, federation });
    say(`  at ${factor}× (${seeded.attendanceItems} items), nothing changed since: district report ${district.ms} ms median of 5 (worst ${district.maxMs}), ${district.requests} requests, ${district.rcu} RCU${failed(district)} | one federation's report ${federation.ms} ms, ${federation.requests} requests, ${federation.rcu} RCU${failed(federation)}`);
  }
  db.destroy();
  const [one, two] = rows as [(typeof rows)[number], (typeof rows)[number]];
  record('district.report.items', one.items);
  record('district.report.ms', one.district.ms);
  record('district.report.requests', one.district.requests);
  record('district.report.rcu', one.district.rcu);
  record('district.report.ms2x', two.district.ms);
  record('district.report.requests2x', two.district.requests);
  record('district.report.rcu2x', two.district.rcu);
  record('district.report.failures', one.district.failures + two.district.failures);
  record('federation.report.failures', one.federation.failures + two.federation.failures);
  // A report cut off at 29 s sent fewer requests than it needed: no growth figure then (the failures budget says why).
  if (one.district.failures || two.district.failures) say('  district report requests at 2× against 1×: not measured, a report did not answer');
  else record('district.report.requestsAdded2x', round(two.district.requests - one.district.requests, 1));
  record('federation.report.ms', one.federation.ms);
  record('federation.report.requests', one.federation.requests);
  record('federation.report.rcu', one.federation.rcu);
  record('federation.report.ms2x', two.federation.ms);
  record('federation.report.requests2x', two.federation.requests);
  record('federation.report.rcu2x', two.federation.rcu);
}
