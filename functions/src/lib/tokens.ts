import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
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

  async function verify(token: string, typ: 'access' | 'refresh') {
    try {
      const { payload } = await jwtVerify(token, await getKey(), {
        algorithms: [ALG],
        issuer: options.issuer,
        audience: AUDIENCE,
      });
      if (payload.typ !== typ || typeof payload.sub !== 'string') throw new Error('wrong token type');
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new AppError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录', { reason: 'expired' }, { cause: error });
      }
      throw new AppError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录', undefined, { cause: error });
    }
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
