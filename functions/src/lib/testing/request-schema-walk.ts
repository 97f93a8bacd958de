import { IsoDateTime, LocalDate, requestFields } from '@lianyan/shared';

// Walks a request schema (zod/mini definitions) and names every field a hostile request could abuse: a string or a
// number not made by the shared field helpers, a string, number or array without a bound, a date not on the
// calendar-date (or instant) schema.

interface Def {
  type: string;
  [key: string]: unknown;
}
type Schema = { _zod: { def: Def } };

const defOf = (schema: unknown) => (schema as Schema)._zod.def;
const checksOf = (def: Def) => ((def.checks ?? []) as Schema[]).map((c) => c._zod.def as Def & { check?: string });
const hasCheck = (def: Def, check: string) => checksOf(def).some((c) => c.check === check);

/** Field names that hold a day or an instant. */
const DATE_KEY = /^(date|from|to|until|deadline)$|Date$|At$|Deadline$/;

export function unboundedFields(schema: unknown, path = '', key = ''): string[] {
  const def = defOf(schema);
  const at = path || '(root)';
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return unboundedFields(def.innerType, path, key);
    case 'pipe':
      return [...unboundedFields(def.in, path, key), ...unboundedFields(def.out, path, key)];
    case 'transform':
      return [];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, s]) => unboundedFields(s, `${path}.${k}`, k));
    case 'union':
      return (def.options as unknown[]).flatMap((s) => unboundedFields(s, path, key));
    case 'array':
      return [
        ...(hasCheck(def, 'max_length') ? [] : [`${at}: array without a maximum length`]),
        ...unboundedFields(def.element, `${path}[]`, key),
      ];
    case 'record':
      return [...unboundedFields(def.keyType, `${path}{key}`, ''), ...unboundedFields(def.valueType, `${path}{}`, key)];
    case 'string':
      return stringFindings(schema, def, at, key);
    case 'number': {
      const findings: string[] = [];
      if (requestFields.get(schema as never)?.kind !== 'number') findings.push(`${at}: number not made by integer() or decimal()`);
      if (!hasCheck(def, 'greater_than') || !hasCheck(def, 'less_than')) findings.push(`${at}: number without a minimum and a maximum`);
      return findings;
    }
    case 'enum':
    case 'literal':
    case 'boolean':
    case 'null':
    case 'undefined':
      return [];
    default:
      return [`${at}: ${def.type} has no place in a request`];
  }
}

function stringFindings(schema: unknown, def: Def, at: string, key: string): string[] {
  const kind = requestFields.get(schema as never)?.kind;
  const findings: string[] = [];
  if (!kind) findings.push(`${at}: string not made by a field helper (line, prose, code, shaped, httpUrl, LocalDate, IsoDateTime)`);
  const dated = kind === 'date' || kind === 'datetime';
  if (!dated && !hasCheck(def, 'max_length')) findings.push(`${at}: string without a maximum length`);
  if (DATE_KEY.test(key) && schema !== LocalDate && schema !== IsoDateTime) findings.push(`${at}: date field not on LocalDate or IsoDateTime`);
  return findings;
}
