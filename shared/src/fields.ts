import * as z from 'zod/mini';

// The field helpers every request schema is made of: text, codes, links, numbers and dates, each bounded,
// each with a Chinese message a person can act on. `requestFields` records which helper made a schema, so a test
// walking every route's schemas (functions/src/request-schemas.test.ts) finds any field made some other way.

export type FieldKind = 'text' | 'code' | 'url' | 'number' | 'date' | 'datetime';
/** `places`: the decimals a number keeps (generators read it to make valid values). */
export const requestFields = z.registry<{ kind: FieldKind; places?: number }>();
type StringCheck = z.core.$ZodCheck<string>;
function made<T extends z.ZodMiniType>(kind: FieldKind, schema: T, places?: number): T {
  requestFields.add(schema, places === undefined ? { kind } : { kind, places });
  return schema;
}

// Characters that change how text looks without being seen: C0/C1 controls, bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) and unpaired surrogates (a `u` regex matches only lone halves).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
// eslint-disable-next-line no-control-regex -- as above, less line breaks and tabs
const HIDDEN_IN_PROSE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/** Multi-line text with its hidden characters taken out; Windows line ends become `\n`. */
const stripHiddenCharacters = (text: string) => text.replace(/\r\n?/g, '\n').replace(HIDDEN_IN_PROSE, '');

// A megabyte is refused before it is normalised or searched.
const tooLong = (label: string, max: number) => z.maxLength(max * 4, { error: `${label}最多 ${max} 个字`, abort: true });

const lengthChecks = (label: string, min: number, max: number) => [
  ...(min > 0 ? [z.minLength(min, min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)] : []),
  z.maxLength(max, `${label}最多 ${max} 个字`),
];

/**
 * One line of text people read (a name, a title, a class): NFC, trimmed, and refused when it holds a hidden
 * character — in a short field shown to others a hidden character is a spoof, and the sender can retype it.
 */
export const line = (label: string, max: number, min = 0, ...then: StringCheck[]) =>
  made(
    'text',
    z.string().check(
      tooLong(label, max),
      z.normalize('NFC'),
      z.trim(),
      z.refine((v) => !HIDDEN.test(v), `${label}含有控制字符或不可见的方向符号，请删除后重新输入`),
      ...lengthChecks(label, min, max),
      ...then,
    ),
  );

/**
 * Multi-line text (reflections, comments, descriptions): NFC, trimmed, hidden characters taken out — long text is
 * pasted from elsewhere, where such characters hide unseen; nobody could find them to act on a refusal.
 */
export const prose = (label: string, max: number, min = 0) =>
  made(
    'text',
    z.string().check(
      tooLong(label, max),
      z.normalize('NFC'),
      z.overwrite(stripHiddenCharacters),
      z.trim(),
      ...lengthChecks(label, min, max),
    ),
  );

/** A code machines exchange (login codes, tokens, device ids, cursors): printable ASCII only, bounded. */
export const code = (label: string, max: number, min = 1) =>
  made(
    'code',
    z.string().check(
      z.minLength(min, { error: min === 1 ? `缺少${label}` : `${label}无效`, abort: true }),
      z.maxLength(max, `${label}无效`),
      z.regex(/^[\x21-\x7e]*$/, `${label}无效`),
    ),
  );

/** A code of a known shape (`2026-2027-1`, `HH:MM`, an id): the shape's message for any miss. */
export const shaped = (pattern: RegExp, message: string, max: number, more: { prepare?: StringCheck[]; then?: StringCheck[] } = {}) =>
  made('code', z.string().check(z.maxLength(max, { error: message, abort: true }), ...(more.prepare ?? []), z.regex(pattern, message), ...(more.then ?? [])));

/** An http(s) link people open. */
export const httpUrl = (message: string, max = 2000) =>
  made(
    'url',
    z.url({ protocol: /^https?$/, error: message }).check(
      z.maxLength(max, `链接最多 ${max} 个字符`),
      z.refine((v) => !HIDDEN.test(v), message),
    ),
  );

// One message per field: the first miss stops the checks.
const within = (min: number, max: number, message: string) => [z.gte(min, { error: message, abort: true }), z.lte(max, { error: message, abort: true })];
/** What is stored: -0 as 0, a decimal kept to its places (0.1 + 0.2 → 0.3). */
const tidy = (places: number | undefined) => z.overwrite((v: number) => (places === undefined ? v : Math.round(v * 10 ** places) / 10 ** places) + 0);

const PLACES = ['', '一', '两', '三', '四', '五', '六'];

/** A whole number within its field's bounds; `coerce` for query strings. */
export function integer(label: string, min: number, max: number, options: { coerce?: boolean; message?: string } = {}) {
  const message = options.message ?? `${label}应为 ${min} 到 ${max} 之间的整数`;
  const base = options.coerce ? z.coerce.number({ error: message }) : z.number({ error: message });
  return made('number', base.check(z.int({ error: message, abort: true }), ...within(min, max, message), tidy(0)), 0);
}

/**
 * A decimal within its field's bounds, kept to `places` decimals (any, when omitted, but never below 1e-6 in
 * magnitude: DynamoDB stores nothing under 1e-130, and `1e-200` failed the write).
 */
export function decimal(label: string, min: number, max: number, options: { places?: number; coerce?: boolean } = {}) {
  const { places, coerce } = options;
  const range = `${label}应在 ${min} 到 ${max} 之间`;
  const message = places === undefined ? range : `${range}，最多保留${PLACES[places] ?? places}位小数`;
  const scale = 10 ** (places ?? 6);
  const sensible = (v: number) => v === 0 || (Math.abs(v) >= 1e-6 && (places === undefined || Math.abs(v * scale - Math.round(v * scale)) < 1e-6));
  const base = coerce ? z.coerce.number({ error: message }) : z.number({ error: message });
  return made('number', base.check(...within(min, max, message), z.refine(sensible, { error: message, abort: true }), tidy(places)), places);
}

const YEARS = { min: 1970, max: 2100 };
const inYears = (year: number) => year >= YEARS.min && year <= YEARS.max;

/** A calendar day, `2026-11-23`, that exists (no 2026-02-30; 29 February in leap years only), 1970–2100. */
export const LocalDate = made(
  'date',
  z.iso.date({ error: '日期应为真实存在的日期，格式 YYYY-MM-DD' }).check(
    z.refine((v) => inYears(Number(v.slice(0, 4))), `日期应在 ${YEARS.min} 到 ${YEARS.max} 年之间`),
  ),
);

/** An instant with its offset (ISO-8601), on a real calendar day and clock time, 1970–2100. */
export const IsoDateTime = made(
  'datetime',
  z.iso.datetime({ offset: true, error: '时间格式不正确，应为 ISO-8601' }).check(
    z.refine((v) => Number.isFinite(Date.parse(v)) && inYears(new Date(v).getUTCFullYear()), `时间应在 ${YEARS.min} 到 ${YEARS.max} 年之间`),
  ),
);
