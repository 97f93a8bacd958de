import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { api, stack } from '../support/api.ts';
import { currentQr, publishedSession, qrTokenAt, scan } from '../support/sessions.ts';

// Forged, expired and foreign tokens: the login JWT and the rotating QR code.

const ISSUER = 'lianyan-local';
const AUDIENCE = 'lianyan-api';
const key = (secret = stack().jwtSecret) => new TextEncoder().encode(secret);

function claims(userId = 'u-core-teacher-1', roles = ['teacher@school:sch-core']) {
  return { roles, name: '测试教师', typ: 'access', sub: userId };
}

async function signed(options: { secret?: string; alg?: string; issuer?: string; audience?: string; exp?: number | string; typ?: string; userId?: string; roles?: string[] } = {}) {
  const jwt = new SignJWT({ ...claims(options.userId, options.roles), typ: options.typ ?? 'access' })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '10m');
  return jwt.sign(key(options.secret));
}

describe('login tokens (JWT)', () => {
  it('accepts a token signed with the stack key, for the API, from this issuer (the control)', async () => {
    const res = await api('GET', '/v1/archive/summary', { token: await signed() });
    expect(res.status).toBe(200);
  });

  it.each([
    ['alg none', async () => new UnsecuredJWT(claims()).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('10m').encode()],
    ['a wrong key', async () => signed({ secret: 'x'.repeat(64) })],
    ['HS512 with the right key', async () => signed({ alg: 'HS512' })],
    ['expired', async () => signed({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['another audience', async () => signed({ audience: 'lianyan-admin' })],
    ['another issuer (another stage)', async () => signed({ issuer: 'lianyan-prod' })],
    ['a refresh token', async () => signed({ typ: 'refresh' })],
    ['a truncated signature', async () => (await signed()).slice(0, -4)],
    ['roles edited after signing', async () => {
      const [h, , s] = (await signed()).split('.');
      const body = Buffer.from(JSON.stringify({ ...claims(), roles: ['districtAdmin@district'], iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
      return `${h}.${body}.${s}`;
    }],
  ])('answers 401 UNAUTHENTICATED for %s', async (_name, make) => {
    const token = await make();
    for (const [method, path] of [['GET', '/v1/me'], ['GET', '/v1/reports/district'], ['POST', '/v1/invites']] as const) {
      const res = await api(method, path, { token, ...(method === 'POST' ? { body: {} } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('says the login expired for an expired token', async () => {
    const res = await api('GET', '/v1/me', { token: await signed({ exp: Math.floor(Date.now() / 1000) - 60 }) });
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'expired' } });
  });
});

describe('QR codes', () => {
  it('refuses a forged code, one two windows old, another session’s and the sign-out code, with the right code, writing nothing', async () => {
    const { session, organizerToken } = await publishedSession();
    const other = await publishedSession();
    const teacher = await signed({ userId: `u-qr-${randomUUID().slice(0, 8)}` });
    const cases: Array<[string, string, string]> = [
      ['forged', 'A'.repeat(22), 'TOKEN_INVALID'],
      ['forged, wrong length', 'A'.repeat(21), 'TOKEN_INVALID'],
      ['two windows old', qrTokenAt(session.id, 'in', Date.now() - 25_000), 'TOKEN_EXPIRED'],
      ['another session', (await currentQr(other.session.id, other.organizerToken)).token, 'TOKEN_INVALID'],
      ['the other purpose', (await currentQr(session.id, organizerToken, 'out')).token, 'TOKEN_INVALID'],
    ];
    for (const [name, token, code] of cases) {
      const res = await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: teacher, body: scan(token) });
      expect(res.status, name).toBe(400);
      expect(res.body, name).toMatchObject({ code });
    }
    const roster = await api<{ items: unknown[] }>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken });
    expect(roster.body.items).toEqual([]);
    const ok = await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: teacher, body: scan((await currentQr(session.id, organizerToken)).token) });
    expect(ok.status).toBe(201);
  });

  it('rate-limits repeated bad codes from one user: 429 RATE_LIMITED with Retry-After, even for a good code, until the window ends', async () => {
    const { session, organizerToken } = await publishedSession();
    const teacher = await signed({ userId: `u-rl-${randomUUID().slice(0, 8)}` });
    const bystander = await signed({ userId: `u-rl-${randomUUID().slice(0, 8)}` });
    const path = `/v1/sessions/${session.id}/sign-ins`;
    // The default limit: 10 bad codes a minute answered with their own error.
    for (let i = 0; i < 10; i++) {
      const res = await api('POST', path, { token: teacher, body: scan(i % 2 ? 'B'.repeat(22) : qrTokenAt(session.id, 'in', Date.now() - 60_000)) });
      expect(res.status, `attempt ${i + 1}`).toBe(400);
    }
    const limited = await api('POST', path, { token: teacher, body: scan('C'.repeat(22)) });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const good = await api('POST', path, { token: teacher, body: scan((await currentQr(session.id, organizerToken)).token) });
    expect(good.status).toBe(429);
    expect(Number(good.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const signOut = await api('POST', `/v1/sessions/${session.id}/sign-outs`, { token: teacher, body: scan((await currentQr(session.id, organizerToken, 'out')).token) });
    expect(signOut.status).toBe(429);

    const other = await api('POST', path, { token: bystander, body: scan((await currentQr(session.id, organizerToken)).token) });
    expect(other.status).toBe(201);
  });
});
