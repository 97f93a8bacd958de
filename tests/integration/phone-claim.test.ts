import { describe, expect, it } from 'vitest';
import type { AuthResult, PeoplePage, Person } from '@lianyan/shared';
import { api, devLogin, dingtalkCode, uniqueId, wechatCode, wechatLogin, wechatPhoneCode } from '../support/api.ts';

let n = 0;
const newPhone = () => `138${String((Date.now() % 1e6) * 100 + (++n % 100)).padStart(8, '0')}`;
const admin = async () => (await devLogin('core-admin')).token;

async function rosterPerson(phone: string, body: Record<string, unknown> = {}) {
  const res = await api<Person>('POST', '/v1/schools/sch-core/people', { token: await admin(), body: { name: '认领老师', phone, ...body } });
  expect(res.status).toBe(201);
  return res.body;
}

async function loginWithPhone(openid: string, phone: string) {
  return api<AuthResult>('POST', '/v1/auth/wechat', { body: { code: await wechatCode(openid), phoneCode: await wechatPhoneCode(phone) } });
}

describe('claim by phone: an imported teacher logs in with 手机号快捷登录 and lands with the roster’s school and role', () => {
  it('makes the invited person active with their roles, and the next login finds them again', async () => {
    const phone = newPhone();
    const person = await rosterPerson(phone, { name: '孙晓彤', position: 'dean', subjects: ['数学'] });
    const openid = uniqueId('o-claim');
    const first = await loginWithPhone(openid, phone);
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ id: person.id, name: '孙晓彤', position: 'dean', subject: '数学', roles: [{ role: 'teacher', scope: { schoolId: 'sch-core' } }] });
    expect(first.body.isNew).toBe(false);
    const again = await wechatLogin(openid);
    expect(again.user.id).toBe(person.id);
    const roster = await api<PeoplePage>('GET', `/v1/schools/sch-core/people?q=${phone.slice(-8)}`, { token: await admin() });
    expect(roster.body.items[0]).toMatchObject({ id: person.id, status: 'active' });
  });

  it('gives one phone to one account: another account is refused, and of two racing only one wins', async () => {
    const phone = newPhone();
    const person = await rosterPerson(phone);
    expect((await loginWithPhone(uniqueId('o-first'), phone)).status).toBe(200);
    const second = await loginWithPhone(uniqueId('o-second'), phone);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'PHONE_CLAIMED', message: expect.stringMatching(/原账号/) });

    const racePhone = newPhone();
    const raced = await rosterPerson(racePhone);
    const results = await Promise.all(Array.from({ length: 4 }, () => loginWithPhone(uniqueId('o-race'), racePhone)));
    expect(results.filter((r) => r.status === 200).map((r) => r.body.user.id)).toEqual([raced.id]);
    for (const r of results.filter((x) => x.status !== 200)) expect(r.body).toMatchObject({ code: 'PHONE_CLAIMED' });
    expect(person.id).not.toBe(raced.id);
  });

  it('moves an empty account made before the import onto the person, and leaves an account with roles alone', async () => {
    const openid = uniqueId('o-early');
    const early = await wechatLogin(openid);
    expect(early.user.roles).toEqual([]);
    const phone = newPhone();
    const person = await rosterPerson(phone);
    const claimed = await loginWithPhone(openid, phone);
    expect(claimed.body.user.id).toBe(person.id);
    expect((await wechatLogin(openid)).user.id).toBe(person.id);

    const otherPhone = newPhone();
    await rosterPerson(otherPhone);
    const parentOpenid = uniqueId('o-parent');
    const parent = await wechatLogin(parentOpenid);
    const bound = await api('POST', '/v1/parents/bind', { token: parent.token, body: { inviteCode: 'JZXX2026', childName: `小${uniqueId('c').slice(-3)}`, className: '一年级(2)班', name: '有角色的家长', guardianConsent: true } });
    expect(bound.status).toBe(200);
    const kept = await loginWithPhone(parentOpenid, otherPhone);
    expect(kept.body.user.id).toBe(parent.user.id);
  });

  it('goes on as before when no teacher has the phone, and refuses a used phone code', async () => {
    const phone = newPhone();
    const fresh = await loginWithPhone(uniqueId('o-nobody'), phone);
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.roles).toEqual([]);
    const code = await wechatPhoneCode(phone);
    await api('POST', '/v1/auth/wechat', { body: { code: await wechatCode(uniqueId('o')), phoneCode: code } });
    const reused = await api('POST', '/v1/auth/wechat', { body: { code: await wechatCode(uniqueId('o')), phoneCode: code } });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ code: 'PHONE_CODE_INVALID', message: expect.stringMatching(/手机号快捷登录/) });
  });

  it('matches DingTalk’s mobile the same way', async () => {
    const phone = newPhone();
    const person = await rosterPerson(phone, { name: '钉钉老师' });
    const authCode = await dingtalkCode({ userid: uniqueId('ding'), name: '钉钉老师', mobile: phone });
    const res = await api<AuthResult>('POST', '/v1/auth/dingtalk', { body: { authCode } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: person.id, roles: [{ role: 'teacher', scope: { schoolId: 'sch-core' } }] });
  });
});
