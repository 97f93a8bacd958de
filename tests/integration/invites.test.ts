import { describe, expect, it } from 'vitest';
import type { AuthResult, Invite, User } from '@lianyan/shared';
import { makeInviteRepository } from '@lianyan/functions/repositories/invites';
import { api, devLogin, uniqueId, wechatLogin } from '../support/api.ts';
import { testTable } from '../support/db.ts';

async function createInvite(account: string, body: Record<string, unknown>) {
  const { token } = await devLogin(account);
  return api<Invite>('POST', '/v1/invites', { token, body });
}

describe('invites: a role is granted only by an admin of that scope', () => {
  it('lets a school admin invite teachers of their own school', async () => {
    const res = await createInvite('core-admin', { role: 'teacher', scope: { schoolId: 'sch-core' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'teacher', scope: { schoolId: 'sch-core' }, uses: 0, maxUses: 1, createdBy: 'u-core-admin' });
    expect(res.body.code).toMatch(/^[A-Z2-9]{8}$/);
  });

  it('refuses a school admin inviting for another school, or a role above their own', async () => {
    const other = await createInvite('core-admin', { role: 'teacher', scope: { schoolId: 'sch-qingshan' } });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'FORBIDDEN' });
    const higher = await createInvite('core-admin', { role: 'federationAdmin', scope: { federationId: 'fed-chengdong' } });
    expect(higher.status).toBe(403);
  });

  it('refuses teachers and parents outright', async () => {
    for (const account of ['core-teacher-1', 'parent-1']) {
      const res = await createInvite(account, { role: 'teacher', scope: { schoolId: 'sch-core' } });
      expect(res.status).toBe(403);
    }
  });

  it('lets a federation admin invite organizers and staff of member schools', async () => {
    expect((await createInvite('fed-admin', { role: 'organizer', scope: { federationId: 'fed-chengdong' } })).status).toBe(201);
    expect((await createInvite('fed-admin', { role: 'schoolAdmin', scope: { schoolId: 'sch-qingshan' } })).status).toBe(201);
    expect((await createInvite('fed-admin', { role: 'districtAdmin', scope: {} })).status).toBe(403);
  });

  it('checks that the scope fits the role and exists', async () => {
    const misfit = await createInvite('district-admin', { role: 'teacher', scope: { federationId: 'fed-chengdong' } });
    expect(misfit.status).toBe(400);
    expect(misfit.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/学校/) });
    const missing = await createInvite('district-admin', { role: 'teacher', scope: { schoolId: 'sch-nowhere' } });
    expect(missing.status).toBe(404);
  });

  it('lists the invites of a scope to its admins only', async () => {
    const created = await createInvite('east2-admin', { role: 'parent', scope: { schoolId: 'sch-east2' }, note: '三年级家长' });
    const { token } = await devLogin('east2-admin');
    const list = await api<{ items: Invite[] }>('GET', '/v1/invites?schoolId=sch-east2', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.code)).toContain(created.body.code);
    const outsider = await devLogin('core-admin');
    expect((await api('GET', '/v1/invites?schoolId=sch-east2', { token: outsider.token })).status).toBe(403);
  });
});

describe('redeeming an invite (the bind page)', () => {
  it('grants the role, sets the name and returns a token that carries the role', async () => {
    const invite = await createInvite('donghu-admin', { role: 'teacher', scope: { schoolId: 'sch-donghu' }, maxUses: 3 });
    const newcomer = await wechatLogin(uniqueId('o-new-teacher'));
    const res = await api<AuthResult>('POST', '/v1/invites/redeem', {
      token: newcomer.token,
      body: { code: invite.body.code.toLowerCase(), name: '吴晓梅' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: '吴晓梅', roles: [{ role: 'teacher', scope: { schoolId: 'sch-donghu' } }] });
    const me = await api<User>('GET', '/v1/me', { token: res.body.token });
    expect(me.body.roles).toEqual([{ role: 'teacher', scope: { schoolId: 'sch-donghu' } }]);

    const again = await api<AuthResult>('POST', '/v1/invites/redeem', { token: res.body.token, body: { code: invite.body.code, name: '吴晓梅' } });
    expect(again.status).toBe(200);
    const { token } = await devLogin('donghu-admin');
    const list = await api<{ items: Invite[] }>('GET', '/v1/invites?schoolId=sch-donghu', { token });
    expect(list.body.items.find((i) => i.code === invite.body.code)?.uses).toBe(1);
  });

  it('lets exactly maxUses people in when many redeem at once', async () => {
    const invite = await createInvite('qingshan-admin', { role: 'parent', scope: { schoolId: 'sch-qingshan' }, maxUses: 2 });
    const people = await Promise.all(Array.from({ length: 6 }, () => wechatLogin(uniqueId('o-parent'))));
    const results = await Promise.all(
      people.map((p, i) => api('POST', '/v1/invites/redeem', { token: p.token, body: { code: invite.body.code, name: `家长${i}` } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'INVITE_USED_UP', message: expect.stringMatching(/上限/) });
  });

  it('refuses an unknown code and an expired invite with their own codes', async () => {
    const user = await wechatLogin(uniqueId('o'));
    const unknown = await api('POST', '/v1/invites/redeem', { token: user.token, body: { code: 'ZZZZ2222', name: '某老师' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'INVITE_INVALID' });

    const invites = makeInviteRepository(testTable());
    const code = `EXP${Math.random().toString(36).slice(2, 7).toUpperCase()}`.replace(/[^A-Z0-9]/g, 'X').slice(0, 8).padEnd(8, 'X');
    await invites.createInvite({
      code,
      role: 'teacher',
      scope: { schoolId: 'sch-core' },
      maxUses: 5,
      uses: 0,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
      createdBy: 'u-core-admin',
      createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const expired = await api('POST', '/v1/invites/redeem', { token: user.token, body: { code, name: '某老师' } });
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'INVITE_EXPIRED' });
    expect((await api<User>('GET', '/v1/me', { token: user.token })).body.roles).toEqual([]);
  });

  it('validates the bind form with Chinese field errors', async () => {
    const user = await wechatLogin(uniqueId('o'));
    const res = await api<{ details: { fieldErrors: Record<string, string[]> } }>('POST', '/v1/invites/redeem', {
      token: user.token,
      body: { code: 'abc', name: '' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.fieldErrors).toEqual({ code: ['邀请码为 8 位字母或数字'], name: ['请填写姓名'] });
  });
});

describe('federations', () => {
  it('lists the caller’s federations: all for a district admin, their own for others, none without a role', async () => {
    for (const account of ['district-admin', 'qingshan-admin', 'core-teacher-1']) {
      const { token } = await devLogin(account);
      const res = await api<{ items: Array<{ federation: { id: string }; schools: unknown[] }> }>('GET', '/v1/federations', { token });
      expect(res.status).toBe(200);
      const ids = res.body.items.map((f) => f.federation.id);
      // Other tests add federations to the district: the district admin sees them too.
      if (account === 'district-admin') expect(ids).toContain('fed-chengdong');
      else expect(ids).toEqual(['fed-chengdong']);
      expect(res.body.items.find((f) => f.federation.id === 'fed-chengdong')?.schools).toHaveLength(4);
    }
    const newcomer = await wechatLogin(uniqueId('o-nofed'));
    expect((await api<{ items: unknown[] }>('GET', '/v1/federations', { token: newcomer.token })).body.items).toEqual([]);
  });

  it('returns the demo federation with its core and member schools and default rules', async () => {
    const { token } = await devLogin('core-teacher-1');
    const res = await api<{ federation: { coreSchoolId: string }; schools: Array<{ id: string; rural: boolean }>; rules: { onlineJointResearchPerSemester: number } }>(
      'GET',
      '/v1/federations/fed-chengdong',
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.body.federation.coreSchoolId).toBe('sch-core');
    expect(res.body.schools).toHaveLength(4);
    expect(res.body.schools.filter((s) => s.rural)).toHaveLength(1);
    expect(res.body.rules.onlineJointResearchPerSemester).toBe(8);
  });
});
