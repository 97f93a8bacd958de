import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@lianyan/infra/local/quiet-sdk';
import { scopeKey } from '@lianyan/shared';
import type { LambdaHandler, RouteSpec } from '@lianyan/functions/lib/http';
import type { RouteDefinition } from '@lianyan/functions/routes';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';
import { observationBody } from '../authz/observations.ts';
import { accountFor, fuzzedRoutes } from './fuzz.ts';
import { CURSOR_RUNS, URL_RUNS, forgedCursor, malformedEncoding, oddDecodablePath, rawRequest, type RawReply } from './fuzz-urls.ts';
import routeTable from '../../functions/routes.json' with { type: 'json' };

// Through the real local HTTP server: no URL that fails to percent-decode reaches a handler or stops the process.
// In process, every paginated route: no cursor the server did not hand out for that list gets past a 400.

const JWT_SECRET = randomBytes(32).toString('hex');
const SHELL = '<!doctype html><title>APP-SHELL</title>';
const OUTSIDE = 'OUTSIDE-WEBROOT-a81f';
const routes = (routeTable as RouteDefinition[]).filter((r) => r.path !== '*');
const DAY = 86_400_000;

let app: InProcessStack;
let dir: string;
const tokens: Record<string, string> = {};
const failures: unknown[] = [];
const recordFailure = (error: unknown) => failures.push(error);
let writes = 0;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  // A web root with a shell, and a file beside it that no URL may reach.
  dir = mkdtempSync(join(tmpdir(), 'lianyan-fuzz-urls-'));
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), SHELL);
  writeFileSync(join(dir, 'web', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), OUTSIDE);
  process.on('unhandledRejection', recordFailure);
  process.on('uncaughtException', recordFailure);
  app = await startInProcessStack({ webRoot: join(dir, 'web'), env: { JWT_SECRET } });
  app.db.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^(Put|Update|Delete|TransactWrite|BatchWrite)/.test(String(context.commandName))) writes += 1;
      return next(args);
    },
    { step: 'initialize', name: 'fuzzUrlsWrites' },
  );
  for (const account of ['organizer', 'core-admin', 'core-teacher-1', 'district-admin']) tokens[account] = (await app.login(account)).token;
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', recordFailure);
  process.off('uncaughtException', recordFailure);
  await app?.stack.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`fuzz-urls: ${JSON.stringify(figures)}\n`);
});

const count = (tally: Record<string, number>, reply: RawReply | { status: number; json?: unknown }) => {
  const code = 'text' in reply ? (safeJson(reply.text) as { code?: string } | undefined)?.code : (reply.json as { code?: string } | undefined)?.code;
  const key = `${reply.status}${code ? ` ${code}` : ''}`;
  tally[key] = (tally[key] ?? 0) + 1;
};
/** Sends bytes as they are (no client library would send these) and reads the whole answer until the server closes. */
function rawSocket(base: string, raw: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

function expectBadRequest(reply: RawReply, where: string) {
  expect(reply.status, `${where} → ${reply.status} ${reply.text.slice(0, 200)}`).toBe(400);
  expect(reply.headers['content-type'], where).toMatch(/^application\/json/);
  expect(safeJson(reply.text), where).toEqual({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
}

describe('malformed percent-encoding, through the local HTTP server', () => {
  it('answers 400 BAD_REQUEST for every path parameter of every route, the query of every route, and static, upload and metrics paths; then still serves', async () => {
    const tally: Record<string, number> = {};
    const before = writes;
    let cases = 0;
    for (const route of routes) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const token = tokens.organizer;
      for (const name of names) {
        await fc.assert(
          fc.asyncProperty(malformedEncoding, async (bad) => {
            const path = route.path.replace(/\{(\w+)\}/g, (_m, n: string) => (n === name ? bad : 'x1'));
            const reply = await rawRequest(app.stack.url, route.method, path, token);
            count(tally, reply);
            cases += 1;
            expectBadRequest(reply, `${route.method} ${path}`);
          }),
          { numRuns: URL_RUNS, seed: 17 },
        );
      }
      await fc.assert(
        fc.asyncProperty(malformedEncoding, fc.boolean(), async (bad, asKey) => {
          const path = `${route.path.replace(/\{(\w+)\}/g, 'x1')}?${asKey ? `${bad}=1` : `cursor=${bad}`}`;
          const reply = await rawRequest(app.stack.url, route.method, path, token);
          count(tally, reply);
          cases += 1;
          expectBadRequest(reply, `${route.method} ${path}`);
        }),
        { numRuns: Math.max(2, Math.round(URL_RUNS / 4)), seed: 17 },
      );
    }
    const prefixes = ['/', '/s/', '/display/', '/assets/', '/__uploads/', '/__uploads/u/', '/__local/metrics/', '/v1/', '/v1/nowhere/', '/index.html/'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), malformedEncoding, fc.constantFrom('', '/x', '/%2e%2e', '?op=get'), fc.constantFrom('GET', 'PUT', 'POST', 'OPTIONS', 'DELETE'), async (prefix, bad, suffix, method) => {
        const path = `${prefix}${bad}${suffix}`;
        const reply = await rawRequest(app.stack.url, method, path);
        count(tally, reply);
        cases += 1;
        expectBadRequest(reply, `${method} ${path}`);
      }),
      { numRuns: URL_RUNS * 20, seed: 17 },
    );
    for (const path of ['/%E0%A4%A', '/%', '/%zz/x', '/__uploads/%', '/v1/sessions/%E0%A4%A', '/v1/schools/%/archive', '/__local/metrics?%']) {
      const reply = await rawRequest(app.stack.url, 'GET', path, tokens.organizer);
      count(tally, reply);
      cases += 1;
      expectBadRequest(reply, path);
    }

    expect(writes - before, 'a refused URL wrote to the table').toBe(0);
    expect(failures, 'the server let an error escape').toEqual([]);
    expect((await rawRequest(app.stack.url, 'GET', '/v1/health')).status).toBe(200);
    expect((await rawRequest(app.stack.url, 'GET', '/')).text).toBe(SHELL);
    figures.malformed = { cases, answers: tally };
  });

  it('answers paths that decode to odd things (NUL, dots, encoded slashes) without a 5xx and never with a file outside the web root', async () => {
    const tally: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(oddDecodablePath, fc.constantFrom('GET', 'PUT', 'POST'), async (path, method) => {
        const reply = await rawRequest(app.stack.url, method, path, tokens.organizer);
        count(tally, reply);
        const where = `${method} ${path} → ${reply.status} ${reply.text.slice(0, 200)}`;
        expect(reply.status, where).toBeLessThan(500);
        expect(reply.text, where).not.toContain(OUTSIDE);
        if (reply.status >= 400) expect(safeJson(reply.text), where).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: URL_RUNS * 20, seed: 17 },
    );
    expect(failures, 'the server let an error escape').toEqual([]);
    expect((await rawRequest(app.stack.url, 'GET', '/v1/health')).status).toBe(200);
    figures.oddDecodable = { cases: URL_RUNS * 20, answers: tally };
  });

  it('answers requests node:http cannot parse (oversized headers or URL, broken request lines) with JSON, and still serves', async () => {
    const long = 'a'.repeat(20_000);
    const raws = [
      `GET /v1/sessions?semester=${long} HTTP/1.1\r\nhost: x\r\n\r\n`,
      `GET /v1/me HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${long}\r\n\r\n`,
      `GET /v1/me HTTP/1.1\r\nhost: x\r\n${'x-pad: 1\r\n'.repeat(3_000)}\r\n`,
      'GET /v1/me HTTP/9.9\r\nhost: x\r\n\r\n',
      'BREW /v1/me\r\n\r\n',
      'GET /v1/me HTTP/1.1\r\nhost: x\r\ncontent-length: -5\r\n\r\n',
      'POST /v1/sessions HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      '\u0000\u0001\u0002 garbage\r\n\r\n',
    ];
    const answers: Record<string, number> = {};
    for (const raw of raws) {
      const reply = await rawSocket(app.stack.url, raw);
      const [head = '', body = ''] = reply.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      answers[status] = (answers[status] ?? 0) + 1;
      expect([400, 431], `${raw.slice(0, 60)} → ${head}`).toContain(status);
      expect(head.toLowerCase(), raw.slice(0, 60)).toContain('content-type: application/json');
      expect(safeJson(body), raw.slice(0, 60)).toEqual({
        code: status === 431 ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
        message: expect.stringMatching(/[\u4e00-\u9fff]/),
      });
    }
    expect(failures, 'the server let an error escape').toEqual([]);
    expect((await rawRequest(app.stack.url, 'GET', '/v1/health')).status).toBe(200);
    figures.unparsable = { cases: raws.length, answers };
  });
});

describe('raw path parameters, as API Gateway may hand them to Lambda', () => {
  it('every route validates each path parameter, and answers a raw malformed one with a 4xx, writing nothing', async () => {
    const accounts = ['organizer', 'district-admin', 'fed-admin', 'core-admin', 'core-teacher-1', 'parent-1'];
    for (const account of accounts) tokens[account] ??= (await app.login(account)).token;
    const tally: Record<string, number> = {};
    let cases = 0;
    for (const route of fuzzedRoutes(routes)) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (!names.length) continue;
      const spec = ((await app.handlerOf(route)) as LambdaHandler & { spec?: RouteSpec<unknown, unknown, unknown> }).spec;
      const shape = (spec?.params as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape ?? {};
      expect(Object.keys(shape).sort(), `${route.name}: path parameters without a schema`).toEqual([...names].sort());
      const account = accountFor(spec?.access) ?? 'core-teacher-1';
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), fc.oneof(malformedEncoding, fc.constantFrom('%', '%25', '%2F', 'a%2Fb', '%00')), async (name, raw) => {
          const params = Object.fromEntries(names.map((n) => [n, n === name ? raw : 'x1']));
          const reply = await app.invoke(route.name, { token: tokens[account], params });
          count(tally, reply);
          cases += 1;
          const where = `${route.name} ${JSON.stringify(params)} → ${reply.status} ${reply.text.slice(0, 200)}`;
          expect(reply.status, where).toBeGreaterThanOrEqual(400);
          expect(reply.status, where).toBeLessThan(500);
          expect(reply.json, where).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect(reply.writes, where).toEqual([]);
        }),
        { numRuns: URL_RUNS, seed: 17 },
      );
    }
    figures.rawParams = { cases, answers: tally };
  });
});

/** What a list needs to be read: its caller, parameters and query, and a genuine cursor of it (made by its repository). */
interface CursorList {
  account: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  genuine: string;
}

async function cursorLists(): Promise<Record<string, CursorList>> {
  const { deriveKey } = await import('@lianyan/functions/lib/secrets');
  const repos = {
    sessions: (await import('@lianyan/functions/repositories/sessions')).makeSessionRepository,
    attendance: (await import('@lianyan/functions/repositories/attendance')).makeAttendanceRepository,
    archive: (await import('@lianyan/functions/repositories/archive')).makeArchiveRepository,
    campaigns: (await import('@lianyan/functions/repositories/campaigns')).makeCampaignRepository,
    invites: (await import('@lianyan/functions/repositories/invites')).makeInviteRepository,
    trail: (await import('@lianyan/functions/repositories/access-trail')).makeAccessTrailRepository,
    observations: (await import('@lianyan/functions/repositories/observations')).makeObservationRepository,
  };
  // The handlers' key: derived from the stack's JWT secret as the composition root derives it.
  const ctx = { db: app.db, table: app.stack.tableName, cursorKey: async () => deriveKey(JWT_SECRET, 'pagination-cursor') };
  // One record in each list at least, so a page of one has a next cursor.
  const now = Date.now();
  const session = await app.publishedSession({ geofence: 'off' });
  const qr = createHmac('sha256', app.qrSecret).update(`${session.id}|in|${Math.floor(Date.now() / 10_000)}`).digest('base64url').slice(0, 22);
  for (const account of ['core-teacher-1', 'organizer']) {
    const signed = await app.invoke('signIn', { token: tokens[account], params: { id: session.id }, body: { token: qr, deviceId: `dev-${randomUUID()}`, nonce: randomUUID() } });
    expect(signed.status, signed.text).toBe(201);
  }
  const entry = { kind: 'paper', title: '分页测试论文', publication: '明湖教育研究', date: new Date(now - DAY).toISOString().slice(0, 10) };
  const pending = await app.invoke('createArchiveEntry', { token: tokens['core-teacher-1'], body: entry });
  expect(pending.status, pending.text).toBe(201);
  const invite = await app.invoke('createInvite', { token: tokens['core-admin'], body: { role: 'teacher', scope: { schoolId: 'sch-core' } } });
  expect(invite.status, invite.text).toBe(201);
  // Two walk-in observations by the school admin: a page of one of theirs has a second.
  for (let i = 0; i < 2; i += 1) {
    const observed = await app.invoke('createObservation', { token: tokens['core-admin'], body: observationBody('own', 'admin') });
    expect(observed.status, observed.text).toBe(201);
  }
  const observerId = (await app.login('core-admin')).user.id;
  const people = await app.invoke('listPeople', { token: tokens['core-admin'], params: { id: 'sch-core' }, query: { limit: '1' } });
  expect(people.status, people.text).toBe(200);
  // Two trail entries (a district admin's view of rosters), so the district trail has a second page of one.
  for (const at of [new Date(now - 2_000).toISOString(), new Date(now - 1_000).toISOString()]) {
    await repos.trail(ctx).put({ id: randomUUID(), at, actorId: 'u-district-admin', actorName: '区管理员', kind: 'attendance_view', scope: `session:${session.id}`, federationId: 'fed-chengdong' }, Math.floor(now / 1000) + 86_400);
  }
  const first = async (page: Promise<{ nextCursor?: string | undefined }>) => {
    const cursor = (await page).nextCursor;
    if (!cursor) throw new Error('a list with no second page');
    return cursor;
  };
  return {
    listSessions: {
      account: 'organizer',
      query: { federationId: 'fed-chengdong' },
      genuine: await first(repos.sessions(ctx).listSessionsOfFederation('fed-chengdong', { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now + 90 * DAY).toISOString() }, { limit: 1 })),
    },
    getAttendance: { account: 'organizer', params: { id: session.id }, genuine: await first(repos.attendance(ctx).listRoster(session.id, { limit: 1 })) },
    listArchiveReviews: { account: 'core-admin', params: { id: 'sch-core' }, genuine: await first(repos.archive(ctx).listPendingOfSchool('sch-core', { limit: 1 })) },
    getCampaignFeed: { account: 'organizer', params: { id: 'cmp-demo-ethics' }, query: { schoolId: 'sch-core' }, genuine: await first(repos.campaigns(ctx).listFeed('cmp-demo-ethics', 'sch-core', { limit: 1 })) },
    listPeople: { account: 'core-admin', params: { id: 'sch-core' }, query: { limit: '1' }, genuine: await first(Promise.resolve({ nextCursor: (people.json as { cursor?: string }).cursor })) },
    listAccessTrail: {
      account: 'district-admin',
      genuine: await first(repos.trail(ctx).list({ from: new Date(now - DAY).toISOString(), to: new Date(now + DAY).toISOString() }, { limit: 1 })),
    },
    listInvites: { account: 'core-admin', query: { schoolId: 'sch-core' }, genuine: await first(repos.invites(ctx).listInvitesOfScope(scopeKey({ schoolId: 'sch-core' }), { limit: 1 })) },
    listObservations: { account: 'core-admin', query: { observer: 'me' }, genuine: await first(repos.observations(ctx).listObservations('observer', observerId, { limit: 1 })) },
  };
}

/**
 * Paginated routes with no genuine-cursor fixture here yet: none (a new one fails the test until it has one).
 */
const NO_FIXTURE_YET: string[] = [];

/** Routes whose query schema takes a `cursor`, read from the specs `route()` attached. */
async function paginatedRoutes(): Promise<string[]> {
  const names: string[] = [];
  for (const route of routes) {
    const spec = ((await app.handlerOf(route)) as LambdaHandler & { spec?: RouteSpec<unknown, unknown, unknown> }).spec;
    const shape = (spec?.query as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
    if (shape && 'cursor' in shape) names.push(route.name);
  }
  return names;
}

describe('forged pagination cursors, on every paginated route', () => {
  it('answers 400 INVALID_CURSOR (VALIDATION_FAILED past the 2,048-character limit or off printable ASCII), never a 5xx, and writes nothing', async () => {
    const lists = await cursorLists();
    expect((await paginatedRoutes()).filter((name) => !NO_FIXTURE_YET.includes(name)).sort(), 'a paginated route without a fixture here').toEqual(Object.keys(lists).sort());
    const tally: Record<string, number> = {};
    let cases = 0;
    for (const [name, list] of Object.entries(lists)) {
      const call = (cursor: string) => app.invoke(name, { token: tokens[list.account], ...(list.params ? { params: list.params } : {}), query: { ...list.query, cursor } });
      // The control: the genuine cursor opens the next page.
      const genuine = await call(list.genuine);
      expect(genuine.status, `${name} genuine cursor: ${genuine.text.slice(0, 200)}`).toBe(200);
      const others = Object.entries(lists).filter(([n]) => n !== name).map(([, l]) => l.genuine);
      await fc.assert(
        fc.asyncProperty(forgedCursor(list.genuine, others), async (cursor) => {
          const reply = await call(cursor);
          count(tally, reply);
          cases += 1;
          const where = `${name} cursor=${JSON.stringify(cursor.slice(0, 80))} (${cursor.length}) → ${reply.status} ${reply.text.slice(0, 200)}`;
          expect(reply.status, where).toBe(400);
          expect(reply.json, where).toMatchObject({
            // The query schema refuses what is no cursor at all (over 2,048 characters, not printable ASCII) on its own.
            code: cursor.length > 2048 || !/^[\x21-\x7e]*$/.test(cursor) ? 'VALIDATION_FAILED' : 'INVALID_CURSOR',
            message: expect.stringMatching(/[\u4e00-\u9fff]/),
            details: { fieldErrors: { cursor: expect.any(Array) } },
          });
          expect(reply.writes, where).toEqual([]);
        }),
        { numRuns: CURSOR_RUNS, seed: 17 },
      );
      // And over HTTP: another list's cursor, and this one's with its last character changed.
      const last = list.genuine.at(-1) === 'A' ? 'B' : 'A';
      for (const cursor of [others[0]!, `${list.genuine.slice(0, -1)}${last}`]) {
        const route = app.routeNamed(name);
        const path = route.path.replace(/\{(\w+)\}/g, (_m, n: string) => list.params?.[n] ?? '');
        const query = new URLSearchParams({ ...list.query, cursor }).toString();
        const reply = await rawRequest(app.stack.url, 'GET', `${path}?${query}`, tokens[list.account]);
        expect(reply.status, `${name} over HTTP: ${reply.text}`).toBe(400);
        expect(safeJson(reply.text)).toMatchObject({ code: 'INVALID_CURSOR' });
      }
    }
    // A genuine cursor after the list's range moved past its key: the store refuses the start key, the answer is the same.
    const moved = { federationId: 'fed-chengdong', from: new Date(Date.now() + 60 * DAY).toISOString(), to: new Date(Date.now() + 90 * DAY).toISOString() };
    const stale = await app.invoke('listSessions', { token: tokens.organizer, query: { ...moved, cursor: lists.listSessions!.genuine } });
    expect(stale.status, stale.text).toBe(400);
    expect(stale.json).toMatchObject({ code: 'INVALID_CURSOR' });
    figures.cursors = { routes: Object.keys(lists).length, cases, answers: tally };
  });
});
