import { describe, expect, it } from 'vitest';
import { schoolYearOf, type Federation, type FederationReport, type FederationWithSchools, type Person, type School, type SchoolReport, type Session } from '@lianyan/shared';
import { api, devLogin, uniqueId } from '../support/api.ts';
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

const thisYear = schoolYearOf(new Date());
const first = Number(thisYear.slice(0, 4));
const nextYear = `${first + 1}-${first + 2}`;
const semesterNow = (() => {
  const month = new Date(Date.now() + 8 * 3_600_000).getUTCMonth() + 1;
  return `${thisYear}-${month >= 9 || month < 2 ? 1 : 2}`;
})();

describe('moving a school to another federation from a school year', () => {
  it('keeps this year with the old federation when the move is from next year, and counts it in the new one from then', async () => {
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

    const moved = await api<School>('PATCH', path, { token: district, body: { federationId: b.id, fromSchoolYear: nextYear } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ federationId: b.id, memberSince: nextYear, isCore: false });
    const listed = await api<FederationWithSchools>('GET', `/v1/federations/${b.id}`, { token: district });
    expect(listed.body.schools.map((s) => s.id).sort()).toEqual([coreB.id, moving.id].sort());

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
