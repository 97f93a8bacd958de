import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AuthResult, DevAccount, User } from '@lianyan/shared';
import { api, devLogin, dingtalkCode, uniqueId, wechatCode, wechatLogin } from '../support/api.ts';

describe('dev login (local stage)', () => {
  it('lists demo accounts of every role with ids and scopes', async () => {
    const res = await api<DevAccount[]>('GET', '/v1/dev/accounts');
    expect(res.status).toBe(200);
    const roles = new Set(res.body.flatMap((a) => a.roles.map((r) => r.role)));
    expect([...roles].sort()).toEqual(['districtAdmin', 'federationAdmin', 'organizer', 'parent', 'schoolAdmin', 'teacher']);
    const teacher = res.body.find((a) => a.account === 'core-teacher-1');
    expect(teacher).toMatchObject({ userId: 'u-core-teacher-1', roles: [{ role: 'teacher', scope: { schoolId: 'sch-core' } }] });
    expect(res.body.find((a) => a.account === 'district-admin')?.roles).toEqual([{ role: 'districtAdmin', scope: {} }]);
  });

  it('logs in as one account of each role and /v1/me returns that user with roles', async () => {
    for (const account of ['district-admin', 'fed-admin', 'organizer', 'core-admin', 'core-principal', 'qingshan-teacher-3', 'parent-2']) {
      const auth = await devLogin(account);
      const me = await api<User>('GET', '/v1/me', { token: auth.token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(`u-${account}`);
      expect(me.body.roles.length).toBeGreaterThan(0);
      expect(me.body).toEqual(auth.user);
    }
  });

  it('answers an unknown demo account with 404', async () => {
    const res = await api('POST', '/v1/auth/dev', { body: { account: 'nobody' } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('/v1/me and access tokens', () => {
  it('is 401 without a token, with garbage, with alg none and with a foreign key', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'u-core-teacher-1', typ: 'access', aud: 'lianyan-api', iss: 'lianyan-local', roles: ['districtAdmin@district'] }),
    ).toString('base64url')}.`;
    const foreign = await new SignJWT({ typ: 'access', roles: ['districtAdmin@district'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-core-teacher-1')
      .setIssuer('lianyan-local')
      .setAudience('lianyan-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(64)));
    for (const token of [undefined, 'garbage', none, foreign]) {
      const res = await api('GET', '/v1/me', token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses a refresh token used as an access token, and the reverse', async () => {
    const auth = await devLogin('core-teacher-2');
    expect((await api('GET', '/v1/me', { token: auth.refreshToken })).status).toBe(401);
    expect((await api('POST', '/v1/auth/refresh', { body: { refreshToken: auth.token } })).status).toBe(401);
  });

  it('refreshes: a refresh token gives a new working access token', async () => {
    const auth = await devLogin('core-teacher-2');
    const res = await api<AuthResult>('POST', '/v1/auth/refresh', { body: { refreshToken: auth.refreshToken } });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe('u-core-teacher-2');
    expect((await api('GET', '/v1/me', { token: res.body.token })).status).toBe(200);
  });

  it('renames the signed-in user', async () => {
    const { token } = await wechatLogin(uniqueId('o-rename'));
    const res = await api<User>('PATCH', '/v1/me', { token, body: { name: '  周老师 ' } });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('周老师');
  });
});

describe('WeChat login through jscode2session (loopback WeChat server)', () => {
  it('creates a user on first login and finds the same user on the next', async () => {
    const openid = uniqueId('o');
    const first = await wechatLogin(openid);
    expect(first.isNew).toBe(true);
    expect(first.user.roles).toEqual([]);
    const second = await wechatLogin(openid);
    expect(second.isNew).toBe(false);
    expect(second.user.id).toBe(first.user.id);
  });

  it('finds the user by unionid across apps', async () => {
    const unionid = uniqueId('union');
    const first = await wechatLogin(uniqueId('o-app1'), unionid);
    const second = await wechatLogin(uniqueId('o-app2'), unionid);
    expect(second.user.id).toBe(first.user.id);
  });

  it('refuses a used code and an unknown code with LOGIN_CODE_INVALID', async () => {
    const code = await wechatCode(uniqueId('o'));
    expect((await api('POST', '/v1/auth/wechat', { body: { code } })).status).toBe(200);
    const reused = await api('POST', '/v1/auth/wechat', { body: { code } });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'LOGIN_CODE_INVALID', message: expect.stringMatching(/重新登录/) });
    const unknown = await api('POST', '/v1/auth/wechat', { body: { code: 'not-a-code' } });
    expect(unknown.body).toMatchObject({ code: 'LOGIN_CODE_INVALID' });
  });

  it('makes exactly one user when the same person logs in concurrently for the first time', async () => {
    const openid = uniqueId('o-race');
    const codes = await Promise.all(Array.from({ length: 8 }, () => wechatCode(openid)));
    const results = await Promise.all(codes.map((code) => api<AuthResult>('POST', '/v1/auth/wechat', { body: { code } })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
    expect(results.filter((r) => r.body.isNew).length).toBe(1);
  });
});

describe('DingTalk login (loopback DingTalk server)', () => {
  it('logs in with an auth code, takes the name from DingTalk, and refuses the code a second time', async () => {
    const person = { userid: uniqueId('ding'), name: '钉钉测试老师', unionid: uniqueId('dunion') };
    const code = await dingtalkCode(person);
    const res = await api<AuthResult>('POST', '/v1/auth/dingtalk', { body: { authCode: code } });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe('钉钉测试老师');
    const again = await api<AuthResult>('POST', '/v1/auth/dingtalk', { body: { authCode: await dingtalkCode(person) } });
    expect(again.body.user.id).toBe(res.body.user.id);
    const reused = await api('POST', '/v1/auth/dingtalk', { body: { authCode: code } });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'LOGIN_CODE_INVALID' });
  });
});
