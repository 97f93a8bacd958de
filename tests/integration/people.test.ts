import { describe, expect, it } from 'vitest';
import type { Federation, PeoplePage, Person, School } from '@lianyan/shared';
import { api, devLogin, uniqueId } from '../support/api.ts';

const as = async (account: string) => (await devLogin(account)).token;
let phones = 0;
/** A phone no other test uses: 139 + 8 digits from the time and a counter. */
const newPhone = () => `139${String((Date.now() % 1e6) * 100 + (++phones % 100)).padStart(8, '0')}`;

async function addPerson(schoolId: string, body: Record<string, unknown>, account = 'core-admin') {
  return api<Person>('POST', `/v1/schools/${schoolId}/people`, { token: await as(account), body });
}
async function list(schoolId: string, query = '', account = 'core-admin') {
  return api<PeoplePage>('GET', `/v1/schools/${schoolId}/people${query}`, { token: await as(account) });
}

describe('教师名册: a school keeps its teachers before they ever log in', () => {
  it('adds a teacher with position, subjects, grades and titles, shown masked and found by name or phone', async () => {
    const phone = newPhone();
    const name = `名册${uniqueId('p').slice(-5)}`;
    const added = await addPerson('sch-core', { name, phone, position: 'dean', subjects: ['语文', '书法'], grades: ['四年级'], titles: ['backbone'] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name, position: 'dean', subjects: ['语文', '书法'], grades: ['四年级'], titles: ['backbone'], status: 'invited', schoolIds: ['sch-core'], admin: false });
    expect(added.body.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(JSON.stringify(added.body)).not.toContain(phone);

    const byName = await list('sch-core', `?q=${encodeURIComponent(name)}`);
    expect(byName.body.items.map((p) => p.id)).toEqual([added.body.id]);
    const byPhone = await list('sch-core', `?q=${phone.slice(-6)}`);
    expect(byPhone.body.items.map((p) => p.id)).toContain(added.body.id);
    const all = await list('sch-core');
    const demo = all.body.items.find((p) => p.id === 'u-core-teacher-1');
    expect(demo).toMatchObject({ status: 'active', subjects: ['语文'] });
  });

  it('keeps one person per phone: again at the same school is refused, at another school the same person teaches there too', async () => {
    const phone = newPhone();
    const first = await addPerson('sch-core', { name: '钱多多', phone });
    const again = await addPerson('sch-core', { name: '钱多多', phone });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'PERSON_EXISTS', message: expect.stringContaining('钱多多') });
    const elsewhere = await addPerson('sch-east2', { name: '钱多多', phone }, 'east2-admin');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.id).toBe(first.body.id);
    expect(elsewhere.body.schoolIds.sort()).toEqual(['sch-core', 'sch-east2']);
  });

  it('creates one person when the same new phone is added twice at once', async () => {
    const phone = newPhone();
    const both = await Promise.all([addPerson('sch-donghu', { name: '并发老师', phone }, 'donghu-admin'), addPerson('sch-donghu', { name: '并发老师', phone }, 'donghu-admin')]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const found = await list('sch-donghu', `?q=${phone.slice(-8)}`, 'donghu-admin');
    expect(found.body.items).toHaveLength(1);
  });

  it('changes a person, refusing a phone another person has and admins of other schools', async () => {
    const taken = newPhone();
    await addPerson('sch-core', { name: '占号老师', phone: taken });
    const oldPhone = newPhone();
    const person = await addPerson('sch-core', { name: '改号老师', phone: oldPhone });
    const clash = await api('PATCH', `/v1/people/${person.body.id}`, { token: await as('core-admin'), body: { phone: taken } });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'PHONE_TAKEN' });
    const fresh = newPhone();
    const changed = await api<Person>('POST', `/v1/people/${person.body.id}`, { token: await as('core-admin'), body: { phone: fresh, subjects: ['数学'], position: 'group_leader' } });
    expect(changed.body).toMatchObject({ subjects: ['数学'], position: 'group_leader', phoneMasked: `${fresh.slice(0, 3)}****${fresh.slice(7)}` });
    expect((await addPerson('sch-core', { name: '用旧号老师', phone: oldPhone })).status).toBe(201);
    const outsider = await api('PATCH', `/v1/people/${person.body.id}`, { token: await as('qingshan-admin'), body: { name: '别人' } });
    expect(outsider.status).toBe(404);
    const fedAdmin = await api('PATCH', `/v1/people/${person.body.id}`, { token: await as('fed-admin'), body: { grades: ['五年级'] } });
    expect(fedAdmin.status).toBe(200);
  });

  it('lets a person leave a school, keeping them elsewhere, and marks them left when no school remains', async () => {
    const phone = newPhone();
    const person = await addPerson('sch-core', { name: '离校老师', phone });
    await addPerson('sch-east2', { name: '离校老师', phone }, 'east2-admin');
    const fromEast2 = await api<Person>('POST', `/v1/people/${person.body.id}/leave`, { token: await as('east2-admin'), body: { schoolId: 'sch-east2' } });
    expect(fromEast2.body).toMatchObject({ schoolIds: ['sch-core'], status: 'invited' });
    const notHis = await api('POST', `/v1/people/${person.body.id}/leave`, { token: await as('east2-admin'), body: { schoolId: 'sch-core' } });
    expect(notHis.status).toBe(404);
    const gone = await api<Person>('POST', `/v1/people/${person.body.id}/leave`, { token: await as('core-admin'), body: { schoolId: 'sch-core' } });
    expect(gone.body).toMatchObject({ schoolIds: [], status: 'left' });
    // Still on the school's roster, as 已离校, after the people who teach there.
    expect((await list('sch-core', `?q=${phone.slice(-8)}`)).body.items).toMatchObject([{ id: person.body.id, status: 'left', schoolIds: [] }]);
    expect((await list('sch-east2', `?q=${phone.slice(-8)}`, 'east2-admin')).body.items).toMatchObject([{ id: person.body.id, status: 'left' }]);
    // Added again by the same phone: teaching here again, listed once.
    expect((await addPerson('sch-core', { name: '离校老师', phone })).status).toBe(200);
    expect((await list('sch-core', `?q=${phone.slice(-8)}`)).body.items).toMatchObject([{ id: person.body.id, schoolIds: ['sch-core'], status: 'invited' }]);
  });

  it('pages a long roster and refuses a cursor of another search or a forged one', async () => {
    const district = await as('district-admin');
    // A federation of its own: the demo federation keeps its four schools for the other tests.
    const federation = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `分页校联体${uniqueId('f').slice(-6)}`, kind: 'cluster' } });
    const school = await api<School>('POST', `/v1/federations/${federation.body.id}/schools`, { token: district, body: { name: `分页小学${uniqueId('s').slice(-6)}`, stage: 'primary' } });
    for (let i = 0; i < 53; i += 1) {
      const res = await api('POST', `/v1/schools/${school.body.id}/people`, { token: district, body: { name: `分页老师${String(i).padStart(2, '0')}`, phone: newPhone() } });
      expect(res.status).toBe(201);
    }
    const first = await list(school.body.id, '', 'district-admin');
    expect(first.body.items).toHaveLength(50);
    expect(first.body.cursor).toBeDefined();
    const second = await list(school.body.id, `?cursor=${first.body.cursor}`, 'district-admin');
    expect(second.body.items).toHaveLength(3);
    expect(second.body.cursor).toBeUndefined();
    expect(new Set([...first.body.items, ...second.body.items].map((p) => p.id)).size).toBe(53);
    const otherSearch = await list(school.body.id, `?q=分页&cursor=${first.body.cursor}`, 'district-admin');
    expect(otherSearch.status).toBe(400);
    expect(otherSearch.body).toMatchObject({ code: 'INVALID_CURSOR' });
    expect((await list(school.body.id, '?cursor=eyJvIjotMX0', 'district-admin')).status).toBe(400);
  });

  it('validates with Chinese messages and keeps rosters to their admins', async () => {
    const bad = await addPerson('sch-core', { name: '', phone: '12345', subjects: ['1', '2', '3', '4', '5', '6', '7'], titles: ['boss'] });
    expect(bad.status).toBe(400);
    const fields = (bad.body as unknown as { details: { fieldErrors: Record<string, string[]> } }).details.fieldErrors;
    expect(fields.phone?.[0]).toBe('请填写 11 位手机号');
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['name', 'phone', 'subjects', 'titles']));
    expect((await list('sch-core', '', 'east2-admin')).status).toBe(403);
    expect((await list('sch-core', '', 'core-teacher-1')).status).toBe(403);
    expect((await list('sch-core', '', 'fed-admin')).status).toBe(200);
  });
});
