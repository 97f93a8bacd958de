import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '@lianyan/shared';
import { AppError } from './errors.ts';
import { makeTokenService, verifyHs256 } from './tokens.ts';

const secret = 'k'.repeat(48);
const service = (ttl = 60) =>
  makeTokenService({ issuer: 'lianyan-test', accessTtlSeconds: ttl, refreshTtlSeconds: 3600, getSecret: async () => secret });

const sign = (claims: Record<string, unknown>, opts: { aud?: string; iss?: string; exp?: number | string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setIssuer(opts.iss ?? 'lianyan-test')
    .setAudience(opts.aud ?? 'lianyan-api')
    .setExpirationTime(opts.exp ?? '1h')
    .sign(new TextEncoder().encode(secret));

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('access and refresh tokens', () => {
  it('round-trips the user and their roles with scopes', async () => {
    const tokens = service();
    const roles: RoleGrant[] = [
      { role: 'teacher', scope: { schoolId: 'sch-1' } },
      { role: 'organizer', scope: { federationId: 'fed-1' } },
      { role: 'districtAdmin', scope: {} },
    ];
    const token = await tokens.issueAccessToken({ userId: 'u1', roles });
    expect(await tokens.verifyAccessToken(token)).toEqual({ userId: 'u1', roles });
  });

  it('carries a parent’s children as school and grade, without names', async () => {
    const tokens = service();
    const roles: RoleGrant[] = [{ role: 'parent', scope: { schoolId: 'sch-1' } }];
    const children = [
      { schoolId: 'sch-1', grade: '一年级' },
      { schoolId: 'sch-2', grade: '初二' },
    ];
    const token = await tokens.issueAccessToken({ userId: 'u1', roles, children: [...children, { schoolId: 'sch-1', grade: '一年级' }] });
    expect(await tokens.verifyAccessToken(token)).toEqual({ userId: 'u1', roles, children });
  });

  it('refuses an expired token with a message that says so', async () => {
    const token = await sign({ typ: 'access', roles: [] }, { exp: Math.floor(Date.now() / 1000) - 10 });
    const error = await rejection(service().verifyAccessToken(token));
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('登录已过期，请重新登录');
  });

  it('refuses another audience, another issuer and the wrong token type', async () => {
    const tokens = service();
    for (const token of [
      await sign({ typ: 'access' }, { aud: 'another-api' }),
      await sign({ typ: 'access' }, { iss: 'lianyan-prod' }),
      await sign({ typ: 'refresh' }),
    ]) {
      expect((await rejection(tokens.verifyAccessToken(token))).code).toBe('UNAUTHENTICATED');
    }
    expect((await rejection(tokens.verifyRefreshToken(await tokens.issueAccessToken({ userId: 'u1', roles: [] })))).statusCode).toBe(401);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'u1', typ: 'access', aud: 'lianyan-api', iss: 'lianyan-test' })).toString('base64url');
    expect((await rejection(service().verifyAccessToken(`${header}.${payload}.`))).statusCode).toBe(401);
  });
});

describe('HS256 verification (node:crypto, the claims jose checks)', () => {
  const key = Buffer.from(secret, 'utf8');
  const claims = { issuer: 'lianyan-test', audience: 'lianyan-api', nowSeconds: Math.floor(Date.now() / 1000) };
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  /** A token made by hand, so headers jose would never write can be tried. */
  const forge = (header: Record<string, unknown>, payload: Record<string, unknown>, signWith = key) => {
    const body = `${b64(header)}.${b64(payload)}`;
    return `${body}.${createHmac('sha256', signWith).update(body).digest('base64url')}`;
  };
  const good = { sub: 'u1', iss: 'lianyan-test', aud: 'lianyan-api', exp: claims.nowSeconds + 60, typ: 'access' };

  it('accepts what jose signs, and the same claims with the audience in a list', async () => {
    expect(verifyHs256(await sign({ typ: 'access' }), key, claims)).toMatchObject({ sub: 'u1', typ: 'access' });
    expect(verifyHs256(forge({ alg: 'HS256' }, { ...good, aud: ['x', 'lianyan-api'] }), key, claims)).toMatchObject({ sub: 'u1' });
  });

  it('refuses other algorithms, critical headers, unencoded payloads, other keys and altered signatures', () => {
    expect(verifyHs256(forge({ alg: 'none' }, good), key, claims)).toBeUndefined();
    expect(verifyHs256(forge({ alg: 'HS512' }, good), key, claims)).toBeUndefined();
    expect(verifyHs256(forge({ alg: 'HS256', crit: ['exp'] }, good), key, claims)).toBeUndefined();
    expect(verifyHs256(forge({ alg: 'HS256', b64: false }, good), key, claims)).toBeUndefined();
    expect(verifyHs256(forge({ alg: 'HS256' }, good, Buffer.from('other-secret')), key, claims)).toBeUndefined();
    const token = forge({ alg: 'HS256' }, good);
    expect(verifyHs256(`${token}!`, key, claims)).toBeUndefined();
    expect(verifyHs256(`${token.slice(0, -2)}AA`, key, claims)).toBeUndefined();
    expect(verifyHs256(token.split('.').slice(0, 2).join('.'), key, claims)).toBeUndefined();
    expect(verifyHs256(`${token}.x`, key, claims)).toBeUndefined();
  });

  it('checks issuer, audience, expiry, not-before and the types of the time claims', () => {
    const with_ = (over: Record<string, unknown>) => verifyHs256(forge({ alg: 'HS256' }, { ...good, ...over }), key, claims);
    expect(with_({ iss: 'someone-else' })).toBeUndefined();
    expect(with_({ aud: 'other-api' })).toBeUndefined();
    expect(with_({ exp: claims.nowSeconds })).toBe('expired');
    expect(with_({ exp: undefined })).toBeUndefined();
    expect(with_({ exp: String(claims.nowSeconds + 60) })).toBeUndefined();
    expect(with_({ nbf: claims.nowSeconds + 30 })).toBeUndefined();
    expect(with_({ nbf: claims.nowSeconds })).toMatchObject({ sub: 'u1' });
    expect(with_({ iat: 'yesterday' })).toBeUndefined();
  });
});
