import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildStack, type ChildStack } from '../support/child-stack.ts';
import { json, openSession } from '../support/crowd.ts';

// A stack in a child process logging at debug level; the test drives logins, a binding with a phone number, scans,
// refreshes and failures through it, then reads every line it logged.

const QR_SECRET = 'l'.repeat(64);
const JWT_SECRET = 'm'.repeat(64);
let stack: ChildStack;

beforeAll(async () => {
  stack = await startChildStack({ CHILD_LOG_LEVEL: 'debug', CHILD_QR_SECRET: QR_SECRET, CHILD_JWT_SECRET: JWT_SECRET });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('what the logs carry', () => {
  it('no raw phone number, openid, unionid, session key, login or QR token, or key — while still logging every request', async () => {
    const openid = `oLOG${randomUUID().replace(/-/g, '')}`;
    const unionid = `uLOG${randomUUID().replace(/-/g, '')}`;
    const phone = '13912345678';
    const code = ((await (await fetch(`${stack.wechatUrl}/__fake/codes`, { method: 'POST', body: JSON.stringify({ openid, unionid }) })).json()) as { code: string }).code;
    const login = await json<{ token: string; refreshToken: string }>(stack.url, 'POST', '/v1/auth/wechat', undefined, { code });
    expect(login.status).toBe(200);
    const reused = await json(stack.url, 'POST', '/v1/auth/wechat', undefined, { code });
    expect(reused.status).toBeGreaterThanOrEqual(400);
    const bound = await json<{ token: string }>(stack.url, 'POST', '/v1/parents/bind', login.body.token, {
      inviteCode: stack.inviteCode,
      childName: '日志',
      className: '一年级(7)班',
      name: '日志家长',
      phone,
      guardianConsent: true,
    });
    expect(bound.status).toBe(200);
    const refreshed = await json(stack.url, 'POST', '/v1/auth/refresh', undefined, { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const bogusRefresh = await json(stack.url, 'POST', '/v1/auth/refresh', undefined, { refreshToken: `${login.body.refreshToken}x` });
    expect(bogusRefresh.status).toBe(401);

    const organizer = (await json<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: 'organizer' })).body.token;
    const teacher = (await json<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: 'core-teacher-2' })).body.token;
    const session = await openSession(stack.url, organizer);
    const qr = createHmac('sha256', QR_SECRET).update(`${session.id}|in|${Math.floor(Date.now() / 10_000)}`).digest('base64url').slice(0, 22);
    const bad = await json(stack.url, 'POST', `/v1/sessions/${session.id}/sign-ins`, teacher, { token: 'Z'.repeat(22), deviceId: `dev-${randomUUID()}`, nonce: randomUUID() });
    expect(bad.status).toBe(400);
    const good = await json(stack.url, 'POST', `/v1/sessions/${session.id}/sign-ins`, teacher, { token: qr, deviceId: `dev-${randomUUID()}`, nonce: randomUUID() });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    const link = await json<{ url: string }>(stack.url, 'GET', `/v1/sessions/${session.id}/display-link`, organizer);
    const key = new URL(link.body.url).searchParams.get('key') ?? '';
    expect((await fetch(`${stack.url}/v1/display/${session.id}?key=${key}`)).status).toBe(200);
    const families = await json<{ items: Array<{ families: unknown }> }>(stack.url, 'GET', '/v1/schools/sch-core/parent-school', (await json<{ token: string }>(stack.url, 'POST', '/v1/auth/dev', undefined, { account: 'core-admin' })).body.token);
    expect(families.status).toBe(200);
    expect(JSON.stringify(families.body)).not.toContain(phone);
    const noAuth = await json(stack.url, 'GET', '/v1/me', undefined);
    expect(noAuth.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));

    const logs = stack.output();
    const lines = logs.split('\n').filter((l) => l.startsWith('{'));
    // Every request above was logged (so the scan below reads something).
    expect(lines.filter((l) => l.includes('"message":"request"')).length).toBeGreaterThanOrEqual(14);
    const forbidden: Record<string, string> = {
      phone,
      openid,
      unionid,
      'access token': login.body.token,
      'access token (signature)': login.body.token.split('.')[2]!,
      'refresh token': login.body.refreshToken,
      'WeChat login code': code,
      'QR token': qr,
      'display key': key,
      'QR key': QR_SECRET,
      'JWT key': JWT_SECRET,
      'WeChat app secret': 'local-wechat-secret',
    };
    const leaks = Object.entries(forbidden).filter(([, value]) => logs.includes(value)).map(([name]) => name);
    expect(leaks).toEqual([]);
    expect(logs).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(logs).not.toMatch(/Bearer\s+ey/);
  });
});
