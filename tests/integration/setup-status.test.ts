import { describe, expect, it } from 'vitest';
import { schoolYearOf, type Federation, type Invite, type School, type SetupStatus } from '@lianyan/shared';
import { api, devLogin, uniqueId } from '../support/api.ts';

const as = async (account: string) => (await devLogin(account)).token;
let phones = 0;
const newPhone = () => `134${String((Date.now() % 1e6) * 100 + (++phones % 100)).padStart(8, '0')}`;

describe('GET /v1/setup-status: what the district has set up', () => {
  it('counts per federation: schools, the core school, school admins and invites, teachers invited and active', async () => {
    const district = await as('district-admin');
    const status = async () => {
      const res = await api<SetupStatus>('GET', '/v1/setup-status', { token: district });
      expect(res.status, res.text).toBe(200);
      return res.body;
    };
    const first = await status();
    expect(first.schoolYear).toBe(schoolYearOf(new Date()));
    // The demo federations, as seeded.
    const chengdong = first.federations.find((f) => f.federation.id === 'fed-chengdong')!;
    expect(chengdong.coreSchoolId).toBe('sch-core');
    expect(chengdong.schools.map((s) => s.id)).toEqual(expect.arrayContaining(['sch-core', 'sch-east2', 'sch-donghu', 'sch-qingshan']));
    expect(chengdong.schools.find((s) => s.id === 'sch-qingshan')).toMatchObject({ admins: 1, teachers: { active: expect.any(Number) } });
    expect(chengdong.schools.find((s) => s.id === 'sch-qingshan')!.teachers.active).toBeGreaterThanOrEqual(7);
    const xiqu = first.federations.find((f) => f.federation.id === 'fed-xiqu')!;
    expect(xiqu.schools.find((s) => s.id === 'sch-xiqu-hexi')).toMatchObject({ admins: 0, adminInvites: 0, teachers: { invited: 0, active: 1 } });

    // A new federation: nothing, then a school, an admin invite and an imported (invited) teacher.
    const federation = (await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `建设测试${uniqueId('f').slice(-6)}`, kind: 'cluster' } })).body;
    expect((await status()).federations.find((f) => f.federation.id === federation.id)).toEqual({
      federation: { id: federation.id, name: federation.name, kind: 'cluster' },
      schools: [],
      groups: 0,
    });
    const school = (await api<School>('POST', `/v1/federations/${federation.id}/schools`, { token: district, body: { name: `建设小学${uniqueId('s').slice(-6)}`, stage: 'primary' } })).body;
    const invite = await api<Invite>('POST', '/v1/invites', { token: district, body: { role: 'schoolAdmin', scope: { schoolId: school.id }, maxUses: 1 } });
    expect(invite.status, invite.text).toBe(201);
    expect((await api('POST', `/v1/schools/${school.id}/people`, { token: district, body: { name: '待登录老师', phone: newPhone() } })).status).toBe(201);
    const after = (await status()).federations.find((f) => f.federation.id === federation.id)!;
    expect(after).toMatchObject({ coreSchoolId: school.id, groups: 0 });
    expect(after.schools).toEqual([{ id: school.id, name: school.name, isCore: true, admins: 0, adminInvites: 1, teachers: { invited: 1, active: 0 }, classes: 0 }]);

    // A research group and this year's classes count once they exist.
    const teacher = (await api<{ id: string }>('POST', `/v1/schools/${school.id}/people`, { token: district, body: { name: '组长老师', phone: newPhone(), subjects: ['语文'], grades: ['四年级'] } })).body;
    const group = await api('POST', `/v1/federations/${federation.id}/groups`, { token: district, body: { subject: '语文', grade: '四年级', leaderId: teacher.id } });
    expect(group.status, group.text).toBe(201);
    const classes = await api('PUT', `/v1/schools/${school.id}/classes`, {
      token: district,
      body: { schoolYear: schoolYearOf(new Date()), classes: [{ grade: '一年级', name: '一年级(1)班' }, { grade: '一年级', name: '一年级(2)班' }] },
    });
    expect(classes.status, classes.text).toBe(200);
    const withBoth = (await status()).federations.find((f) => f.federation.id === federation.id)!;
    expect(withBoth.groups).toBe(1);
    expect(withBoth.schools[0]).toMatchObject({ classes: 2, teachers: { invited: 2, active: 0 } });
  });

  it('is the district admin’s only', async () => {
    for (const account of ['fed-admin', 'xiqu-fed-admin', 'core-admin', 'core-teacher-1']) {
      const res = await api('GET', '/v1/setup-status', { token: await as(account) });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/教体局/) });
    }
  });
});
