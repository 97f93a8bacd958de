import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@lianyan/infra/local/quiet-sdk';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';
import { FUZZ_RUNS, ORGANISATION_ROUTES, fuzzRoute, fuzzedRoutes, type FuzzContext } from './fuzz.ts';
import routeTable from '../../functions/routes.json' with { type: 'json' };

// The organisation routes, FUZZ_RUNS cases each, on a stack of their own: what they create (federations, schools,
// people, research groups) lands in a federation and a school made for them, and slows no other route's fuzzing.
const routes = fuzzedRoutes(routeTable as never).filter((r) => ORGANISATION_ROUTES.includes(r.name));
let app: InProcessStack;
let ctx: FuzzContext;
const results: Array<Awaited<ReturnType<typeof fuzzRoute>>> = [];

beforeAll(async () => {
  app = await startInProcessStack({ seedHistory: false });
  const tokens: Record<string, string> = {};
  for (const account of ['organizer', 'district-admin', 'fed-admin', 'core-admin', 'core-teacher-1', 'parent-1']) tokens[account] = (await app.login(account)).token;
  const district = { token: tokens['district-admin']! };
  const federation = await app.invoke('createFederation', { ...district, body: { name: '模糊测试校联体', kind: 'group' } });
  expect(federation.status, federation.text).toBe(201);
  const federationId = String((federation.json as { id: string }).id);
  const school = await app.invoke('createSchool', { ...district, params: { id: federationId }, body: { name: '模糊测试小学', stage: 'primary' } });
  expect(school.status, school.text).toBe(201);
  const schoolId = String((school.json as { id: string }).id);
  const person = await app.invoke('createPerson', { ...district, params: { id: schoolId }, body: { name: '模糊测试老师', phone: '13900000001' } });
  expect(person.status, person.text).toBe(201);
  const personId = String((person.json as { id: string }).id);
  const group = await app.invoke('createGroup', { ...district, params: { id: federationId }, body: { subject: '语文', grade: '四年级', leaderId: personId } });
  expect(group.status, group.text).toBe(201);
  const groupId = String((group.json as { group: { id: string } }).group.id);
  ctx = {
    app,
    tokens,
    paramPool(route) {
      if (route.path.startsWith('/v1/federations/')) return [federationId];
      if (route.path.startsWith('/v1/schools/')) return [schoolId, 'sch-core'];
      if (route.path.startsWith('/v1/groups/')) return [groupId];
      return [personId, 'u-core-teacher-1'];
    },
  };
}, 120_000);

afterAll(async () => {
  await app?.stack.stop();
  if (results.length) process.stdout.write(`fuzz-organization: ${JSON.stringify(results)}\n`);
});

describe(`fuzzing the ${routes.length} organisation routes, ${FUZZ_RUNS} cases each`, () => {
  it('covers every organisation route', () => {
    expect(routes.map((r) => r.name).sort()).toEqual([...ORGANISATION_ROUTES].sort());
  });
  it.concurrent.each(routes.map((r) => [r.name, r] as const))('%s: only 2xx or JSON 4xx, nothing written when refused', async (_name, route) => {
    const result = await fuzzRoute(ctx, route);
    results.push(result);
    expect(result.cases).toBe(FUZZ_RUNS);
  }, 900_000);
});
