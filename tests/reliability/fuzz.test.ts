import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@lianyan/infra/local/quiet-sdk';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';
import { FUZZ_RUNS, ORGANISATION_ROUTES, fuzzRoute, fuzzedRoutes, type FuzzContext } from './fuzz.ts';
import routeTable from '../../functions/routes.json' with { type: 'json' };

const ACCOUNTS = ['organizer', 'district-admin', 'fed-admin', 'core-admin', 'core-teacher-1', 'parent-1'];

// Every deployed route, FUZZ_RUNS cases each, against a stack of this file's own; routes run a few at a time
// (`maxConcurrency` of the project), which keeps DynamoDB Local busy while the handlers wait on it.
// The organisation routes create federations, schools and people: fuzzed on a stack of their own
// (fuzz-organization.test.ts), or a thousand schools in the demo federation slow every other route here.
const routes = fuzzedRoutes(routeTable as never).filter((r) => !ORGANISATION_ROUTES.includes(r.name));
let app: InProcessStack;
let ctx: FuzzContext;
let exchangeId = '';
const results: Array<Awaited<ReturnType<typeof fuzzRoute>>> = [];

beforeAll(async () => {
  app = await startInProcessStack({ seedHistory: true, seedMentorPairs: true });
  const tokens: Record<string, string> = {};
  for (const account of ACCOUNTS) tokens[account] = (await app.login(account)).token;
  const live = app.stack.liveSession!.id;
  const family = app.stack.familyDemo!.session.id;
  const fresh = new Map<string, string>();
  // The demo's 师徒结对 (three pairs): a pair's routes are fuzzed on real pairs.
  const pairIds: string[] = [];
  for (const [id, account] of [['sch-core', 'core-admin'], ['sch-east2', 'district-admin']] as const) {
    const list = (await app.invoke('listMentorPairs', { token: tokens[account], params: { id } })).json as { items: Array<{ id: string }> };
    pairIds.push(...list.items.map((p) => p.id));
  }
  ctx = {
    app,
    tokens,
    paramPool(route, name) {
      if (name === 'userId') return ['u-core-teacher-1', 'u-east2-teacher-3', 'u-parent-1'];
      if (route.path.startsWith('/v1/archive/entries')) return ['demo-entry-1', 'demo-entry-3', 'demo-entry-5'];
      if (route.path.startsWith('/v1/exchanges/')) return [exchangeId, 'no-such-exchange'];
      if (route.path.includes('/federations/')) return ['fed-chengdong'];
      if (route.path.startsWith('/v1/mentor-pairs/')) return pairIds;
      if (route.path.includes('/schools/')) return ['sch-core', 'sch-qingshan'];
      return [fresh.get(route.name) ?? live, live, family];
    },
  };
  // A session of its own per route, so one route's fuzzing (closing, cancelling) leaves the others' intact.
  for (const route of routes) if (route.path.includes('{id}') && route.path.startsWith('/v1/sessions')) fresh.set(route.name, (await app.publishedSession()).id);
  // 交流轮岗: an exchange far from the demo's current semester (about 22 months ahead, within the register's bounds), for the routes about one.
  const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const exchange = await app.invoke('createExchange', {
    token: tokens['district-admin'],
    params: { id: 'fed-chengdong' },
    body: { userId: 'u-east2-teacher-3', fromSchoolId: 'sch-east2', toSchoolId: 'sch-qingshan', kind: 'backbone', startDate: ahead(660), endDate: ahead(690) },
  });
  expect(exchange.status, exchange.text).toBe(201);
  exchangeId = String((exchange.json as { id: string }).id);
}, 120_000);

afterAll(async () => {
  await app?.stack.stop();
  if (results.length) process.stdout.write(`fuzz: ${JSON.stringify(results)}\n`);
});

describe(`fuzzing ${routes.length} routes, ${FUZZ_RUNS} cases each`, () => {
  it.concurrent.each(routes.map((r) => [r.name, r] as const))('%s: only 2xx or JSON 4xx, nothing written when refused', async (_name, route) => {
    const result = await fuzzRoute(ctx, route);
    results.push(result);
    expect(result.cases).toBe(FUZZ_RUNS);
    // A harness limit, not a measurement: six routes share one process, and a megabyte in every field is slow work.
  }, 900_000);
});
