import fc from 'fast-check';
import { requestFields } from '@lianyan/shared';

// Values shaped by a zod (mini) schema, read from its definition (`_zod.def`): mostly valid, so requests get past
// validation, but a generator is allowed to miss (a regex it cannot satisfy, a refinement): the fuzz property holds
// for any input anyway. With `leaves`, every field of a kind gets one hostile value instead (every optional field
// present), so a megabyte lands in every string field, not in one.

/** One value for every leaf of a kind: `date` and `datetime` for fields of those formats, `string` for all strings. */
export interface Leaves {
  string?: string;
  number?: number;
  date?: string;
  datetime?: string;
}

interface Def {
  type: string;
  [key: string]: unknown;
}
interface Schema {
  _zod: { def: Def };
}
type Check = { _zod: { def: Record<string, unknown> } };

const defOf = (schema: unknown): Def => (schema as Schema)._zod.def;
const checksOf = (def: Def) => ((def.checks ?? []) as Check[]).map((c) => c._zod.def);

function bounds(def: Def) {
  let min: number | undefined;
  let max: number | undefined;
  let minLength = 0;
  let maxLength: number | undefined;
  let pattern: RegExp | undefined;
  let format = typeof def.format === 'string' ? def.format : undefined;
  for (const c of [def, ...checksOf(def)]) {
    if (c.check === 'greater_than') min = Number(c.value) + (c.inclusive ? 0 : 1e-6);
    if (c.check === 'less_than') max = Number(c.value) - (c.inclusive ? 0 : 1e-6);
    if (c.check === 'min_length') minLength = Number(c.minimum);
    if (c.check === 'max_length') maxLength = Number(c.maximum);
    if (c.check === 'length_equals') minLength = maxLength = Number(c.length);
    if (c.check === 'string_format') {
      format = String(c.format);
      if (c.format === 'regex' && c.pattern instanceof RegExp) pattern = c.pattern;
    }
    if (c.check === 'number_format') format = String(c.format);
  }
  return { min, max, minLength, maxLength, pattern, format };
}

const isoDate = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringArbitrary(def: Def, leaves: Leaves | undefined): fc.Arbitrary<string> {
  const b = bounds(def);
  if (leaves?.datetime !== undefined && b.format === 'datetime') return fc.constant(leaves.datetime);
  if (leaves?.date !== undefined && b.format === 'date') return fc.constant(leaves.date);
  if (leaves?.string !== undefined) return fc.constant(leaves.string);
  const maxLength = Math.min(b.maxLength ?? 40, Math.max(b.minLength, 40));
  if (b.format === 'datetime') return isoDate;
  if (b.format === 'date') return isoDate.map((s) => s.slice(0, 10));
  if (b.format === 'url') return fc.webUrl({ validSchemes: ['https', 'http'] });
  if (b.format === 'email') return fc.emailAddress();
  if (b.format === 'uuid' || b.format === 'guid') return fc.uuid();
  if (b.pattern) {
    const pattern = b.pattern;
    return fc
      .stringMatching(pattern)
      .map((s) => (s.length > (b.maxLength ?? Infinity) ? s.slice(0, b.maxLength) : s));
  }
  const samples = ['一年级(2)班', '语文', '王老师', '联合教研：测试', '2026-2027-1'].filter((s) => s.length >= b.minLength && s.length <= maxLength);
  return fc.oneof(
    fc.string({ minLength: b.minLength, maxLength }),
    fc.string({ minLength: b.minLength, maxLength, unit: 'grapheme' }),
    ...(samples.length ? [fc.constantFrom(...samples)] : []),
  );
}

function numberArbitrary(schema: unknown, def: Def, leaves: Leaves | undefined): fc.Arbitrary<number> {
  if (leaves?.number !== undefined) return fc.constant(leaves.number);
  const b = bounds(def);
  const integer = b.format === 'safeint' || b.format === 'int32' || b.format === 'uint32';
  // Decimals kept to a number of places (the field helpers record them): whole multiples of that step.
  const places = integer ? 0 : requestFields.get(schema as never)?.places;
  if (places !== undefined) {
    const step = 10 ** places;
    const min = Math.ceil((b.min ?? -1000) * step);
    const max = Math.floor((b.max ?? Math.max(min / step + 1000, 1000)) * step);
    return fc.integer({ min, max }).map((n) => n / step);
  }
  return fc.double({ min: b.min ?? -1e6, max: b.max ?? 1e6, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));
}

/** An arbitrary of values for `schema`, `depth` bounding recursion; `leaves` makes every leaf of a kind hostile. */
export function arbitraryOf(schema: unknown, depth = 0, leaves?: Leaves): fc.Arbitrary<unknown> {
  if (depth > 8 || !schema || typeof schema !== 'object' || !('_zod' in schema)) return fc.jsonValue({ maxDepth: 2 });
  const def = defOf(schema);
  const inner = (key: string) => arbitraryOf(def[key], depth + 1, leaves);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, leaves);
    case 'number':
      return numberArbitrary(schema, def, leaves);
    case 'bigint':
      return fc.bigInt({ min: -1000n, max: 1000n });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'optional':
      return leaves ? inner('innerType') : fc.option(inner('innerType'), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(inner('innerType'), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'lazy':
      return arbitraryOf((def.getter as () => unknown)(), depth + 1);
    case 'array': {
      const b = bounds(def);
      return fc.array(inner('element'), { minLength: leaves ? Math.max(1, b.minLength) : b.minLength, maxLength: Math.min(b.maxLength ?? 4, Math.max(b.minLength, 4)) });
    }
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((s) => arbitraryOf(s, depth + 1, leaves)));
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((s) => arbitraryOf(s, depth + 1, leaves)));
    case 'intersection':
      return fc.tuple(inner('left'), inner('right')).map(([a, b]) => (isPlain(a) && isPlain(b) ? { ...a, ...b } : a));
    case 'record':
      return fc.dictionary(
        arbitraryOf(def.keyType, depth + 1).filter((k): k is string => typeof k === 'string'),
        inner('valueType'),
        { maxKeys: 4 },
      );
    case 'object': {
      const shape = def.shape as Record<string, Schema>;
      const entries = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, arbitraryOf(s, depth + 1, leaves)]));
      const requiredKeys = Object.keys(shape).filter((k) => !['optional', 'default', 'prefault'].includes(defOf(shape[k]).type));
      return fc.record(entries, { requiredKeys }).map((o) => dropUndefined(o as Record<string, unknown>));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function dropUndefined(o: Record<string, unknown>) {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
