import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@lianyan/infra/local/quiet-sdk';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';
import { MATRIX, PERSON_WRITES, REACH, ROLES, type MatrixRole, type Scope } from '../authz/matrix.ts';
import { makeWorld, type AuthzWorld } from '../authz/world.ts';
import { fuzzedRoutes } from './fuzz.ts';
import routeTable from '../../functions/routes.json' with { type: 'json' };

// Enforces every cell of tests/authz/matrix.ts against the real handlers, and that the matrix covers every route.

const routes = fuzzedRoutes(routeTable as never);
let app: InProcessStack;
let world: AuthzWorld;
const tally = { allowed: 0, refused: 0, notApplicable: 0, reachAllowed: 0, reachRefused: 0 };

beforeAll(async () => {
  app = await startInProcessStack();
  world = await makeWorld(app);
}, 180_000);

afterAll(async () => {
  await app?.stack.stop();
  process.stdout.write(`authz: ${JSON.stringify({ routes: routes.length, roles: ROLES.length, ...tally })}\n`);
});

describe('authorization matrix', () => {
  it('has a row for every deployed route, and no row for a route that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(routes.map((r) => r.name).sort());
  });

  it.each(routes.map((r) => [r.name] as const))('%s: every role, own and other scope', async (name) => {
    const row = MATRIX[name];
    expect(row, `${name} is missing from tests/authz/matrix.ts`).toBeDefined();
    const mismatches: string[] = [];
    for (const role of ROLES as readonly MatrixRole[]) {
      for (const scope of ['own', 'other'] as Scope[]) {
        const expected = row!.cells[role][scope];
        if (expected === 'n/a') {
          tally.notApplicable += 1;
          continue;
        }
        const input = await row!.request(world, scope, role);
        const reply = await app.invoke(name, role === 'anonymous' ? { ...input, token: undefined } : input);
        const allowed = reply.status >= 200 && reply.status < 300;
        const needsLogin = !['health', 'authWechat', 'authDingtalk', 'authRefresh', 'getDisplay', 'getSessionLanding', 'printArchive', 'viewBriefing'].includes(name);
        const refused = role === 'anonymous' && needsLogin ? reply.status === 401 : [401, 403, 404].includes(reply.status);
        if (expected === 'allow' ? !allowed : !refused) mismatches.push(`${role}/${scope}: expected ${expected}, got ${reply.status} ${reply.text.slice(0, 160)}`);
        if (expected === 'allow') tally.allowed += 1;
        else tally.refused += 1;
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the other direction: the second demo federation (西区) on the first (城东)', () => {
  // Every row above runs 城东's admins against 西区; these run 西区's own seeded admins against 城东, and on their own.
  const calls: Array<[string, (own: boolean) => { params?: Record<string, string>; body?: unknown }]> = [
    ['getFederation', (own) => ({ params: { id: own ? 'fed-xiqu' : 'fed-chengdong' } })],
    ['getFederationReport', (own) => ({ params: { id: own ? 'fed-xiqu' : 'fed-chengdong' } })],
    ['updateFederationRules', (own) => ({ params: { id: own ? 'fed-xiqu' : 'fed-chengdong' }, body: { mentorPairsPerSemester: 2 } })],
    ['getSchool', (own) => ({ params: { id: own ? 'sch-xiqu-hexi' : 'sch-east2' } })],
    ['listPeople', (own) => ({ params: { id: own ? 'sch-xiqu-core' : 'sch-core' } })],
    ['getSchoolReport', (own) => ({ params: { id: own ? 'sch-xiqu-core' : 'sch-core' } })],
    ['updateSchool', (own) => ({ params: { id: own ? 'sch-xiqu-core' : 'sch-core' }, body: { address: '西区路 1 号' } })],
    ['updatePerson', (own) => ({ params: { id: own ? 'u-xiqu-teacher-1' : 'u-core-teacher-1' }, body: { grades: ['三年级'] } })],
    ['getSession', (own) => ({ params: { id: own ? 'ses-xiqu-joint' : 'ses-past-joint' } })],
  ];
  it.each(calls)('%s: 西区 admins refused on 城东, allowed on 西区', async (name, input) => {
    const schoolLevel = ['listPeople', 'getSchoolReport', 'updateSchool', 'updatePerson'].includes(name);
    for (const role of schoolLevel ? (['federationAdmin', 'schoolAdmin'] as const) : (['federationAdmin'] as const)) {
      const token = world.otherAdminToken(role);
      const theirs = await app.invoke(name, { ...input(false), token });
      expect([403, 404], `${role} on 城东: ${theirs.text}`).toContain(theirs.status);
      expect((theirs.json as { message?: string }).message).toMatch(/[\u4e00-\u9fff]/);
      const own = await app.invoke(name, { ...input(true), token });
      expect(own.status, `${role} on 西区: ${own.text}`).toBeLessThan(300);
    }
  });
});

describe('reach: writes about another person', () => {
  it('has rows for every route that writes about another person', () => {
    expect(new Set(Object.values(REACH).map((r) => r.route))).toEqual(new Set(PERSON_WRITES));
  });

  it.each(Object.entries(REACH))('%s', async (_, row) => {
    const input = await row.request(world);
    const reply = await app.invoke(row.route, { ...input, token: world.token(row.actor) });
    if (row.expected === 'allow') {
      expect(reply.status, reply.text).toBeLessThan(300);
      tally.reachAllowed += 1;
      return;
    }
    expect(row.refusedWith ?? [403, 404], reply.text).toContain(reply.status);
    expect((reply.json as { message?: string }).message).toMatch(/[\u4e00-\u9fff]/);
    if (row.written) expect(await row.written(world, input)).toBe(false);
    tally.reachRefused += 1;
  });
});
