import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as shared from './index.ts';

// Every message a request schema can give reaches a person (under a form field or in an error toast): each one is
// Chinese, never zod's English default ("Invalid input") nor a bare type name ("期望 number").

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;
const isSchema = (value: unknown): value is z.ZodMiniType => !!value && typeof value === 'object' && '_zod' in value;

/** Every schema inside `schema` (itself included), each once. */
function nodesOf(schema: unknown, seen = new Set<unknown>()): unknown[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = [def.innerType, def.in, def.out, def.element, def.keyType, def.valueType, ...((def.options as unknown[]) ?? []), ...Object.values((def.shape as object) ?? {})];
  return [schema, ...inner.filter(isSchema).flatMap((s) => nodesOf(s, seen))];
}

/** One bad value of each kind: negative, non-integer, too large, wrong type, too long, empty, bad option, bad date. */
const BAD = [-5, -1, 1.5, 999, 1e12, Number.NaN, 'abc', 123, true, null, [], {}, ['x'], '', '   ', 'x'.repeat(5000), '字'.repeat(300_000), 'nope', '2026-02-30', '12月2日', '2026-12-02T25:00:00Z', 'javascript:alert(1)'];

/** The inputs to try on one node: each bad value, and for an object each field bad in turn, then an unknown field. */
function inputsFor(node: unknown): unknown[] {
  const def = defOf(node);
  if (def.type !== 'object') return BAD;
  const keys = Object.keys(def.shape as object);
  return [...BAD, ...keys.flatMap((key) => BAD.map((bad) => ({ [key]: bad }))), { unknownField: 1 }];
}

const CHINESE = /[\u4e00-\u9fff]/;
const ZOD_ENGLISH = /invalid|expected|received|too (big|small)|unrecognized|\b(number|string|boolean|array|object|undefined|null)\b/i;

function messagesOf(schema: z.ZodMiniType): string[] {
  const messages = new Set<string>();
  for (const node of nodesOf(schema)) {
    for (const input of inputsFor(node)) {
      const result = (node as z.ZodMiniType).safeParse(input);
      if (!result.success) for (const issue of result.error.issues) messages.add(issue.message);
    }
  }
  return [...messages];
}

const requests = Object.entries(shared).filter(([name, value]) => /(Request|Query|Params|Input)$/.test(name) && isSchema(value)) as Array<[string, z.ZodMiniType]>;

describe('the messages of every request schema', () => {
  it('finds the request schemas, and an English message where zod would give one', () => {
    expect(requests.length).toBeGreaterThan(30);
    const planted = z.strictObject({ n: z.number(), kind: z.enum(['a', 'b']) });
    expect(messagesOf(planted).length).toBeGreaterThan(2);
  });

  it.each(requests)('%s: every message is Chinese', (_name, schema) => {
    const messages = messagesOf(schema);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.filter((m) => !CHINESE.test(m) || ZOD_ENGLISH.test(m))).toEqual([]);
  });
});

describe('the default messages', () => {
  const message = (schema: z.ZodMiniType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

  it('say what to do, in Chinese', () => {
    expect(message(z.strictObject({ a: z.string() }), {})).toBe('请填写此项');
    expect(message(z.number(), 'abc')).toBe('请填写数字');
    expect(message(z.enum(['a', 'b']), 'c')).toBe('请从给出的选项中选择');
    expect(message(z.array(z.string()).check(z.maxLength(3)), ['a', 'b', 'c', 'd'])).toBe('最多选择 3 项');
    expect(message(z.string().check(z.maxLength(3)), 'abcd')).toBe('最多 3 个字');
    expect(message(z.number().check(z.gte(1)), 0)).toBe('不能小于 1');
    expect(message(z.strictObject({}), { role: 'x' })).toBe('含有无法识别的内容：role，请去掉后重试');
  });
});
