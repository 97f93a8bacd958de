import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthResult, Federation, GroupDetail, GroupList, MySessions, Roster, School, Session } from '@lianyan/shared';
import { api, devLogin, uniqueId, wechatLogin } from '../support/api.ts';
import { makeSessionInput } from '../support/sessions.ts';

// 中心教研组 on a federation of their own (the demo federation keeps its figures): every route, bad input,
// authorization across federations, the membership rule, a session for a group and a leader organising one.

const as = async (account: string) => (await devLogin(account)).token;

async function newFederation() {
  const district = await as('district-admin');
  const fed = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `教研组测试${uniqueId('f').slice(-6)}`, kind: 'alliance' } });
  expect(fed.status).toBe(201);
  const school = async (label: string) => {
    const res = await api<School>('POST', `/v1/federations/${fed.body.id}/schools`, { token: district, body: { name: `${label}${uniqueId('s').slice(-8)}`, stage: 'primary' } });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  return { federationId: fed.body.id, schoolA: await school('教研甲小学'), schoolB: await school('教研乙小学') };
}

/** A person with a role (logged in through WeChat, joined by invite), and for teachers their subjects and grades. */
async function join(role: 'teacher' | 'federationAdmin', scope: { schoolId: string } | { federationId: string }, name: string, teaching?: { subjects: string[]; grades: string[] }) {
  const district = await as('district-admin');
  const invite = await api<{ code: string }>('POST', '/v1/invites', { token: district, body: { role, scope } });
  expect(invite.status).toBe(201);
  const login = await wechatLogin(uniqueId('o-group'));
  const redeemed = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name } });
  expect(redeemed.status).toBe(200);
  if (teaching) expect((await api('PATCH', `/v1/people/${redeemed.body.user.id}`, { token: district, body: teaching })).status).toBe(200);
  return { id: redeemed.body.user.id, token: redeemed.body.token };
}

let world: Awaited<ReturnType<typeof setUp>>;
async function setUp() {
  const fed = await newFederation();
  const chinese4 = { subjects: ['语文'], grades: ['四年级'] };
  const [admin, a1, b1, aMath, bOther] = await Promise.all([
    join('federationAdmin', { federationId: fed.federationId }, '教研管理员'),
    join('teacher', { schoolId: fed.schoolA }, '甲语文', chinese4),
    join('teacher', { schoolId: fed.schoolB }, '乙语文', { subjects: ['数学', '语文'], grades: ['三年级', '四年级'] }),
    join('teacher', { schoolId: fed.schoolA }, '甲数学', { subjects: ['数学'], grades: ['四年级'] }),
    join('teacher', { schoolId: fed.schoolB }, '乙五年级', { subjects: ['语文'], grades: ['五年级'] }),
  ]);
  return { ...fed, admin, a1, b1, aMath, bOther };
}
beforeAll(async () => {
  world = await setUp();
}, 60_000);

const createGroup = (token: string, federationId: string, body: Record<string, unknown>) => api<GroupDetail>('POST', `/v1/federations/${federationId}/groups`, { token, body });
const getGroup = (token: string, id: string) => api<GroupDetail>('GET', `/v1/groups/${id}`, { token });
const memberIds = (detail: GroupDetail) => detail.members.map((m) => m.id).sort();

describe('中心教研组: a federation admin creates groups of a subject in a grade', () => {
  it('creates a group with a default name and its leader; the members are the teachers of that subject in that grade', async () => {
    const res = await createGroup(world.admin.token, world.federationId, { subject: '语文', grade: '四年级', leaderId: world.a1.id });
    expect(res.status).toBe(201);
    expect(res.body.group).toMatchObject({ federationId: world.federationId, subject: '语文', grade: '四年级', name: '四年级语文中心教研组', leaderId: world.a1.id, leaderName: '甲语文' });
    expect(memberIds(res.body)).toEqual([world.a1.id, world.b1.id].sort());
    expect(res.body.members.find((m) => m.id === world.a1.id)).toMatchObject({ leader: true, schoolId: world.schoolA, via: 'rule' });
    expect(res.body.canManage).toBe(true);

    const again = await createGroup(world.admin.token, world.federationId, { subject: '语文', grade: '四年级', name: '另一个名字' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'GROUP_EXISTS', message: expect.stringContaining('四年级语文') });

    const list = await api<GroupList>('GET', `/v1/federations/${world.federationId}/groups`, { token: world.bOther.token });
    expect(list.status).toBe(200);
    expect(list.body.items.find((g) => g.id === res.body.group.id)).toMatchObject({ memberCount: 2, leaderName: '甲语文' });
  });

  it('creates one group when the same subject and grade are sent twice at once', async () => {
    const both = await Promise.all([1, 2].map(() => createGroup(world.admin.token, world.federationId, { subject: '科学', grade: '三年级' })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const list = await api<GroupList>('GET', `/v1/federations/${world.federationId}/groups`, { token: world.admin.token });
    expect(list.body.items.filter((g) => g.subject === '科学' && g.grade === '三年级')).toHaveLength(1);
  });

  it('refuses bad input with Chinese messages, and a leader who is not a teacher of the federation', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ grade: '四年级' }, /./],
      [{ subject: '', grade: '四年级' }, /学科/],
      [{ subject: '语文', grade: '四年级'.repeat(5) }, /年级最多/],
      [{ subject: '语文', grade: '一年级', extra: 1 }, /./],
      [{ subject: '语文', grade: '一年级', leaderId: '../x' }, /编号/],
    ];
    for (const [body, message] of cases) {
      const res = await createGroup(world.admin.token, world.federationId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body)).toMatch(message);
    }
    const outsider = await createGroup(world.admin.token, world.federationId, { subject: '语文', grade: '二年级', leaderId: 'u-core-teacher-1' });
    expect(outsider.status).toBe(400);
    expect(outsider.body).toMatchObject({ message: expect.stringMatching(/组长必须是本校联体学校的教师/), details: { fieldErrors: { leaderId: [expect.any(String)] } } });
    const noFederation = await createGroup(await as('district-admin'), 'fed-nope', { subject: '语文', grade: '二年级' });
    expect(noFederation.status).toBe(404);
    expect((await getGroup(world.admin.token, 'no-such-group')).status).toBe(404);
    const badPatch = await api('PATCH', `/v1/groups/no-such-group`, { token: world.admin.token, body: { addMembers: 'x' } });
    expect(badPatch.status).toBe(400);
  });

  it('is kept by its federation admins and district admins only; other federations cannot see it', async () => {
    const created = await createGroup(await as('district-admin'), world.federationId, { subject: '英语', grade: '四年级' });
    expect(created.status).toBe(201);
    const id = created.body.group.id;
    for (const account of ['fed-admin', 'organizer', 'core-admin']) {
      const token = await as(account);
      expect((await createGroup(token, world.federationId, { subject: '英语', grade: '五年级' })).status, account).toBe(403);
      expect((await api('GET', `/v1/federations/${world.federationId}/groups`, { token })).status, account).toBe(403);
      expect((await getGroup(token, id)).status, account).toBe(404);
      expect([403, 404], account).toContain((await api('PATCH', `/v1/groups/${id}`, { token, body: { addMembers: [world.a1.id] } })).status);
    }
    // A teacher of the federation reads the group but may not change it.
    const read = await getGroup(world.bOther.token, id);
    expect(read.status).toBe(200);
    expect(read.body.canManage).toBe(false);
    expect((await api('PATCH', `/v1/groups/${id}`, { token: world.bOther.token, body: { addMembers: [world.bOther.id] } })).status).toBe(403);
    // This federation's admin may not create groups in the demo federation.
    expect((await createGroup(world.admin.token, 'fed-chengdong', { subject: '语文', grade: '一年级' })).status).toBe(403);
  });
});

describe('membership: by the rule, plus added, minus removed', () => {
  it('adds and removes members by hand, keeps the leader, refuses outsiders, and follows the rule as teachers change', async () => {
    const created = await createGroup(world.admin.token, world.federationId, { subject: '数学', grade: '四年级', name: '四年级数学教研组' });
    expect(created.status).toBe(201);
    const id = created.body.group.id;
    expect(created.body.group.name).toBe('四年级数学教研组');
    expect(memberIds(created.body)).toEqual([world.aMath.id, world.b1.id].sort());

    const changed = await api<GroupDetail>('PATCH', `/v1/groups/${id}`, { token: world.admin.token, body: { leaderId: world.aMath.id, addMembers: [world.bOther.id], removeMembers: [world.b1.id] } });
    expect(changed.status).toBe(200);
    expect(memberIds(changed.body)).toEqual([world.aMath.id, world.bOther.id].sort());
    expect(changed.body.members.find((m) => m.id === world.bOther.id)?.via).toBe('added');
    expect(changed.body.removed.map((r) => r.id)).toEqual([world.b1.id]);

    const leaderOut = await api('POST', `/v1/groups/${id}`, { token: world.admin.token, body: { removeMembers: [world.aMath.id] } });
    expect(leaderOut.status).toBe(400);
    expect(leaderOut.body).toMatchObject({ message: expect.stringMatching(/组长不能移出/) });
    const both = await api('PATCH', `/v1/groups/${id}`, { token: world.admin.token, body: { addMembers: [world.a1.id], removeMembers: [world.a1.id] } });
    expect(both.status).toBe(400);
    const outsider = await api('PATCH', `/v1/groups/${id}`, { token: world.admin.token, body: { addMembers: ['u-core-teacher-2'] } });
    expect(outsider.status).toBe(400);
    expect(outsider.body).toMatchObject({ details: { fieldErrors: { addMembers: [expect.stringContaining('u-core-teacher-2')] } } });
    const badLeader = await api('PATCH', `/v1/groups/${id}`, { token: world.admin.token, body: { leaderId: 'u-core-teacher-2' } });
    expect(badLeader.status).toBe(400);

    // Through the POST alias: the removed teacher comes back.
    const back = await api<GroupDetail>('POST', `/v1/groups/${id}`, { token: world.admin.token, body: { addMembers: [world.b1.id] } });
    expect(back.status).toBe(200);
    expect(memberIds(back.body)).toEqual([world.aMath.id, world.b1.id, world.bOther.id].sort());
    expect(back.body.removed).toEqual([]);
  });

  it('keeps every change when two admins change members at once', async () => {
    const created = await createGroup(world.admin.token, world.federationId, { subject: '音乐', grade: '四年级' });
    const id = created.body.group.id;
    const district = await as('district-admin');
    await Promise.all([
      api('PATCH', `/v1/groups/${id}`, { token: world.admin.token, body: { addMembers: [world.a1.id] } }),
      api('PATCH', `/v1/groups/${id}`, { token: district, body: { addMembers: [world.bOther.id] } }),
    ]);
    expect(memberIds((await getGroup(world.admin.token, id)).body)).toEqual([world.a1.id, world.bOther.id].sort());
  });
});

describe('a session for a group: exactly its members at publish time', () => {
  it('expects the members when published, and later changes of the group change nothing for that session', async () => {
    const created = await createGroup(world.admin.token, world.federationId, { subject: '语文', grade: '五年级', leaderId: world.bOther.id });
    const groupId = created.body.group.id;
    const input = makeSessionInput({ hostSchoolId: world.schoolA, audience: { type: 'group', groupId } });
    const session = await api<Session>('POST', '/v1/sessions', { token: world.admin.token, body: input });
    expect(session.status).toBe(201);
    expect(session.body.audience).toMatchObject({ type: 'group', groupId, name: '五年级语文中心教研组' });
    await api('PATCH', `/v1/groups/${groupId}`, { token: world.admin.token, body: { addMembers: [world.a1.id] } });
    const published = await api<Session>('POST', `/v1/sessions/${session.body.id}/publish`, { token: world.admin.token });
    expect(published.status).toBe(200);
    expect(published.body.expectedCount).toBe(2);

    // After publishing: a member added and one removed do not change who was expected.
    await api('PATCH', `/v1/groups/${groupId}`, { token: world.admin.token, body: { addMembers: [world.aMath.id], removeMembers: [world.a1.id] } });
    const expectedIds = async () => {
      const roster = await api<Roster>('GET', `/v1/sessions/${session.body.id}/attendance?include=missing`, { token: world.admin.token });
      expect(roster.status).toBe(200);
      return [...roster.body.items.map((r) => r.userId), ...(roster.body.missing ?? []).map((m) => m.userId)].sort();
    };
    expect(await expectedIds()).toEqual([world.a1.id, world.bOther.id].sort());
    // An edit that sends the same group again (the form sends the audience with every edit) keeps them too.
    const edited = await api<Session>('PATCH', `/v1/sessions/${session.body.id}`, { token: world.admin.token, body: { title: '五年级语文组：改过的标题', audience: { type: 'group', groupId } } });
    expect(edited.status).toBe(200);
    expect(edited.body.expectedCount).toBe(2);
    expect(await expectedIds()).toEqual([world.a1.id, world.bOther.id].sort());

    const mine = async (token: string) => (await api<MySessions>('GET', '/v1/me/sessions', { token })).body.upcoming.map((x) => x.session.id);
    expect(await mine(world.a1.token)).toContain(session.body.id);
    expect(await mine(world.aMath.token)).not.toContain(session.body.id);
    expect(await mine(world.b1.token)).not.toContain(session.body.id);

    const detail = await getGroup(world.bOther.token, groupId);
    expect(detail.body.sessions.map((s) => s.id)).toContain(session.body.id);

    const closed = await api<Session & { markedAbsent: number }>('POST', `/v1/sessions/${session.body.id}/close`, { token: world.admin.token });
    expect(closed.status).toBe(200);
    expect(closed.body.markedAbsent).toBe(2);
  });

  it('refuses a group of another federation, or one that does not exist, as the audience', async () => {
    const other = await createGroup(await as('district-admin'), world.federationId, { subject: '体育', grade: '四年级' });
    const demo = await api('POST', '/v1/sessions', { token: await as('organizer'), body: makeSessionInput({ audience: { type: 'group', groupId: other.body.group.id } }) });
    expect(demo.status).toBe(400);
    expect(demo.body).toMatchObject({ message: expect.stringMatching(/中心教研组/) });
    const none = await api('POST', '/v1/sessions', { token: world.admin.token, body: makeSessionInput({ hostSchoolId: world.schoolA, audience: { type: 'group', groupId: 'grp-none' } }) });
    expect(none.status).toBe(400);
    const empty = await api('POST', '/v1/sessions', { token: world.admin.token, body: makeSessionInput({ hostSchoolId: world.schoolA, audience: { type: 'group' } as never }) });
    expect(empty.status).toBe(400);
  });

  it('keeps the older subject-and-grade audience working', async () => {
    const input = makeSessionInput({ hostSchoolId: world.schoolA, audience: { type: 'group', subject: '数学', grade: '四年级' } });
    const created = await api<Session>('POST', '/v1/sessions', { token: world.admin.token, body: input });
    expect(created.status).toBe(201);
    const published = await api<Session>('POST', `/v1/sessions/${created.body.id}/publish`, { token: world.admin.token });
    // Teachers whose first subject is 数学: 甲数学, and 乙语文 (数学 and 语文); grades play no part in the older form.
    expect(published.body.expectedCount).toBe(2);
    expect(published.body.audienceMembers).toBeUndefined();
  });
});

describe('a group leader organises sessions for the group', () => {
  it('lets the leader create, publish and run a session for their group, and nothing else', async () => {
    const created = await createGroup(world.admin.token, world.federationId, { subject: '语文', grade: '三年级', leaderId: world.b1.id });
    const groupId = created.body.group.id;
    const leader = world.b1.token;
    const session = await api<Session>('POST', '/v1/sessions', { token: leader, body: makeSessionInput({ hostSchoolId: world.schoolB, title: '三年级语文组集体备课', audience: { type: 'group', groupId } }) });
    expect(session.status).toBe(201);
    expect(session.body.organizerId).toBe(world.b1.id);
    const published = await api<Session>('POST', `/v1/sessions/${session.body.id}/publish`, { token: leader });
    expect(published.status).toBe(200);
    expect(published.body.expectedCount).toBe(1);
    expect((await api('GET', `/v1/sessions/${session.body.id}/qr?purpose=in`, { token: leader })).status).toBe(200);
    const toAll = await api('PATCH', `/v1/sessions/${session.body.id}`, { token: leader, body: { audience: { type: 'federation' } } });
    expect(toAll.status).toBe(403);

    // Not for the whole federation, not for a group they do not lead, and not as another teacher.
    const whole = await api('POST', '/v1/sessions', { token: leader, body: makeSessionInput({ hostSchoolId: world.schoolB, audience: { type: 'federation' } }) });
    expect(whole.status).toBe(403);
    const notLed = await createGroup(world.admin.token, world.federationId, { subject: '语文', grade: '六年级', leaderId: world.a1.id });
    const other = await api('POST', '/v1/sessions', { token: leader, body: makeSessionInput({ hostSchoolId: world.schoolB, audience: { type: 'group', groupId: notLed.body.group.id } }) });
    expect(other.status).toBe(403);
    const member = await api('POST', `/v1/sessions/${session.body.id}/publish`, { token: world.aMath.token });
    expect(member.status).toBe(403);
    expect((await api('POST', `/v1/sessions/${session.body.id}/close`, { token: world.aMath.token })).status).toBe(403);
  });
});
