import { request } from 'node:http';
import fc from 'fast-check';
import { FUZZ_RUNS } from './fuzz.ts';

// Generators for what a URL can carry that a schema never sees: percent-encoding that does not decode, and
// pagination cursors that the server did not hand out. Sized from FUZZ_RUNS like the main fuzzer.

/** Cases per path parameter of a route (malformed encoding), and per paginated route (forged cursors). */
export const URL_RUNS = Math.max(5, Math.round(FUZZ_RUNS / 50));
export const CURSOR_RUNS = Math.max(20, Math.round(FUZZ_RUNS / 5));

const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
const notHex = fc.constantFrom(...'gGzZ-_.~!xX');
const safeText = fc.stringMatching(/^[A-Za-z0-9_-]{0,8}$/);

/** One percent-sequence that `decodeURIComponent` refuses: cut short, not hex, or not UTF-8. */
export const badEscape: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%', '%E0%A4%A', '%E0%A4', '%F0%9F%98', '%E2%82', '%C3', '%80', '%BF', '%C0%AF', '%C1%BF', '%ED%A0%80', '%ED%BF%BF', '%F8%88%80%80%80', '%FE', '%FF', '%F4%90%80%80'),
  hex.map((h) => `%${h}`),
  fc.tuple(notHex, fc.oneof(hex, notHex)).map(([a, b]) => `%${a}${b}`),
  fc.tuple(hex, notHex).map(([a, b]) => `%${a}${b}`),
  // A lead byte of a 2–4 byte sequence followed by too few continuation bytes.
  fc.tuple(fc.integer({ min: 0xc2, max: 0xf4 }), fc.integer({ min: 0, max: 2 })).map(([lead, n]) => {
    const needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
    return `%${lead.toString(16).toUpperCase()}${'%80'.repeat(Math.min(n, needed - 1))}`;
  }),
);

/** A path segment or query text that cannot be percent-decoded: safe text around one or more bad escapes. */
export const malformedEncoding: fc.Arbitrary<string> = fc
  .tuple(safeText, fc.array(badEscape, { minLength: 1, maxLength: 3 }), safeText)
  .map(([before, bad, after]) => `${before}${bad.join('')}${after}`)
  .filter((s) => {
    try {
      decodeURIComponent(s);
      return false;
    } catch {
      return true;
    }
  });

/** Paths that decode, to odd things: NUL, dots, encoded slashes, traversal, other scripts. Never a 5xx, never a file outside the web root. */
export const oddDecodablePath: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('/', '/s/', '/display/', '/assets/', '/__uploads/', '/v1/', '/v1/sessions/', '/v1/schools/'),
    fc.array(fc.constantFrom('%00', '%2e%2e', '..', '%2F', '%2f%2e%2e', '%5C', '%0A', '%20', '%E4%B8%AD', '%F0%9F%98%80', '%EF%BB%BF', '%E2%80%AE', 'x', 'etc', 'passwd', '..%2F', '%252e'), { minLength: 1, maxLength: 6 }),
  )
  .map(([prefix, parts]) => prefix + parts.join('/'));

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request whose path goes on the wire exactly as given (fetch would normalise `%2e%2e` and friends). */
export function rawRequest(base: string, method: string, path: string, token?: string): Promise<RawReply> {
  const url = new URL(base);
  const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json', 'content-length': '2' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A server whose handler died leaves the request hanging: that is a failure to answer, not a slow test.
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: no answer within 15 s`)));
    req.end(body);
  });
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const base64Chars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');

/** Changes one character of `s` at `at` to another base64url character. */
function changeOne(s: string, at: number, to: string): string {
  const i = at % s.length;
  const replacement = s[i] === to ? (to === 'A' ? 'B' : 'A') : to;
  return s.slice(0, i) + replacement + s.slice(i + 1);
}

/**
 * Cursors the server did not hand out for this list: the old unsigned base64 JSON (random, or shaped like a real
 * key), a made-up signature, a genuine cursor of this list with one character changed, cut or extended, a
 * genuine cursor of another list, garbage and very long strings.
 */
export function forgedCursor(own: string, others: string[]): fc.Arbitrary<string> {
  const keyLike = fc
    .record({ PK: fc.constantFrom('SESSION#x', 'USER#u-district-admin', 'FED#fed-chengdong'), SK: fc.string({ maxLength: 20 }), GSI1PK: fc.string({ maxLength: 20 }), GSI1SK: fc.string({ maxLength: 20 }) })
    .map((k) => JSON.stringify(k));
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => b64(JSON.stringify(v))),
    keyLike.map(b64),
    fc.tuple(keyLike, fc.string({ unit: fc.oneof(base64Chars, fc.constantFrom('é', '中', '😀', '\ud800', '.', '=')), minLength: 22, maxLength: 22 })).map(([k, sig]) => `${b64(k)}.${sig}`),
    fc.tuple(fc.nat(), base64Chars).map(([at, to]) => changeOne(own, at, to)),
    fc.nat().map((n) => own.slice(0, n % own.length)),
    fc.string({ unit: base64Chars, minLength: 1, maxLength: 4 }).map((s) => own + s),
    fc.constantFrom(...others),
    fc.tuple(fc.constantFrom(...others), fc.nat(), base64Chars).map(([c, at, to]) => changeOne(c, at, to)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
    fc.constantFrom('.', '..', '%', '%E0%A4%A', 'null', '{}', '[]', 'undefined', '\u0000', '\u202e', '\ud800'),
    fc.integer({ min: 1_000, max: 2_048 }).map((n) => 'A'.repeat(n)),
    fc.integer({ min: 2_049, max: 100_000 }).map((n) => 'A'.repeat(n)),
  ).filter((c) => c !== '' && c !== own);
}
