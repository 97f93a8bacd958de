import '../infra/src/local/quiet-sdk.ts';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Attendance, Session } from '@lianyan/shared';
import { db } from '@lianyan/functions/clients';
import type { LambdaHandler } from '@lianyan/functions/lib/http';
import { makeTokenService } from '@lianyan/functions/lib/tokens';
import { attendanceItem, makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { routes } from '@lianyan/functions/routes';
import { DEMO_FEDERATION_ID, DEMO_SCHOOLS } from '../infra/src/seed/demo.ts';
import { apiGatewayEvent, lambdaContext } from '../tests/support/inproc.ts';
import { load, median, qrToken, round, type Latencies } from './lib.ts';

// The in-process sign-in bench's own process (started by bench/signin-inprocess.ts, environment as a Lambda's:
// STAGE, TABLE_NAME, DYNAMODB_ENDPOINT, JWT_SECRET, QR_SECRET). Paired rounds, alternating: (a) the signIn
// function's exported handler invoked with API Gateway v2 events, no HTTP server; (b) the same item shape by a raw
// conditional PutItem on the handlers' own client. One JSON line (RESULT …) on stdout.

const env = (name: string) => process.env[name] ?? '';
const people = Number(env('BENCH_SIGNIN_PEOPLE'));
const rounds = Number(env('BENCH_SIGNIN_ROUNDS'));
const concurrencies = env('BENCH_SIGNIN_CONCURRENCY').split(',').map(Number);
const table = env('TABLE_NAME');
const ctx = { db, table };
const sessions = makeSessionRepository(ctx);
const attendance = makeAttendanceRepository(ctx);
const say = (line: string) => process.stdout.write(`SAY ${line}\n`);

// The signIn function's handler module, as infra/serverless/function-groups.cjs deploys it (its own function).
const groups = createRequire(import.meta.url)('../infra/serverless/function-groups.cjs') as {
  httpFunctions: () => Array<{ name: string; entry: boolean; routes: Array<{ name: string; handler: string }> }>;
};
const signInFunction = groups.httpFunctions().find((f) => f.routes.some((r) => r.name === 'signIn'))!;
const handlerModule = signInFunction.entry ? `../functions/src/entries/${signInFunction.name}.ts` : `@lianyan/functions/handlers/${signInFunction.routes[0]!.handler}`;
const { handler } = (await import(handlerModule)) as { handler: LambdaHandler };
const route = routes.find((r) => r.name === 'signIn')!;

const tokens = makeTokenService({ issuer: `lianyan-${env('STAGE')}`, accessTtlSeconds: 3600, refreshTtlSeconds: 3600, getSecret: async () => env('JWT_SECRET') });
const teachers = Array.from({ length: people }, (_, i) => ({ userId: `u-inproc-${i}`, name: `教师${i}`, schoolId: DEMO_SCHOOLS[i % DEMO_SCHOOLS.length]!.id }));
const bearer = await Promise.all(teachers.map((t) => tokens.issueAccessToken({ userId: t.userId, name: t.name, roles: [{ role: 'teacher', scope: { schoolId: t.schoolId } }] })));

let made = 0;
/** A published session open for sign-in now, for the demo federation, as the HTTP section's. */
async function openSession(): Promise<Session> {
  const now = Date.now();
  const session: Session = {
    id: `ses-inproc-${made++}-${randomUUID().slice(0, 8)}`, federationId: DEMO_FEDERATION_ID, hostSchoolId: 'sch-core', organizerId: 'u-organizer',
    kind: 'joint_research', mode: 'offline', title: '进程内签到测试', venue: { name: '报告厅', lat: 30.2741, lng: 120.1551, radiusM: 300 },
    startAt: new Date(now - 5 * 60_000).toISOString(), endAt: new Date(now + 3_600_000).toISOString(),
    signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 }, signOutRequired: false, creditHours: 2,
    audience: { type: 'federation' }, audienceSchoolIds: DEMO_SCHOOLS.map((s) => s.id), registrationRequired: false,
    geofence: 'off', status: 'published', createdAt: new Date(now).toISOString(),
  };
  await sessions.putSession(session);
  return session;
}

interface Round extends Latencies {
  cpuUs: number;
  written: number;
}

async function timed(run: () => Promise<Latencies>, sessionId: string): Promise<Round> {
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { ...result, cpuUs: used.user + used.system, written: await attendance.countSignedIn(sessionId) };
}

/** (a) Every person scans the session's code: events made first, so the round times the handler alone. */
async function handlerRound(concurrency: number): Promise<Round> {
  const session = await openSession();
  const events: APIGatewayProxyEventV2[] = bearer.map((token) =>
    apiGatewayEvent(route, { token, params: { id: session.id }, body: { token: qrToken(env('QR_SECRET'), session.id, 'in'), deviceId: randomUUID(), nonce: randomUUID() } }),
  );
  const tasks = events.map((event) => async () => {
    const res = (await handler(event, lambdaContext(route.name, event.requestContext.requestId))) as APIGatewayProxyStructuredResultV2;
    return res.statusCode === 201 || res.statusCode === 200;
  });
  return timed(() => load(tasks, concurrency), session.id);
}

/** (b) The same records straight to the table: the item the handler writes, with its condition. */
async function rawRound(concurrency: number): Promise<Round> {
  const sessionId = `ses-inproc-raw-${made++}-${randomUUID().slice(0, 8)}`;
  const startAt = new Date(Date.now() - 5 * 60_000).toISOString();
  const items = teachers.map((t) => {
    const at = new Date().toISOString();
    const record: Attendance = { sessionId, userId: t.userId, name: t.name, schoolId: t.schoolId, status: 'on_time', method: 'qr', signedInAt: at, deviceId: randomUUID(), flags: [], creditedHours: 2, updatedAt: at };
    return attendanceItem(record, { sessionStartAt: startAt, sessionKind: 'joint_research' });
  });
  const tasks = items.map((Item) => async () => {
    await db.send(new PutCommand({ TableName: table, Item, ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  });
  return timed(() => load(tasks, concurrency), sessionId);
}

// Warm-up: the handler's first calls (module, token key, SDK connections) and DynamoDB Local's JVM, counted nowhere.
await rawRound(50);
await handlerRound(50);

const figures: Record<string, number> = {};
for (const concurrency of concurrencies) {
  const pairs: Array<{ a: Round; b: Round }> = [];
  for (let r = 0; r < rounds; r++) {
    const a = await handlerRound(concurrency);
    const b = await rawRound(concurrency);
    pairs.push({ a, b });
  }
  const errors = pairs.reduce((n, p) => n + p.a.errors + (people - p.a.written) + p.b.errors + (people - p.b.written), 0);
  const ratio = median(pairs.map((p) => p.a.perSecond / p.b.perSecond));
  // The handler's own CPU: this process's CPU over a handler round minus over the raw round of the same n (the SDK
  // call and the load loop are in both; DynamoDB Local's CPU is in its own process), per sign-in.
  const cpuUs = median(pairs.map((p) => (p.a.cpuUs - p.b.cpuUs) / people));
  const k = `c${concurrency}`;
  figures[`${k}.perSecond`] = median(pairs.map((p) => p.a.perSecond));
  figures[`${k}.p50Ms`] = median(pairs.map((p) => p.a.p50));
  figures[`${k}.p99Ms`] = median(pairs.map((p) => p.a.p99));
  figures[`${k}.rawPutPerSecond`] = median(pairs.map((p) => p.b.perSecond));
  figures[`${k}.rawP99Ms`] = median(pairs.map((p) => p.b.p99));
  figures[`${k}.ratio`] = round(ratio, 2);
  figures[`${k}.errors`] = errors;
  figures[`${k}.cpuUsPerSignIn`] = round(cpuUs, 0);
  figures[`${k}.rawCpuUsPerPut`] = round(median(pairs.map((p) => p.b.cpuUs / people)), 0);
  say(
    `  in process @${concurrency}: handler ${figures[`${k}.perSecond`]}/s p50 ${figures[`${k}.p50Ms`]} p99 ${figures[`${k}.p99Ms`]} ms | raw PutItem ${figures[`${k}.rawPutPerSecond`]}/s p99 ${figures[`${k}.rawP99Ms`]} ms | ratio ${figures[`${k}.ratio`]} | ` +
      `handler CPU ${figures[`${k}.cpuUsPerSignIn`]} µs a sign-in beyond the put (the put's own ${figures[`${k}.rawCpuUsPerPut`]} µs) | errors ${errors} (median of ${rounds} paired rounds of ${people})`,
  );
}
process.stdout.write(`RESULT ${JSON.stringify(figures)}\n`);
db.destroy();
process.exit(0);
