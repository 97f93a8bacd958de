import '../infra/src/local/quiet-sdk.ts';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { chromium } from 'playwright-core';
import { entryHours, schoolYearOf, semesterOf } from '@lianyan/shared';
import { makeArchiveRepository, type StoredEntry } from '@lianyan/functions/repositories/archive';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { documentClient } from '../infra/src/local/dynamo-client.ts';
import type { EndpointCost } from '../infra/src/local/metrics.ts';
import { REPORT_ADMIN_ACCOUNT, REPORT_FEDERATION_ID, REPORT_SCALE, scaleAccount, seedReportScale } from '../infra/src/seed/scale.ts';
import { makeTokenService } from '@lianyan/functions/lib/tokens';
import { seededRandom } from '../infra/src/local/faults.ts';
import { signInBurst } from '../tests/support/burst.ts';
import { call, load, median, qrToken, root, round, startStackChild, type Latencies, type StackChild } from './lib.ts';
import { webFigures } from './web.ts';
import { coverageFigures } from './observations.ts';
import { peopleListFigures } from './people.ts';
import { importFigures } from './imports.ts';
import { counterFigures } from './counters.ts';
import { streamLagFigures } from './stream-lag.ts';
import { districtFigures } from './district.ts';
import { inProcessSignInFigures } from './signin-inprocess.ts';

// `npm run bench` (full) or `npm run bench -- --short` (CI): figures, each beside its reference, checked against bench/budgets.json.
const short = process.argv.includes('--short');
// `--only=<section>` (signin, signin-inprocess, lag, cost, growth, report, counters, people, observations, imports, miniapp, lambda, faults, web, district) runs one section, for working on it.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
// Lighthouse (web) takes minutes and varies with the machine's load: only the full run and `--only=web` run it.
// The district (6–12 minutes of seeding 336,000 items and reading them) runs only with `--only=district`.
const runs = (section: string) => (only ? only === section : section !== 'district' && (section !== 'web' || !short));
const ownData = ['lambda', 'counters', 'web', 'people', 'observations', 'imports', 'miniapp', 'district', 'signin-inprocess'];
const scale = only && ownData.includes(only) ? 0 : short ? 400 : 2000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const results: Record<string, number> = {};
const notes: Record<string, string> = {};
const record = (key: string, value: number) => (results[key] = value);

function sessionBody(title: string, audience: unknown = { type: 'federation' }) {
  const now = Date.now();
  return {
    kind: 'joint_research', mode: 'offline', title, hostSchoolId: 'sch-core',
    venue: { name: '报告厅', lat: 30.2741, lng: 120.1551, radiusM: 300 },
    startAt: new Date(now - 5 * 60_000).toISOString(), endAt: new Date(now + 3_600_000).toISOString(),
    creditHours: 2, audience, geofence: 'off',
  };
}

async function newSession(stack: StackChild, organizer: string, title: string) {
  const created = await call<{ id: string }>(stack.url, 'POST', '/v1/sessions', organizer, sessionBody(title));
  await call(stack.url, 'POST', `/v1/sessions/${created.body.id}/publish`, organizer);
  return created.body.id;
}

const stackDb = (stack: StackChild) => documentClient({ endpoint: stack.dynamoEndpoint });

async function signInThroughput(stack: StackChild, organizer: string, tokens: string[]) {
  const db = stackDb(stack);
  let rawRun = 0;
  const signInRound = async (sessionId: string, people: string[], concurrency: number) =>
    load(
      people.map((token) => async () => {
        const res = await call(stack.url, 'POST', `/v1/sessions/${sessionId}/sign-ins`, token, {
          token: qrToken(stack.qrSecret, sessionId, 'in'), deviceId: randomUUID(), nonce: randomUUID(),
        });
        return res.status === 201;
      }),
      concurrency,
    );
  // The reference: the same item shape, with the same condition, straight to the same DynamoDB Local.
  const rawRound = async (count: number, concurrency: number) => {
    const rawSession = `bench-raw-${rawRun++}-${randomUUID().slice(0, 6)}`;
    return load(
      Array.from({ length: count }, (_, i) => async () => {
        const at = new Date().toISOString();
        await db.send(new PutCommand({
          TableName: stack.tableName,
          Item: {
            PK: `SESSION#${rawSession}`, SK: `ATT#u-${i}`, GSI1PK: 'SCHOOL#sch-core#2026-2027-1', GSI1SK: `ATT#${at}#${rawSession}#u-${i}`,
            GSI2PK: `USER#u-${i}`, GSI2SK: `ATT#${at}#${rawSession}`, type: 'attendance', kind: 'joint_research', sessionId: rawSession,
            userId: `u-${i}`, name: '教师', schoolId: 'sch-core', status: 'on_time', method: 'qr', signedInAt: at, deviceId: randomUUID(),
            flags: [], creditedHours: 0, updatedAt: at,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }));
        return true;
      }),
      concurrency,
    );
  };
  // Warm-up: the JVM behind DynamoDB Local and the handlers' first calls, counted nowhere.
  await rawRound(tokens.length, 50);
  await signInRound(await newSession(stack, organizer, '预热'), tokens, 50);

  // Paired rounds, A B A B…: every seeded person signs in to a fresh session each round, so a round is many
  // times the concurrency and ramp-up and tail weigh little; the ratio is taken pair by pair.
  const rounds = short ? 2 : 3;
  for (const concurrency of [50, 200]) {
    const pairs: Array<{ a: Latencies; b: Latencies }> = [];
    for (let r = 0; r < rounds; r++) {
      const sessionId = await newSession(stack, organizer, `吞吐测试 ${concurrency}-${r}`);
      const a = await signInRound(sessionId, tokens, concurrency);
      const b = await rawRound(tokens.length, concurrency);
      pairs.push({ a, b });
    }
    const ratio = median(pairs.map((p) => p.a.perSecond / p.b.perSecond));
    const a = { perSecond: median(pairs.map((p) => p.a.perSecond)), p50: median(pairs.map((p) => p.a.p50)), p95: median(pairs.map((p) => p.a.p95)), p99: median(pairs.map((p) => p.a.p99)) };
    const b = { perSecond: median(pairs.map((p) => p.b.perSecond)), p99: median(pairs.map((p) => p.b.p99)) };
    const errors = pairs.reduce((n, p) => n + p.a.errors, 0);
    say(`  sign-in @${concurrency}: ${a.perSecond}/s p50 ${a.p50} p95 ${a.p95} p99 ${a.p99} ms, errors ${errors} | raw PutItem ${b.perSecond}/s p99 ${b.p99} ms | ratio ${round(ratio, 2)} (median of ${rounds} paired rounds of ${tokens.length})`);
    record(`signin.c${concurrency}.perSecond`, a.perSecond);
    record(`signin.c${concurrency}.p50Ms`, a.p50);
    record(`signin.c${concurrency}.p95Ms`, a.p95);
    record(`signin.c${concurrency}.p99Ms`, a.p99);
    record(`signin.c${concurrency}.errors`, errors);
    record(`signin.c${concurrency}.rawPutPerSecond`, b.perSecond);
    record(`signin.c${concurrency}.ratio`, round(ratio, 2));
  }
  record('signin.ratio', Math.min(results['signin.c50.ratio']!, results['signin.c200.ratio']!));
}

async function costPerRequest(stack: StackChild, organizer: string, teacher: string) {
  const sessionId = await newSession(stack, organizer, '成本测试');
  const scan = (purpose: 'in' | 'out') => ({ token: qrToken(stack.qrSecret, sessionId, purpose), deviceId: randomUUID(), nonce: randomUUID() });
  // One fresh sign-in on a session no instance has cached: what the budget "1 read + 1 write" is about.
  await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
  await call(stack.url, 'POST', `/v1/sessions/${sessionId}/sign-ins`, teacher, scan('in'));
  const single = ((await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>).signIn!;
  record('cost.signIn.reads', (single.commands.GetItem ?? 0) + (single.commands.Query ?? 0) + (single.commands.BatchGetItem ?? 0));
  record('cost.signIn.writes', (single.commands.UpdateItem ?? 0) + (single.commands.PutItem ?? 0) + (single.commands.TransactWriteItems ?? 0));
  say(`  one fresh sign-in: ${results['cost.signIn.reads']} read + ${results['cost.signIn.writes']} write (${single.readUnits} RCU, ${single.writeUnits} WCU)`);
  await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
  const link = await call<{ key: string }>(stack.url, 'GET', `/v1/sessions/${sessionId}/display-link`, organizer);
  const script: Array<[string, string, string | undefined, unknown?]> = [
    ['GET', '/v1/health', undefined],
    ['GET', '/v1/me', teacher],
    ['GET', '/v1/me/sessions', teacher],
    ['GET', `/v1/sessions/${sessionId}`, teacher],
    ['POST', `/v1/sessions/${sessionId}/sign-ins`, teacher, scan('in')],
    ['POST', `/v1/sessions/${sessionId}/sign-outs`, teacher, scan('out')],
    ['GET', `/v1/sessions/${sessionId}/attendance`, organizer],
    ['GET', `/v1/display/${sessionId}?key=${link.body.key}`, undefined],
    ['GET', `/v1/sessions/${sessionId}/attendance?format=xlsx`, organizer],
  ];
  for (const [method, path, token, body] of script) await call(stack.url, method, path, token, body);
  const metrics = (await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>;
  say('  per request: route — commands (RCU / WCU)');
  let scans = 0;
  for (const [route, cost] of Object.entries(metrics).sort()) {
    const per = (n: number) => round(n / cost.requests, 2);
    const commands = Object.entries(cost.commands).map(([k, v]) => `${k}×${per(v)}`).join(' ') || '—';
    say(`    ${route.padEnd(18)} ${commands} (${per(cost.readUnits)} / ${per(cost.writeUnits)})`);
    scans += Object.entries(cost.commands).filter(([k]) => k.includes('Scan')).reduce((s, [, v]) => s + v, 0);
    record(`cost.${route}.commands`, per(Object.values(cost.commands).reduce((a, b) => a + b, 0)));
    record(`cost.${route}.rcu`, per(cost.readUnits));
    record(`cost.${route}.wcu`, per(cost.writeUnits));
  }
  record('cost.scans', scans);
}

async function growth(stack: StackChild, organizer: string) {
  const db = stackDb(stack);
  const attendance = makeAttendanceRepository({ db, table: stack.tableName });
  for (const size of short ? [100, 1000] : [100, 1000, 10000]) {
    const sessionId = await newSession(stack, organizer, `规模 ${size}`);
    const session = (await call<{ session: { startAt: string } }>(stack.url, 'GET', `/v1/sessions/${sessionId}`, organizer)).body.session;
    const people = Array.from({ length: size }, (_, i) => i);
    for (let i = 0; i < people.length; i += 50) {
      await Promise.all(people.slice(i, i + 50).map((n) => attendance.putSignIn(
        { sessionId, userId: `u-g${size}-${n}`, name: `教师${n}`, schoolId: 'sch-core', status: 'on_time', method: 'qr', signedInAt: session.startAt, deviceId: `d-${n}`, flags: [], creditedHours: 2, updatedAt: session.startAt },
        { sessionStartAt: session.startAt, sessionKind: 'joint_research' },
      )));
    }
    await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      await call(stack.url, 'GET', `/v1/sessions/${sessionId}/attendance?limit=200`, organizer);
      times.push(performance.now() - t);
    }
    const metrics = (await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>;
    const cost = metrics.getAttendance!;
    const queries = round((cost.commands.Query ?? 0) / cost.requests, 1);
    const myTimes: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      await call(stack.url, 'GET', '/v1/me/sessions', organizer);
      myTimes.push(performance.now() - t);
    }
    say(`  roster of ${size}: ${round(median(times), 1)} ms, ${queries} Queries, ${round(cost.readUnits / cost.requests, 1)} RCU per request | 我的活动 at this table size: ${round(median(myTimes), 1)} ms`);
    record(`growth.roster${size}.ms`, round(median(times), 1));
    record(`growth.roster${size}.queries`, queries);
    record(`growth.mySessions.table${size}.ms`, round(median(myTimes), 1));
  }
}

/** One teacher's archive at 100, 1,000 and 10,000 approved entries over five years: the summary's requests stay flat. */
async function archiveGrowth(stack: StackChild, login: (account: string) => Promise<string>) {
  const db = stackDb(stack);
  const archive = makeArchiveRepository({ db, table: stack.tableName });
  const sizes = short ? [100, 1000] : [100, 1000, 10000];
  for (const [n, size] of sizes.entries()) {
    const account = scaleAccount(scale - 1 - n);
    const userId = `u-${account}`;
    const kinds = ['training', 'award', 'lesson_observation'] as const;
    for (let i = 0; i < size; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, size - i) }, async (_, j) => {
        const k = i + j;
        const day = new Date(Date.UTC(2021, 8, 1) + Math.floor((k / size) * 5 * 365) * 86_400_000).toISOString().slice(0, 10);
        const instant = `${day}T12:00:00+08:00`;
        const kind = kinds[k % kinds.length]!;
        const input = kind === 'training'
          ? { kind, title: `培训 ${k}`, provider: '教师发展中心', hours: 2, date: day, evidence: [] }
          : kind === 'award'
            ? { kind, title: `奖项 ${k}`, level: 'school' as const, issuer: '学校', date: day, evidence: [] }
            : { kind, observedTeacher: '王老师', observedSchool: '实验小学', subject: '语文', grade: '三年级', rating: 4, comments: '教学目标明确，环节紧凑，学生参与度高，评价及时有效，值得学习借鉴。', date: day, evidence: [] };
        const entry = {
          ...input, id: `bench-${size}-${k}`, userId, schoolId: 'sch-core', status: 'pending', year: schoolYearOf(instant), semester: semesterOf(instant),
          hours: entryHours(input), evidenceFiles: [], createdAt: instant, updatedAt: instant,
        } as StoredEntry;
        await archive.createEntry(entry);
        await archive.reviewEntry(entry, { decision: 'approved', by: 'u-bench', at: instant }, instant);
      }));
    }
    const token = await login(account);
    await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
    const times: number[] = [];
    const listTimes: number[] = [];
    for (let r = 0; r < 5; r++) {
      let t = performance.now();
      await call(stack.url, 'GET', '/v1/archive/summary?year=2024-2025', token);
      times.push(performance.now() - t);
      t = performance.now();
      await call(stack.url, 'GET', '/v1/archive?year=2024-2025', token);
      listTimes.push(performance.now() - t);
    }
    const metrics = (await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>;
    const summary = metrics.getArchiveSummary!;
    const list = metrics.getArchive!;
    const perRequest = (c: EndpointCost) => round(Object.values(c.commands).reduce((a, b) => a + b, 0) / c.requests, 1);
    say(`  archive of ${size} entries: summary ${round(median(times), 1)} ms, ${perRequest(summary)} requests, ${round(summary.readUnits / summary.requests, 1)} RCU | one year's timeline (${Math.round(size / 5)} lines) ${round(median(listTimes), 1)} ms, ${perRequest(list)} requests`);
    record(`growth.archiveSummary${size}.ms`, round(median(times), 1));
    record(`growth.archiveSummary${size}.requests`, perRequest(summary));
    record(`growth.archiveYear${size}.ms`, round(median(listTimes), 1));
  }
}

/** The federation report at the issue's size: 5 schools × 200 teachers, 60 sessions × 200 attendees a semester. */
async function federationReport(stack: StackChild) {
  const db = stackDb(stack);
  const t0 = performance.now();
  const { items } = await seedReportScale({ db, table: stack.tableName }, REPORT_SCALE);
  say(`  seeded ${REPORT_SCALE.schools} schools × ${REPORT_SCALE.teachersPerSchool} teachers, ${REPORT_SCALE.sessionsPerSemester} sessions × ${REPORT_SCALE.attendeesPerSession} attendees in this semester and the previous one (${items} attendance items each) in ${round((performance.now() - t0) / 1000, 1)} s`);
  const admin = (await call<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: REPORT_ADMIN_ACCOUNT })).body.token;
  const path = `/v1/reports/federations/${REPORT_FEDERATION_ID}`;
  const warm = await call<{ summary: { attendance: { expected: number; excused: number } } }>(stack.url, 'GET', path, admin);
  if (warm.status !== 200) throw new Error(`federation report: ${warm.status}`);
  const counted = warm.body.summary.attendance.expected + warm.body.summary.attendance.excused;
  await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const res = await call(stack.url, 'GET', path, admin);
    if (res.status !== 200) throw new Error(`federation report: ${res.status}`);
    times.push(performance.now() - t);
  }
  const cost = ((await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>).getFederationReport!;
  const fileTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const res = await call(stack.url, 'GET', `${path}?format=xlsx`, admin);
    if (res.status !== 200) throw new Error(`federation report xlsx: ${res.status}`);
    fileTimes.push(performance.now() - t);
  }
  const per = (n: number) => round(n / cost.requests, 1);
  say(`  federation report over ${items} attendance items this semester (${counted} counted; records of cancelled sessions are not), and as many in the previous semester (read for the change): ${round(median(times), 1)} ms median of 5, worst ${round(Math.max(...times), 1)} ms; ${per(cost.commands.Query ?? 0)} Queries, ${per(cost.commands.BatchGetItem ?? 0)} BatchGets, ${per(cost.readUnits)} RCU per request | as XLSX with every teacher: ${round(median(fileTimes), 1)} ms`);
  record('growth.federationReport.items', items);
  record('growth.federationReport.counted', counted);
  record('growth.federationReport.ms', round(median(times), 1));
  record('growth.federationReport.maxMs', round(Math.max(...times), 1));
  record('growth.federationReport.queries', per(cost.commands.Query ?? 0));
  record('growth.federationReport.rcu', per(cost.readUnits));
  record('growth.federationReport.xlsxMs', round(median(fileTimes), 1));

  // 活动档案情况 over the same semester: the sessions, their record items, a COUNT of each finished session's roster.
  const statusPath = `/v1/federations/${REPORT_FEDERATION_ID}/records-status?semester=${semesterOf(new Date())}`;
  const first = await call<{ items: unknown[]; totals: { finished: number } }>(stack.url, 'GET', statusPath, admin);
  if (first.status !== 200) throw new Error(`records status: ${first.status}`);
  await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
  const statusTimes: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const res = await call(stack.url, 'GET', statusPath, admin);
    if (res.status !== 200) throw new Error(`records status: ${res.status}`);
    statusTimes.push(performance.now() - t);
  }
  const statusCost = ((await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>).getRecordsStatus!;
  const perStatus = (n: number) => round(n / statusCost.requests, 1);
  const statusRequests = perStatus(Object.values(statusCost.commands).reduce((sum, n) => sum + n, 0));
  say(`  活动档案情况 of the same semester (${first.body.items.length} sessions, ${first.body.totals.finished} finished): ${round(median(statusTimes), 1)} ms median of 5; ${statusRequests} DynamoDB requests: ${perStatus(statusCost.commands.Query ?? 0)} Queries, ${perStatus(statusCost.commands.BatchGetItem ?? 0)} BatchGets (record items and attendance counters together), ${perStatus(statusCost.readUnits)} RCU per request`);
  record('growth.recordsStatus.sessions', first.body.items.length);
  record('growth.recordsStatus.ms', round(median(statusTimes), 1));
  record('growth.recordsStatus.queries', perStatus(statusCost.commands.Query ?? 0));
  record('growth.recordsStatus.requests', statusRequests);
  record('growth.recordsStatus.rcu', perStatus(statusCost.readUnits));
}

/** A call retried while the faulty stack answers 503 (arranging the run, not measured). */
async function patiently<T>(base: string, method: string, path: string, token?: string, body?: unknown) {
  for (let i = 0; ; i++) {
    const res = await call<T>(base, method, path, token, body);
    if (res.status < 500 || i > 20) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The issue's large burst: 5,000+ people, 20% retrying or sending twice, 10% of DynamoDB calls failing. */
async function faultyBurst() {
  const people = short ? 1000 : 6000;
  const jwtSecret = randomUUID().repeat(2);
  const faulty = await startStackChild({ BENCH_FAULT_RATE: '0.1', BENCH_METER: '0', BENCH_JWT_SECRET: jwtSecret });
  try {
    const organizer = (await patiently<{ token: string }>(faulty.url, 'POST', '/v1/auth/dev', undefined, { account: 'organizer' })).body.token;
    const created = await patiently<{ id: string }>(faulty.url, 'POST', '/v1/sessions', organizer, sessionBody('故障下的签到'));
    await patiently(faulty.url, 'POST', `/v1/sessions/${created.body.id}/publish`, organizer);
    const tokens = makeTokenService({ issuer: 'lianyan-local', accessTtlSeconds: 3600, refreshTtlSeconds: 3600, getSecret: async () => jwtSecret });
    const schools = ['sch-core', 'sch-east2', 'sch-donghu', 'sch-qingshan'];
    const ids = Array.from({ length: people }, (_, i) => `u-fault-${i}`);
    const issued = await Promise.all(ids.map((userId, i) => tokens.issueAccessToken({ userId, name: `教师${i}`, roles: [{ role: 'teacher', scope: { schoolId: schools[i % 4]! } }] })));
    const result = await signInBurst({ url: faulty.url, sessionId: created.body.id, tokens: issued, qrSecret: faulty.qrSecret, retryShare: 0.2, concurrency: 64, random: seededRandom(5) });
    const roster: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await patiently<{ items: Array<{ userId: string }>; nextCursor?: string }>(
        faulty.url, 'GET', `/v1/sessions/${created.body.id}/attendance${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, organizer,
      );
      roster.push(...page.body.items.map((a) => a.userId));
      cursor = page.body.nextCursor;
    } while (cursor);
    const exact = roster.length === people && new Set(roster).size === people && ids.every((id) => roster.includes(id));
    say(`  ${people} people, ${result.requests} requests in ${result.seconds} s: ${result.created} created, ${result.repeats} answered as repeats, ${result.unavailable} × 503 retried after Retry-After`);
    say(`  roster ${roster.length} (${exact ? 'exactly the expected people' : 'NOT the expected set'}), ${result.violations.length} other 5xx or unexpected answers`);
    record('faults.people', people);
    record('faults.unavailable503', result.unavailable);
    record('faults.violations', result.violations.length);
    record('faults.rosterExact', exact ? 1 : 0);
    record('faults.seconds', result.seconds);
  } finally {
    await faulty.stop();
  }
}

/** Reads one entry of a zip (the function bundles). */
function unzipEntry(zip: Buffer, suffix: string): Buffer {
  const found = unzipSync(zip, { filter: (file) => file.name.endsWith(suffix) });
  const [data] = Object.values(found);
  if (!data) throw new Error(`${suffix} not in zip`);
  return Buffer.from(data);
}

const functionGroups = createRequire(import.meta.url)('../infra/serverless/function-groups.cjs') as {
  httpFunctions: () => Array<{ name: string; entry: boolean }>;
  functionOf: () => Record<string, string>;
};

function lambdaFigures() {
  const dir = join(root, '.serverless');
  if (!existsSync(dir)) {
    say('  packaging the functions (serverless package)…');
    spawnSync('npx', ['serverless', 'package', '--stage', 'ci', '--region', 'cn-north-1'], { cwd: root, stdio: 'ignore' });
  }
  // CloudFormation refuses a stack of over 500 resources (tests/package/stack-size.test.ts keeps it under 400).
  const template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, unknown> };
  record('stack.resources', Object.keys(template.Resources).length);
  const zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));
  const kb = (f: string) => statSync(join(dir, f)).size / 1024;
  const sizes = zips.map(kb);
  // Functions that serve several routes (infra/serverless/function-groups.cjs) carry several handlers; the others one.
  const shared = new Set(functionGroups.httpFunctions().filter((f) => f.entry).map((f) => `${f.name}.zip`));
  record('lambda.functions', zips.length);
  record('lambda.zipKB.max', round(Math.max(...zips.filter((z) => !shared.has(z)).map(kb)), 1));
  record('lambda.zipKB.sharedMax', round(Math.max(...zips.filter((z) => shared.has(z)).map(kb)), 1));
  record('lambda.zipKB.signIn', round(kb('signIn.zip'), 1));
  record('lambda.zipKB.median', round(median(sizes), 1));
  // Inside the repo, so the bundles find the AWS SDK the way the Lambda runtime provides it.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const tmp = mkdtempSync(join(root, 'node_modules/.cache/lianyan-bench-'));
  const quick = ['health', 'signIn', 'getAttendance', 'me'].map((route) => `${functionGroups.functionOf()[route]}.zip`);
  const measured = short ? zips.filter((z) => quick.includes(z)) : zips;
  const inits: number[] = [];
  const sharedInits: number[] = [];
  for (const zip of measured) {
    const file = join(tmp, zip.replace('.zip', '.js'));
    writeFileSync(file, unzipEntry(readFileSync(join(dir, zip)), '.js'));
    const runs: number[] = [];
    for (let r = 0; r < 10; r++) {
      const out = spawnSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`], {
        env: { PATH: process.env.PATH, STAGE: 'bench', TABLE_NAME: 't', JWT_SECRET: 'j'.repeat(40), QR_SECRET: 'q'.repeat(40), AWS_REGION: 'cn-north-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        encoding: 'utf8',
      });
      const ms = Number(out.stdout);
      if (out.status !== 0 || !(ms > 0)) throw new Error(`cold init of ${zip} failed: ${out.stderr.slice(0, 500)}`);
      runs.push(ms);
    }
    inits.push(median(runs));
    if (shared.has(zip)) sharedInits.push(median(runs));
  }
  rmSync(tmp, { recursive: true, force: true });
  if (sharedInits.length) record('lambda.coldInitMs.sharedMax', round(Math.max(...sharedInits), 1));
  say(`  ${zips.length} bundles (${shared.size} serving several routes, largest ${results['lambda.zipKB.sharedMax']} KB; signIn ${results['lambda.zipKB.signIn']} KB); ${results['stack.resources']} resources in the template`);
  say(`  zip median ${results['lambda.zipKB.median']} KB, max of one-route functions and jobs ${results['lambda.zipKB.max']} KB; cold init (fresh node importing the bundle, median of 10) ${round(median(inits), 1)} ms median, ${round(Math.max(...inits), 1)} ms worst of ${measured.length}`);
  record('lambda.coldInitMs.median', round(median(inits), 1));
  record('lambda.coldInitMs.max', round(Math.max(...inits), 1));
}

function dirSize(dir: string, skip: (p: string) => boolean = () => false): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (!skip(p)) total += e.isDirectory() ? dirSize(p, skip) : statSync(p).size;
  }
  return total;
}

async function miniappFigures(stack: StackChild) {
  for (const platform of ['weapp', 'dd']) {
    const dir = join(root, 'miniapp/dist', platform);
    if (!existsSync(dir)) {
      notes[`miniapp.${platform}`] = `not built: run npm run build:${platform}`;
      continue;
    }
    record(`miniapp.${platform}.mainKB`, round(dirSize(dir, (p) => p.startsWith(join(dir, 'packages'))) / 1024, 1));
    record(`miniapp.${platform}.totalKB`, round(dirSize(dir) / 1024, 1));
  }
  // What WeChat's own compiler made of dist/weapp (`npm run check:weapp`, strict settings): main and each sub-package.
  const weappCheck = join(root, 'miniapp/dist/weapp-check.json');
  if (existsSync(weappCheck)) {
    const check = JSON.parse(readFileSync(weappCheck, 'utf8')) as { sizes: { main: number; packages: Record<string, number> } };
    record('miniapp.weapp.compiled.mainKB', round(check.sizes.main / 1024, 1));
    for (const [name, bytes] of Object.entries(check.sizes.packages)) record(`miniapp.weapp.compiled.${name.replace(/^packages\//, '')}KB`, round(bytes / 1024, 1));
    record('miniapp.weapp.compiled.maxSubpackageKB', round(Math.max(0, ...Object.values(check.sizes.packages)) / 1024, 1));
  } else notes['miniapp.weapp.compiled'] = 'not compiled: run npm run check:weapp';
  say(`  weapp compiled by WeChat's compiler: main ${results['miniapp.weapp.compiled.mainKB'] ?? '—'} KB, largest sub-package ${results['miniapp.weapp.compiled.maxSubpackageKB'] ?? '—'} KB`);
  if (!existsSync(join(root, 'miniapp/dist/h5/index.html'))) {
    notes['miniapp.h5'] = 'not built: run npm run build:h5';
    return;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const loads: number[] = [];
  let jsBytes = 0;
  for (let r = 0; r < 5; r++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', async (res) => {
      if (res.url().endsWith('.js')) bytes += (await res.body().catch(() => Buffer.alloc(0))).length;
    });
    const t = performance.now();
    await page.goto(`${stack.url}/`);
    await page.getByTestId('guest').waitFor({ timeout: 20_000 });
    loads.push(performance.now() - t);
    jsBytes = bytes;
    await context.close();
  }
  await browser.close();
  record('miniapp.h5.firstScreenJsKB', round(jsBytes / 1024, 1));
  record('miniapp.h5.firstScreenMs', round(median(loads), 1));
  say(`  weapp main ${results['miniapp.weapp.mainKB']} KB of ${results['miniapp.weapp.totalKB']} KB; dd main ${results['miniapp.dd.mainKB']} KB; H5 first screen ${results['miniapp.h5.firstScreenJsKB']} KB of JS, ${results['miniapp.h5.firstScreenMs']} ms (median of 5)`);
}

function checkBudgets(): string[] {
  const budgets = JSON.parse(readFileSync(join(root, 'bench/budgets.json'), 'utf8')) as Record<string, { min?: number; max?: number; why?: string; timing?: boolean }>;
  const broken: string[] = [];
  say('\nBudgets');
  for (const [key, budget] of Object.entries(budgets)) {
    const value = results[key];
    if (value === undefined) {
      say(`  ?  ${key}: not measured`);
      continue;
    }
    const ok = (budget.min === undefined || value >= budget.min) && (budget.max === undefined || value <= budget.max);
    const limit = budget.min !== undefined ? `≥ ${budget.min}` : `≤ ${budget.max}`;
    // The short run (CI) checks counts and sizes; speed is judged by the full run on a quiet machine.
    if (short && budget.timing) {
      say(`  ~   ${key} = ${value} (budget ${limit}; a timing, checked by the full run only)`);
      continue;
    }
    say(`  ${ok ? 'ok' : 'BROKEN'}  ${key} = ${value} (budget ${limit})`);
    if (!ok) broken.push(key);
  }
  return broken;
}

say(`Lianyan benchmarks (${short ? 'short' : 'full'}): node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
const started = performance.now();
const stack = await startStackChild({ SEED_SCALE: String(scale), WEB_ROOT: join(root, 'miniapp/dist/h5') });
try {
  say(`Stack ready (SEED_SCALE=${scale}) in ${round((performance.now() - started) / 1000, 1)} s`);
  const login = async (account: string) => (await call<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account })).body.token;
  const organizer = await login('organizer');
  const teacher = await login('core-teacher-1');
  const people = runs('signin') || runs('lag') ? await Promise.all(Array.from({ length: scale }, (_, i) => login(scaleAccount(i)))) : [];

  if (runs('signin')) {
    say('\n1. Sign-in throughput through the local HTTP server, beside raw conditional PutItem on the same DynamoDB Local');
    await signInThroughput(stack, organizer, people);
  }
  if (runs('lag')) {
    say('\n14. Aggregator lag: the session counters behind a sign-in burst (the stack reads the table stream)');
    await streamLagFigures(stack, await newSession(stack, organizer, '统计延迟测试'), people, record, say);
  }
  if (runs('signin-inprocess')) {
    say('\n1b. Sign-in in process: the signIn function\'s handler invoked with API Gateway v2 events, beside raw conditional PutItem, one process');
    await inProcessSignInFigures(stack, short, record, say);
  }
  if (runs('cost')) {
    say('\n2. DynamoDB cost per request (scripted scenario)');
    await costPerRequest(stack, organizer, teacher);
  }
  if (runs('growth') || runs('report')) say('\n3. Growth with data');
  if (runs('growth')) {
    await growth(stack, organizer);
    await archiveGrowth(stack, login);
  }
  if (runs('report')) await federationReport(stack);
  if (runs('counters')) {
    say('\n13. The display and the roster summary from the session counters (issue 19)');
    await counterFigures(stack, organizer, record, say);
  }
  if (runs('district')) {
    say('\n12. The district: 14 federations, a semester of 168,000 attendance items, then twice as many');
    await districtFigures(stack, record, say);
  }
  if (runs('people')) {
    say('\n8. 教师名册 of a 2,000-teacher federation, page by page');
    await peopleListFigures(stack, record, say);
  }
  if (runs('observations')) {
    say('\n10. 听评课覆盖 of a 200-teacher school');
    await coverageFigures(stack, record, say);
  }
  if (runs('imports')) {
    say('\n9. 教师名册导入: 2,000 teachers from one file');
    await importFigures(stack, record, say);
  }
  if (runs('miniapp')) {
    say('\n5. Mini-program');
    await miniappFigures(stack);
  }
  if (runs('web')) {
    say('\n7. The web side through Lighthouse (mobile, simulated slow 4G)');
    await webFigures(stack, record, say, await newSession(stack, organizer, '网页测速'));
  }
} finally {
  await stack.stop();
}
if (runs('faults')) {
  say('\n6. Sign-ins while 10% of DynamoDB calls fail');
  await faultyBurst();
}
// Measured with the stack stopped, so DynamoDB Local's JVM takes no CPU from the fresh processes.
if (runs('lambda')) {
  say('\n4. Lambda bundles');
  lambdaFigures();
}
// One section's run updates its own figures and keeps the others'.
const previous = only && existsSync(join(root, 'bench/results.json'))
  ? (JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8')) as { at: string; mode: string; scale: number; results: Record<string, number>; notes: Record<string, string> })
  : undefined;
const written = previous
  ? { ...previous, results: { ...previous.results, ...results }, notes: { ...previous.notes, ...notes }, [`at.${only}`]: new Date().toISOString() }
  : { at: new Date().toISOString(), mode: short ? 'short' : 'full', scale, results, notes };
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(written, null, 2)}\n`);
const broken = checkBudgets();
say(`\n${broken.length ? `${broken.length} budget(s) broken: ${broken.join(', ')}` : 'All budgets met.'} Results in bench/results.json.`);
process.exit(broken.length ? 1 : 0);
