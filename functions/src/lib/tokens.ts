import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { RoleGrant, scopeFromKey, scopeKey, type Role } from '@lianyan/shared';
import { AppError } from './errors.ts';

export interface AuthContext {
  userId: string;
  roles: RoleGrant[];
  /** Carried in the token so the sign-in path needs no user read. */
  name?: string;
  subject?: string;
  /** A parent's children as school and grade, for the audience check of family sessions without a read. */
  children?: Array<{ schoolId: string; grade: string }>;
}

const AUDIENCE = 'lianyan-api';
const ALG = 'HS256';

interface TokenOptions {
  issuer: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  getSecret: () => Promise<string>;
}

// Children travel as `schoolId|grade` (no names): enough for the audience check.
const encodeChildren = (children: NonNullable<AuthContext['children']>) => [...new Set(children.map((c) => `${c.schoolId}|${c.grade}`))];
const decodeChildren = (values: unknown): AuthContext['children'] =>
  Array.isArray(values)
    ? values
        .filter((v): v is string => typeof v === 'string' && v.includes('|'))
        .map((v) => ({ schoolId: v.slice(0, v.indexOf('|')), grade: v.slice(v.indexOf('|') + 1) }))
    : undefined;

// Roles travel in the access token as `role@scopeKey` so most requests need no user read.
const encodeRoles = (roles: RoleGrant[]) => roles.map((r) => `${r.role}@${scopeKey(r.scope)}`);
const decodeRoles = (values: unknown): RoleGrant[] =>
  Array.isArray(values)
    ? values.filter((v): v is string => typeof v === 'string').map((v) => {
        const at = v.indexOf('@');
        return { role: v.slice(0, at) as Role, scope: scopeFromKey(v.slice(at + 1)) };
      })
    : [];

const decodeJson = (part: string): unknown => {
  const bytes = Buffer.from(part, 'base64url');
  // Canonical base64url only: Node's decoder skips stray characters that a strict one refuses.
  if (bytes.toString('base64url') !== part) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A compact JWS signed with HS256 by this secret, with the claims jose's `jwtVerify` checks for our tokens: the
 * header's `alg` exactly HS256 (no `crit`, no unencoded payload), the issuer, the audience, `exp` in the future
 * ('expired' otherwise), `nbf` not ahead, `iat` a number when present. Anything else: undefined.
 */
export function verifyHs256(token: string, secret: Buffer, claims: { issuer: string; audience: string; nowSeconds: number }): Record<string, unknown> | 'expired' | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, sig] = parts as [string, string, string];
  const header = decodeJson(h);
  if (!isObject(header) || header.alg !== ALG || 'crit' in header || header.b64 === false) return undefined;
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.toString('base64url') !== sig || given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const payload = decodeJson(p);
  if (!isObject(payload) || payload.iss !== claims.issuer) return undefined;
  const aud = payload.aud;
  if (!(aud === claims.audience || (Array.isArray(aud) && aud.includes(claims.audience)))) return undefined;
  for (const name of ['exp', 'nbf', 'iat'] as const) if (name in payload && (typeof payload[name] !== 'number' || !Number.isFinite(payload[name]))) return undefined;
  if (typeof payload.exp !== 'number') return undefined;
  if (typeof payload.nbf === 'number' && payload.nbf > claims.nowSeconds) return undefined;
  if (payload.exp <= claims.nowSeconds) return 'expired';
  return payload;
}

export function makeTokenService(options: TokenOptions) {
  // One KeyObject per instance: importing the raw secret on every verification costs more than the HMAC.
  let key: Promise<KeyObject> | undefined;
  const getKey = () => (key ??= options.getSecret().then((s) => createSecretKey(Buffer.from(s, 'utf8'))));

  async function sign(claims: Record<string, unknown>, subject: string, ttl: number, typ: string) {
    return new SignJWT({ ...claims, typ })
      .setProtectedHeader({ alg: ALG })
      .setSubject(subject)
      .setIssuer(options.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(await getKey());
  }

  // The raw secret for verification: HS256 by node:crypto's HMAC, synchronous (jose's WebCrypto verification costs
  // a thread-pool job and a key conversion per request, most of the sign-in path's own CPU).
  let secret: Promise<Buffer> | undefined;
  const getSecretBytes = () => (secret ??= options.getSecret().then((s) => Buffer.from(s, 'utf8')));

  async function verify(token: string, typ: 'access' | 'refresh') {
    const payload = verifyHs256(token, await getSecretBytes(), { issuer: options.issuer, audience: AUDIENCE, nowSeconds: Math.floor(Date.now() / 1000) });
    if (payload === 'expired') throw new AppError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录', { reason: 'expired' });
    if (!payload || payload.typ !== typ || typeof payload.sub !== 'string') throw new AppError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    return payload;
  }

  return {
    accessTtlSeconds: options.accessTtlSeconds,
    /** `ttlSeconds` shortens the token (never lengthens it): an account awaiting erasure gets none that outlives it. */
    issueAccessToken: (auth: AuthContext, ttlSeconds = options.accessTtlSeconds) =>
      sign(
        {
          roles: encodeRoles(auth.roles),
          ...(auth.name ? { name: auth.name } : {}),
          ...(auth.subject ? { subject: auth.subject } : {}),
          ...(auth.children?.length ? { kids: encodeChildren(auth.children) } : {}),
        },
        auth.userId,
        Math.min(ttlSeconds, options.accessTtlSeconds),
        'access',
      ),
    issueRefreshToken: (userId: string) => sign({}, userId, options.refreshTtlSeconds, 'refresh'),
    async verifyAccessToken(token: string): Promise<AuthContext> {
      const payload = await verify(token, 'access');
      return {
        userId: payload.sub as string,
        roles: decodeRoles(payload.roles),
        ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
        ...(typeof payload.subject === 'string' ? { subject: payload.subject } : {}),
        ...(payload.kids ? { children: decodeChildren(payload.kids) ?? [] } : {}),
      };
    },
    async verifyRefreshToken(token: string): Promise<string> {
      return (await verify(token, 'refresh')).sub as string;
    },
  };
}
export type TokenService = ReturnType<typeof makeTokenService>;
