import fc from 'fast-check';
import { expect } from 'vitest';
import type { Role } from '@lianyan/shared';
import type { LambdaHandler, RouteSpec } from '@lianyan/functions/lib/http';
import type { RouteDefinition } from '@lianyan/functions/routes';
import type { InProcessStack, Invocation, Reply } from '../support/inproc.ts';
import { arbitraryOf, type Leaves } from '../support/zod-arbitrary.ts';

// Property-based fuzzing of every deployed endpoint, in process: requests generated from the route's own zod schemas,
// then made hostile; the property: a 2xx, or a JSON 4xx that wrote nothing — never a 5xx, never a throw.

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** Routes that create or change federations, schools and people: fuzzed on a stack of their own. */
export const ORGANISATION_ROUTES = [
  'createFederation', 'updateFederation', 'updateFederationByPost', 'createSchool', 'getSchool', 'updateSchool', 'updateSchoolByPost', 'cancelSchoolMove', 'cancelSchoolMoveByPost',
  'listPeople', 'createPerson', 'updatePerson', 'updatePersonByPost', 'leaveSchool',
  'listGroups', 'createGroup', 'getGroup', 'updateGroup', 'updateGroupByPost',
  'getImportTemplate', 'createImport', 'applyImport',
];

/** Every route the API deploys: not the local-only ones, not the catch-all. */
export const fuzzedRoutes = (routes: RouteDefinition[]) => routes.filter((r) => !r.localOnly && r.path !== '*');

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff\u200b\u200d',
  'e\u0301'.repeat(300),
  '👨‍👩‍👧‍👦'.repeat(50),
  '𠜎𠜱𠝹𠱓',
  '../../etc/passwd',
  '%2e%2e%2f',
  "'; DROP TABLE x; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  'SESSION#x',
  'x#ATT#y',
  '__proto__',
  'constructor',
  '\n\r\t',
  'NaN',
  '-0',
  '1e400',
  '2026-02-30T25:61:00Z',
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'PK', 'toString', 'hasOwnProperty'];

const oddString = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, [], {}, [null], { $ne: null }),
  oddString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 100, max: 3000 }).map((depth) => nested(depth)),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
);

function nested(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** JSON text of `value` with extra keys put in as text: `__proto__` survives only that way. */
function jsonWithKeys(value: unknown, extra: Array<[string, unknown]>): string {
  const text = JSON.stringify(value);
  if (!isPlain(value) || !extra.length) return text;
  const added = extra.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',');
  return `{${added}${text === '{}' ? '' : ','}${text.slice(1)}`;
}

// Hostile leaves, each put in every field of its kind at once (`every` below).
const MEGABYTE = 1024 * 1024;
const HIDDEN = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u202a', '\u202e', '\u2066', '\u2069', '\ud800', '\udfff', '\r'];
const hostileText = fc.oneof(
  fc.constantFrom('x'.repeat(MEGABYTE), '字'.repeat(MEGABYTE / 3), '\u202e'.repeat(MEGABYTE / 4), 'e\u0301'.repeat(MEGABYTE / 2)),
  fc.tuple(fc.constantFrom('王芳', '联合教研：测试', '一年级(2)班', 'https://a.example/x', 'sch-core'), fc.constantFrom(...HIDDEN), fc.nat(12)).map(
    ([text, hidden, at]) => text.slice(0, at) + hidden + text.slice(at),
  ),
);
const hostileNumber = fc.constantFrom(1e-200, -1e-200, 5e-324, -5e-324, 1e-7, 1e308, -1e308, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 0.1 + 0.2, 1.05);
const impossibleDay = fc.constantFrom('2026-02-30', '2026-04-31', '2025-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-06-00', '0000-01-01', '9999-12-31', '2026-2-3');
const impossibleInstant = fc.constantFrom(
  '2026-02-30T09:00:00+08:00',
  '2026-04-31T00:00:00Z',
  '2025-02-29T12:00:00Z',
  '2026-06-01T24:00:00Z',
  '2026-06-01T12:60:00Z',
  '2026-06-01T12:00:00+24:00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
);
const everyLeaf: fc.Arbitrary<Leaves> = fc.oneof(
  hostileText.map((string): Leaves => ({ string })),
  hostileNumber.map((number): Leaves => ({ number })),
  fc.tuple(impossibleDay, impossibleInstant).map(([date, datetime]): Leaves => ({ date, datetime })),
);

type Mutation =
  | { kind: 'valid' }
  | { kind: 'every'; leaves: Leaves }
  | { kind: 'missing'; pick: number }
  | { kind: 'extra'; keys: Array<[string, unknown]> }
  | { kind: 'wrongType'; pick: number; value: unknown }
  | { kind: 'nestedWrong'; pick: number; value: unknown }
  | { kind: 'whole'; value: unknown }
  | { kind: 'notJson'; text: string }
  | { kind: 'base64'; garbage: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Mutation>({ kind: 'valid' }) },
  { weight: 2, arbitrary: fc.nat().map((pick): Mutation => ({ kind: 'missing', pick })) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 10 })), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 })
      .map((keys): Mutation => ({ kind: 'extra', keys })),
  },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), wrongValue).map(([pick, value]): Mutation => ({ kind: 'wrongType', pick, value })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), wrongValue).map(([pick, value]): Mutation => ({ kind: 'nestedWrong', pick, value })) },
  { weight: 1, arbitrary: wrongValue.map((value): Mutation => ({ kind: 'whole', value })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom('{', '{"a":', 'nul', '[1,]', "{'a':1}", '\u0000', '{"a":1}}', '1e99999'), fc.string({ maxLength: 40 }))
      .map((text): Mutation => ({ kind: 'notJson', text })),
  },
  { weight: 1, arbitrary: fc.boolean().map((garbage): Mutation => ({ kind: 'base64', garbage })) },
  { weight: 3, arbitrary: everyLeaf.map((leaves): Mutation => ({ kind: 'every', leaves })) },
);

function applyToObject(value: unknown, m: Mutation): { rawBody?: string; body?: unknown; isBase64Encoded?: boolean } {
  const obj = isPlain(value) ? { ...value } : value;
  const keys = isPlain(obj) ? Object.keys(obj) : [];
  switch (m.kind) {
    case 'valid':
    case 'every':
      return { body: obj };
    case 'missing':
      if (isPlain(obj) && keys.length) delete obj[keys[m.pick % keys.length]!];
      return { body: obj };
    case 'extra':
      return { rawBody: jsonWithKeys(obj ?? {}, m.keys) };
    case 'wrongType':
      if (isPlain(obj) && keys.length) obj[keys[m.pick % keys.length]!] = m.value;
      else return { body: m.value };
      return { body: obj };
    case 'nestedWrong': {
      const inner = isPlain(obj) ? Object.values(obj).find(isPlain) : undefined;
      if (inner) {
        const k = Object.keys(inner);
        if (k.length) inner[k[m.pick % k.length]!] = m.value;
        else inner.__x = m.value;
      }
      return { body: obj };
    }
    case 'whole':
      return { body: m.value };
    case 'notJson':
      return { rawBody: m.text };
    case 'base64':
      return { rawBody: m.garbage ? '%%%not-base64%%%' : Buffer.from(JSON.stringify(obj ?? {})).toString('base64'), isBase64Encoded: true };
  }
}

/** Query strings are strings: the generated object flattened as API Gateway would deliver it, then mutated. */
function toQuery(value: unknown, m: Mutation): Record<string, string> | undefined {
  const flat: Record<string, string> = {};
  if (isPlain(value)) for (const [k, v] of Object.entries(value)) flat[k] = Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : JSON.stringify(v);
  const keys = Object.keys(flat);
  switch (m.kind) {
    case 'missing':
      if (keys.length) delete flat[keys[m.pick % keys.length]!];
      break;
    case 'extra':
      for (const [k, v] of m.keys) Object.defineProperty(flat, k, { value: JSON.stringify(v) ?? '', enumerable: true, writable: true, configurable: true });
      break;
    case 'wrongType':
    case 'nestedWrong':
      if (keys.length) flat[keys[m.pick % keys.length]!] = typeof m.value === 'string' ? m.value : JSON.stringify(m.value) ?? '';
      else flat.x = typeof m.value === 'string' ? m.value : (JSON.stringify(m.value) ?? '');
      break;
    case 'whole':
      flat.q = typeof m.value === 'string' ? m.value : JSON.stringify(m.value) ?? '';
      break;
    case 'notJson':
      flat[m.text.slice(0, 50) || 'q'] = m.text;
      break;
    default:
  }
  return Object.keys(flat).length ? flat : undefined;
}

/** Which demo account calls a route: one holding a role its access check lets through, the widest first. */
export function accountFor(access: unknown): string | undefined {
  if (access === 'public') return undefined;
  if (access === 'authenticated') return 'core-teacher-1';
  const roles = access as readonly Role[];
  const candidates: Array<[string, Role[]]> = [
    ['organizer', ['organizer', 'teacher']],
    ['district-admin', ['districtAdmin']],
    ['fed-admin', ['federationAdmin']],
    ['core-admin', ['schoolAdmin']],
    ['core-teacher-1', ['teacher']],
    ['parent-1', ['parent']],
  ];
  return candidates.find(([, held]) => held.some((r) => roles.includes(r)))?.[0];
}

export interface FuzzContext {
  app: InProcessStack;
  tokens: Record<string, string>;
  /** Real ids per path parameter, so requests reach past "not found". */
  paramPool: (route: RouteDefinition, name: string) => string[];
}

/** A refused request may write only what refusing itself records: the sign-in rate counter. */
function allowedRefusalWrite(route: RouteDefinition, reply: Reply): boolean {
  if (['signIn', 'signOut'].includes(route.name)) return reply.writes.every((pk) => pk.startsWith('RATE#qr#'));
  return false;
}

export async function fuzzRoute(ctx: FuzzContext, route: RouteDefinition) {
  const handler = await ctx.app.handlerOf(route);
  // What `route()` attached (`routeSpecOf`, read here without importing the handlers' config before the stack sets it).
  const spec = (handler as LambdaHandler & { spec?: RouteSpec<unknown, unknown, unknown> }).spec;
  if (!spec) throw new Error(`${route.name}: handler not built by route()`);
  const account = accountFor(spec.access);
  const token = account ? ctx.tokens[account] : ctx.tokens['core-teacher-1'];
  const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const paramArb = fc.record(
    Object.fromEntries(
      paramNames.map((name) => [name, fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ctx.paramPool(route, name)) }, { weight: 1, arbitrary: oddString })]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const tokenArb = fc.oneof(
    { weight: 8, arbitrary: fc.constant<Partial<Invocation>>({ token }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Partial<Invocation>>(
        {},
        { headers: { authorization: 'Bearer' } },
        { headers: { authorization: `Basic ${token}` } },
        { token: `${token}x` },
        { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LWRpc3RyaWN0LWFkbWluIn0.' },
      ),
    },
  );
  const stats = { cases: 0, byStatus: {} as Record<number, number> };

  // The values are drawn after the mutation: an `every` mutation shapes them, one hostile value in every leaf of a kind.
  const valuesArb = mutation.chain((m) => {
    const leaves = m.kind === 'every' ? m.leaves : undefined;
    return fc.tuple(
      fc.constant(m),
      spec.body ? arbitraryOf(spec.body, 0, leaves) : fc.constant(undefined),
      spec.query ? arbitraryOf(spec.query, 0, leaves) : fc.constant(undefined),
    );
  });
  const property = fc.asyncProperty(
    valuesArb,
    paramArb,
    fc.constantFrom('body', 'query', 'both'),
    tokenArb,
    async ([m, bodyValue, queryValue], params, target, auth) => {
      const valid: Mutation = { kind: 'valid' };
      const bodyPart = spec.body || route.method !== 'GET' ? applyToObject(bodyValue, target === 'query' ? valid : m) : {};
      const query = toQuery(queryValue, target === 'body' && spec.body ? valid : m);
      const input: Invocation = { ...auth, ...bodyPart, ...(query ? { query } : {}), ...(paramNames.length ? { params } : {}) };
      let reply: Reply;
      try {
        reply = await ctx.app.invoke(route.name, input);
      } catch (error) {
        throw new Error(`${route.name} threw instead of answering: ${String(error)}`, { cause: error });
      }
      stats.cases += 1;
      stats.byStatus[reply.status] = (stats.byStatus[reply.status] ?? 0) + 1;
      const where = `${route.name} ${JSON.stringify(brief(input)).slice(0, 400)} → ${reply.status} ${reply.text.slice(0, 300)}`;
      expect(reply.status, where).toBeLessThan(500);
      expect(reply.headers['x-content-type-options'], where).toBe('nosniff');
      if (reply.status >= 400) {
        expect(reply.headers['content-type'], where).toMatch(/^application\/json/);
        expect(reply.json, where).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        if (reply.writes.length) expect(allowedRefusalWrite(route, reply), `${where} wrote ${reply.writes.join(', ')}`).toBe(true);
      }
      expect(({} as Record<string, unknown>).isAdmin, `${where} polluted Object.prototype`).toBeUndefined();
    },
  );
  await fc.assert(property, { numRuns: FUZZ_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20260806) ^ hash(route.name), endOnFailure: true });
  return { route: route.name, account: account ?? 'public', ...stats };
}

/** A request for a failure note: long strings cut, deep values elided (a megabyte in every field, 3,000 levels). */
function brief(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 80)}…(${value.length})` : value;
  if (!value || typeof value !== 'object') return value;
  if (depth > 4) return '…';
  if (Array.isArray(value)) return value.slice(0, 10).map((v) => brief(v, depth + 1));
  return Object.fromEntries(Object.entries(value).slice(0, 20).map(([k, v]) => [k, brief(v, depth + 1)]));
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}
