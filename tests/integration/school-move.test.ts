import { describe, expect, it } from 'vitest';
import {
  schoolYearOf,
  type AuthResult,
  type Federation,
  type FederationReport,
  type FederationWithSchools,
  type Invite,
  type Person,
  type School,
  type SchoolReport,
  type Session,
} from '@lianyan/shared';
import { rolloverSchoolYear } from '@lianyan/infra/admin/rollover';
import { api, devLogin, uniqueId, wechatLogin } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { makeSessionInput } from '../support/sessions.ts';

// 学校调整校联体: from a school year on, the school counts in its new federation; what was stays where it was.

const as = async (account: string) => (await devLogin(account)).token;
const tag = () => uniqueId('m').slice(-8);

async function newFederation(token: string) {
  const res = await api<Federation>('POST', '/v1/federations', { token, body: { name: `调整测试${tag()}`, kind: 'group' } });
  expect(res.status).toBe(201);
  return res.body;
}
async function addSchool(token: string, federationId: string, label: string) {
  const res = await api<School>('POST', `/v1/federations/${federationId}/schools`, { token, body: { name: `${label}${tag()}`, stage: 'primary' } });
  expect(res.status).toBe(201);
  return res.body;
}
const federationReport = async (token: string, id: string, semester: string) => {
  const res = await api<FederationReport>('GET', `/v1/reports/federations/${id}?semester=${semester}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const rowOf = (report: FederationReport, schoolId: string) => report.schools.find((r) => r.school.id === schoolId);
const schoolsOf = async (token: string, federationId: string) =>
  (await api<FederationWithSchools>('GET', `/v1/federations/${federationId}`, { token })).body.schools.map((s) => s.id).sort();

/** A new WeChat user who is the federation's admin (the district admin's invite). */
async function federationAdmin(district: string, federationId: string) {
  const invite = await api<Invite>('POST', '/v1/invites', { token: district, body: { role: 'federationAdmin', scope: { federationId } } });
  expect(invite.status).toBe(201);
  const login = await wechatLogin(uniqueId('o-move-admin'));
  const res = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name: '调整管理员' } });
  expect(res.status).toBe(200);
  return res.body.token;
}

const thisYear = schoolYearOf(new Date());
const first = Number(thisYear.slice(0, 4));
const nextYear = `${first + 1}-${first + 2}`;
const semesterNow = (() => {
  const month = new Date(Date.now() + 8 * 3_600_000).getUTCMonth() + 1;
  return `${thisYear}-${month >= 9 || month < 2 ? 1 : 2}`;
})();

describe('moving a school to another federation from a school year', () => {
  it('keeps a move from next year pending (placement, access, reports unchanged) until the rollover applies it, once', async () => {
    const district = await as('district-admin');
    const [a, b] = [await newFederation(district), await newFederation(district)];
    const coreA = await addSchool(district, a.id, '甲核心校');
    const moving = await addSchool(district, a.id, '调出小学');
    const coreB = await addSchool(district, b.id, '乙核心校');

    // This year's record in A: a teacher of the moving school attended A's session.
    const teacher = await api<Person>('POST', `/v1/schools/${moving.id}/people`, { token: district, body: { name: '调整老师', phone: `135${String(Date.now() % 1e8).padStart(8, '0')}` } });
    expect(teacher.status).toBe(201);
    const created = await api<Session>('POST', '/v1/sessions', { token: district, body: makeSessionInput({ hostSchoolId: coreA.id, geofence: 'off' }) });
    expect(created.status, created.text).toBe(201);
    expect((await api('POST', `/v1/sessions/${created.body.id}/publish`, { token: district })).status).toBe(200);
    const marked = await api('PUT', `/v1/sessions/${created.body.id}/attendance/${teacher.body.id}`, { token: district, body: { status: 'on_time', reason: '现场签到补录' } });
    expect(marked.status, marked.text).toBe(200);
    const before = rowOf(await federationReport(district, a.id, semesterNow), moving.id);
    expect(before).toMatchObject({ teachers: 1, attendance: expect.objectContaining({ attended: 1 }) });

    // Refused: not a district admin, a past or far year, the core school, the same federation, half a request.
    const path = `/v1/schools/${moving.id}`;
    expect((await api('PATCH', path, { token: await as('fed-admin'), body: { federationId: b.id, fromSchoolYear: nextYear } })).status).toBe(403);
    const past = await api('PATCH', path, { token: district, body: { federationId: b.id, fromSchoolYear: `${first - 1}-${first}` } });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(thisYear) });
    expect((await api('PATCH', path, { token: district, body: { federationId: b.id, fromSchoolYear: `${first + 2}-${first + 3}` } })).status).toBe(400);
    const core = await api('PATCH', `/v1/schools/${coreA.id}`, { token: district, body: { federationId: b.id, fromSchoolYear: nextYear } });
    expect(core.status).toBe(409);
    expect(core.body).toMatchObject({ message: expect.stringContaining('核心校') });
    expect((await api('PATCH', path, { token: district, body: { federationId: a.id, fromSchoolYear: nextYear } })).status).toBe(400);
    expect((await api('PATCH', path, { token: district, body: { federationId: b.id } })).status).toBe(400);
    expect((await api('PATCH', path, { token: district, body: { federationId: b.id, fromSchoolYear: nextYear, name: '顺便改名' } })).status).toBe(400);
    expect((await api('PATCH', path, { token: district, body: { federationId: 'fed-nope', fromSchoolYear: nextYear } })).status).toBe(404);

    // Asked from next year, the move waits on the school: placement, admins' access and reports stay as they are.
    const [adminA, adminB] = [await federationAdmin(district, a.id), await federationAdmin(district, b.id)];
    const pending = await api<School>('PATCH', path, { token: district, body: { federationId: b.id, fromSchoolYear: nextYear } });
    expect(pending.status, pending.text).toBe(200);
    expect(pending.body).toMatchObject({ federationId: a.id, isCore: false, pendingMove: { federationId: b.id, fromSchoolYear: nextYear, requestedAt: expect.any(String) } });
    expect(pending.body.memberSince).toBeUndefined();
    expect((await api<School>('GET', path, { token: district })).body.pendingMove).toMatchObject({ federationId: b.id, fromSchoolYear: nextYear });
    expect(await schoolsOf(district, a.id)).toEqual([coreA.id, moving.id].sort());
    expect(await schoolsOf(district, b.id)).toEqual([coreB.id]);
    expect((await api('PATCH', path, { token: adminA, body: { address: '调整前的地址' } })).status).toBe(200);
    expect((await api('PATCH', path, { token: adminB, body: { address: '不该改到' } })).status).toBe(403);
    expect(rowOf(await federationReport(district, a.id, semesterNow), moving.id)).toEqual(before);
    expect(rowOf(await federationReport(district, a.id, `${nextYear}-1`), moving.id)).toBeDefined();
    expect(rowOf(await federationReport(district, b.id, `${nextYear}-1`), moving.id)).toBeUndefined();

    // The rollover to next year applies it, once: a second run finds nothing to move.
    const run = await rolloverSchoolYear(testTable(), { to: nextYear, schoolIds: [moving.id] });
    expect(run.moves).toEqual([{ schoolId: moving.id, schoolName: moving.name, fromFederationId: a.id, toFederationId: b.id, outcome: 'moved' }]);
    expect((await rolloverSchoolYear(testTable(), { to: nextYear, schoolIds: [moving.id] })).moves).toEqual([]);
    const moved = await api<School>('GET', path, { token: district });
    expect(moved.body).toMatchObject({ federationId: b.id, memberSince: nextYear, isCore: false });
    expect(moved.body.pendingMove).toBeUndefined();
    expect(await schoolsOf(district, b.id)).toEqual([coreB.id, moving.id].sort());
    expect(await schoolsOf(district, a.id)).toEqual([coreA.id]);
    expect((await api('PATCH', path, { token: adminB, body: { address: '调整后的地址' } })).status).toBe(200);
    expect((await api('PATCH', path, { token: adminA, body: { address: '不该改到' } })).status).toBe(403);

    // This year: still A's, the same row as before; B's report does not have it.
    const after = rowOf(await federationReport(district, a.id, semesterNow), moving.id);
    expect(after).toEqual(before);
    expect(rowOf(await federationReport(district, b.id, semesterNow), moving.id)).toBeUndefined();
    const own = await api<SchoolReport>('GET', `/v1/reports/schools/${moving.id}?semester=${semesterNow}`, { token: district });
    expect(own.body.federation.id).toBe(a.id);
    expect(own.body.attendance).toEqual(before!.attendance);

    // From next year: B's, not A's.
    expect(rowOf(await federationReport(district, b.id, `${nextYear}-1`), moving.id)).toMatchObject({ teachers: 1 });
    expect(rowOf(await federationReport(district, a.id, `${nextYear}-1`), moving.id)).toBeUndefined();
    const later = await api<SchoolReport>('GET', `/v1/reports/schools/${moving.id}?semester=${nextYear}-1`, { token: district });
    expect(later.body.federation.id).toBe(b.id);
  });

  it('cancels a pending move (district admins only), refuses a second one while one is pending, and lets one of two at once win', async () => {
    const district = await as('district-admin');
    const [a, b, c] = [await newFederation(district), await newFederation(district), await newFederation(district)];
    await addSchool(district, a.id, '甲核心校');
    const moving = await addSchool(district, a.id, '待调整小学');
    const path = `/v1/schools/${moving.id}`;
    const cancel = (token: string, id = moving.id) => api<School & { code: string; message: string }>('DELETE', `/v1/schools/${id}/pending-move`, { token });

    const none = await cancel(district);
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 'NO_PENDING_MOVE', message: expect.stringContaining('没有待生效') });
    expect((await cancel(district, 'sch-nope')).status).toBe(404);

    // Two moves at once to different federations: exactly one is pending, the other is told which one won.
    const both = await Promise.all([b, c].map((f) => api<School & { code: string; message: string }>('PATCH', path, { token: district, body: { federationId: f.id, fromSchoolYear: nextYear } })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.status === 200)!.body.pendingMove!.federationId;
    const loser = both.find((r) => r.status === 409)!.body;
    expect(loser).toMatchObject({ code: 'SCHOOL_MOVE_PENDING', message: expect.stringContaining(`${first + 1}学年`) });
    expect(loser.message).toContain('撤销');
    expect((await api<School>('GET', path, { token: district })).body.pendingMove?.federationId).toBe(winner);

    // While pending: another move (even from this year) and making it core are refused with the way out.
    const again = await api<{ code: string; message: string }>('PATCH', path, { token: district, body: { federationId: winner === b.id ? c.id : b.id, fromSchoolYear: thisYear } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SCHOOL_MOVE_PENDING');
    const core = await api<{ code: string; message: string }>('PATCH', path, { token: district, body: { isCore: true } });
    expect(core.status).toBe(409);
    expect(core.body).toMatchObject({ code: 'SCHOOL_MOVE_PENDING', message: expect.stringContaining('不能设为核心校') });

    // Only the district admin cancels; then the school stays where it was and the rollover moves nothing.
    const refused = await cancel(await as('fed-admin'));
    expect(refused.status).toBe(403);
    expect((await cancel(await federationAdmin(district, a.id))).status).toBe(403);
    const cancelled = await cancel(district);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ id: moving.id, federationId: a.id });
    expect(cancelled.body.pendingMove).toBeUndefined();
    expect((await cancel(district)).body.code).toBe('NO_PENDING_MOVE');
    expect((await rolloverSchoolYear(testTable(), { to: nextYear, schoolIds: [moving.id] })).moves).toEqual([]);
    expect((await api<School>('GET', path, { token: district })).body.federationId).toBe(a.id);

    // A new move can be asked for again after the cancel.
    expect((await api<School>('PATCH', path, { token: district, body: { federationId: c.id, fromSchoolYear: nextYear } })).body.pendingMove?.federationId).toBe(c.id);
    expect((await cancel(district)).status).toBe(200);
  });

  it('moves a school from this year: the years before stay with the old federation', async () => {
    const district = await as('district-admin');
    const [a, b] = [await newFederation(district), await newFederation(district)];
    await addSchool(district, a.id, '甲核心校');
    const moving = await addSchool(district, a.id, '本学年调出小学');
    // B has no school yet: the moved school becomes its core school.
    const moved = await api<School>('POST', `/v1/schools/${moving.id}`, { token: district, body: { federationId: b.id, fromSchoolYear: thisYear } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ federationId: b.id, memberSince: thisYear, isCore: true });
    const lastYear = `${first - 1}-${first}-2`;
    expect(rowOf(await federationReport(district, a.id, lastYear), moving.id)).toBeDefined();
    expect(rowOf(await federationReport(district, a.id, semesterNow), moving.id)).toBeUndefined();
    expect(rowOf(await federationReport(district, b.id, semesterNow), moving.id)).toBeDefined();
    expect(rowOf(await federationReport(district, b.id, lastYear), moving.id)).toBeUndefined();
    // It is B's core school now: it cannot move on until another school there is named core.
    const back = await api('PATCH', `/v1/schools/${moving.id}`, { token: district, body: { federationId: a.id, fromSchoolYear: thisYear } });
    expect(back.status).toBe(409);
  });
});
