import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  semesterOf,
  type ArchiveEntry,
  type ArchiveSummary,
  type DistrictReport,
  type Exchange,
  type Federation,
  type FederationReport,
  type FederationWithSchools,
  type RoleGrant,
  type School,
  type SchoolReport,
} from '@lianyan/shared';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { api, devLogin, stack, uniqueId } from '../support/api.ts';
import { testTable } from '../support/db.ts';

// 交流轮岗 in the reports (issue 16): the semester's quota and each school's people sent and received, and the
// school year's rotations, all from the register. The expected figures are recomputed here from the exchanges the
// test creates, with its own calendar arithmetic (no shared code).

const semester = semesterOf(new Date());
const year = semester.slice(0, 9);
const first = Number(semester.slice(0, 4));
const autumn = semester.endsWith('-1');
const S = autumn ? `${first}-09-01` : `${first + 1}-02-01`;
const E = autumn ? `${first + 1}-01-31` : `${first + 1}-08-31`;
const Y = { from: `${first}-09-01`, to: `${first + 1}-08-31` };
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const todayInShanghai = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const tag = uniqueId('xr').slice(-8);
const acct = (name: string) => `xr-${tag}-${name}`;
const token = async (account: string) => (await devLogin(account)).token;
let fed: Federation;
let home: School;
let host: School;
const ids: Record<string, string> = {};

interface Planned {
  who: string;
  from: () => School;
  to: () => School;
  kind: Exchange['kind'];
  startDate: string;
  endDate: string;
}

// Edges on purpose: one day inside at either end, one day outside, a person with two backbone-line exchanges.
const PLANNED: Planned[] = [
  { who: 'cadreA', from: () => home, to: () => host, kind: 'cadre', startDate: shift(S, -30), endDate: S },
  { who: 'cadreB', from: () => home, to: () => host, kind: 'cadre', startDate: E, endDate: shift(E, 20) },
  { who: 'cadreC', from: () => home, to: () => host, kind: 'cadre', startDate: shift(S, -60), endDate: shift(S, -1) },
  { who: 'twice', from: () => home, to: () => host, kind: 'backbone', startDate: shift(S, 10), endDate: shift(S, 40) },
  { who: 'twice', from: () => home, to: () => host, kind: 'itinerant', startDate: shift(S, 50), endDate: shift(S, 60) },
  { who: 'walker', from: () => home, to: () => host, kind: 'itinerant', startDate: shift(S, 5), endDate: shift(E, -5) },
  { who: 'shadow', from: () => home, to: () => host, kind: 'shadow', startDate: shift(S, 20), endDate: shift(S, 30) },
  { who: 'back', from: () => host, to: () => home, kind: 'backbone', startDate: shift(S, 15), endDate: shift(S, 90) },
];
const created: Exchange[] = [];

const shares = (e: { startDate: string; endDate: string }, p: { from: string; to: string }) => e.startDate <= p.to && e.endDate >= p.from;
const inSemester = () => created.filter((e) => shares(e, { from: S, to: E }));
const people = (list: Exchange[], kinds: string[]) => new Set(list.filter((e) => kinds.includes(e.kind)).map((e) => e.userId)).size;
function expectedSchool(schoolId: string) {
  const of = inSemester();
  const counts = (list: Exchange[]) => ({ cadres: people(list, ['cadre']), backbone: people(list, ['backbone', 'itinerant']), shadow: people(list, ['shadow']) });
  const mine = of.filter((e) => e.fromSchoolId === schoolId || e.toSchoolId === schoolId);
  return {
    schoolId,
    sent: counts(of.filter((e) => e.fromSchoolId === schoolId)),
    received: counts(of.filter((e) => e.toSchoolId === schoolId)),
    awaitingAssessment: mine.filter((e) => e.endDate < todayInShanghai).length,
  };
}

async function person(name: string, roles: RoleGrant[]) {
  const id = `u-${acct(name)}`;
  await makeUserRepository(testTable()).createUserWithIdentities({ id, name: `报表交流${name}`, createdAt: new Date().toISOString() }, [{ provider: 'dev', externalId: acct(name) }], roles);
  ids[name] = id;
}

const federationReport = async (query = '') => api<FederationReport>('GET', `/v1/reports/federations/${fed.id}?semester=${semester}${query}`, { token: await token(acct('fedadmin')) });
const schoolReport = async (school: School, account: string) => api<SchoolReport>('GET', `/v1/reports/schools/${school.id}?semester=${semester}`, { token: await token(acct(account)) });
// PUT as the API table names it, POST as the mini-program's 学期指标 sends it.
const putRules = async (body: Record<string, unknown>, method = 'PUT') =>
  api<{ code?: string; exchangeCadresPerSemester?: number; exchangeBackbonePerSemester?: number }>(method, `/v1/federations/${fed.id}/rules`, { token: await token(acct('fedadmin')), body });

beforeAll(async () => {
  const district = await token('district-admin');
  fed = (await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `交流报表校联体${tag}`, kind: 'group' } })).body;
  const school = async (name: string, rural: boolean) => (await api<School>('POST', `/v1/federations/${fed.id}/schools`, { token: district, body: { name: `${name}${tag}`, stage: 'primary', rural } })).body;
  home = await school('城区报表小学', false);
  host = await school('乡村报表小学', true);
  await person('fedadmin', [{ role: 'federationAdmin', scope: { federationId: fed.id } }]);
  await person('homeadmin', [{ role: 'schoolAdmin', scope: { schoolId: home.id } }]);
  await person('hostadmin', [{ role: 'schoolAdmin', scope: { schoolId: host.id } }]);
  for (const name of ['cadreA', 'cadreB', 'cadreC', 'twice', 'walker', 'shadow']) await person(name, [{ role: 'teacher', scope: { schoolId: home.id } }]);
  await person('back', [{ role: 'teacher', scope: { schoolId: host.id } }]);
  const admin = await token(acct('fedadmin'));
  for (const p of PLANNED) {
    const res = await api<Exchange>('POST', `/v1/federations/${fed.id}/exchanges`, {
      token: admin,
      body: { userId: ids[p.who], fromSchoolId: p.from().id, toSchoolId: p.to().id, kind: p.kind, startDate: p.startDate, endDate: p.endDate },
    });
    expect(res.status, res.text).toBe(201);
    created.push(res.body);
  }
}, 90_000);

describe('交流轮岗 in the reports', () => {
  it('has the two new rules with their defaults, bounds on change, and shows them in the report', async () => {
    const got = await api<FederationWithSchools>('GET', `/v1/federations/${fed.id}`, { token: await token(acct('fedadmin')) });
    expect(got.body.rules).toMatchObject({ exchangeCadresPerSemester: 2, exchangeBackbonePerSemester: 3 });
    for (const bad of [{ exchangeCadresPerSemester: -1 }, { exchangeBackbonePerSemester: 101 }, { exchangeCadresPerSemester: 1.5 }, { exchangeBackbonePerSemester: '3' }]) {
      const res = await putRules(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const report = await federationReport();
    expect(report.body.rules).toMatchObject({ exchangeCadresPerSemester: 2, exchangeBackbonePerSemester: 3 });
  });

  it('counts the semester quota and each school from the register, people once, as the 交流轮岗 page does', async () => {
    const res = await federationReport();
    expect(res.status, res.text).toBe(200);
    const of = inSemester();
    const cadres = people(of, ['cadre']);
    const backbone = people(of, ['backbone', 'itinerant']);
    // The edges: cadreA (last day = first of the semester) and cadreB (first day = last) count, cadreC does not;
    // "twice" is one person on the backbone line; 跟岗 is outside both lines.
    expect([cadres, backbone, people(of, ['shadow'])]).toEqual([2, 3, 1]);
    expect(res.body.exchanges).toMatchObject({
      semester,
      cadres: { done: cadres, target: 2, met: cadres >= 2 },
      backbone: { done: backbone, target: 3, met: backbone >= 3 },
      shadow: 1,
      awaitingAssessment: of.filter((e) => e.endDate < todayInShanghai).length,
    });
    expect(Object.fromEntries(res.body.exchanges.schools.map((s) => [s.schoolId, s]))).toEqual({ [home.id]: expectedSchool(home.id), [host.id]: expectedSchool(host.id) });
    const page = await api<{ quota: FederationReport['exchanges'] }>('GET', `/v1/federations/${fed.id}/exchanges?semester=${semester}`, { token: await token(acct('fedadmin')) });
    expect(page.body.quota).toMatchObject({ cadres: res.body.exchanges.cadres, backbone: res.body.exchanges.backbone, shadow: res.body.exchanges.shadow });

    const district = await api<DistrictReport>('GET', `/v1/reports/district?semester=${semester}`, { token: await token('district-admin') });
    expect(district.status).toBe(200);
    expect(district.body.federations.find((f) => f.federation.id === fed.id)?.exchanges).toEqual(res.body.exchanges);
  });

  it('follows the rules: a higher target is not met', async () => {
    const changed = await putRules({ exchangeCadresPerSemester: 3, exchangeBackbonePerSemester: 0 }, 'POST');
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ exchangeCadresPerSemester: 3, exchangeBackbonePerSemester: 0, mentorPairsPerSemester: 2 });
    expect((await api('PUT', `/v1/federations/${fed.id}/rules`, { token: await token(acct('homeadmin')), body: { exchangeCadresPerSemester: 9 } })).status).toBe(403);
    try {
      const res = await federationReport();
      expect(res.body.rules).toMatchObject({ exchangeCadresPerSemester: 3, exchangeBackbonePerSemester: 0 });
      expect(res.body.exchanges.cadres).toEqual({ done: 2, target: 3, met: false });
      expect(res.body.exchanges.backbone).toEqual({ done: 3, target: 0, met: true });
    } finally {
      await putRules({ exchangeCadresPerSemester: 2, exchangeBackbonePerSemester: 3 });
    }
  });

  it('keeps every change when admins save different targets at the same moment (none overwrites another)', async () => {
    const changes = [
      { onlineJointResearchPerSemester: 9 },
      { offlineJointResearchPerSemester: 5 },
      { parentSchoolActivitiesPerSemester: 3 },
      { trainingHoursPerYear: 30 },
      { lessonsObservedPerSemester: { teacher: 12 } },
      { lessonsObservedPerSemester: { dean: 35 } },
    ];
    const answers = await Promise.all(changes.map((body) => putRules(body)));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // An empty change answers the stored rules.
    const rules = (await putRules({})).body;
    expect(rules).toMatchObject({
      onlineJointResearchPerSemester: 9,
      offlineJointResearchPerSemester: 5,
      parentSchoolActivitiesPerSemester: 3,
      trainingHoursPerYear: 30,
      lessonsObservedPerSemester: { principal: 30, vice_principal: 40, dean: 35, teacher: 12 },
    });
  });

  it('counts a school year’s rotations from the register; an approved self-filed duplicate is not counted again', async () => {
    const rotations = created.filter((e) => e.fromSchoolId === home.id && shares(e, Y)).length;
    const before = await schoolReport(home, 'homeadmin');
    expect(before.status, before.text).toBe(200);
    expect(before.body.mentorship).toMatchObject({ year, rotations });
    expect(before.body.exchanges).toEqual(expectedSchool(home.id));
    const hostReport = await schoolReport(host, 'hostadmin');
    expect(hostReport.body.exchanges).toEqual(expectedSchool(host.id));
    expect(hostReport.body.mentorship.rotations).toBe(created.filter((e) => e.fromSchoolId === host.id && shares(e, Y)).length);

    // "twice" files the backbone exchange again by hand and the home admin approves it: shown as a duplicate, counted once.
    const twice = created.find((e) => e.userId === ids.twice && e.kind === 'backbone') as Exchange;
    const teacher = await token(acct('twice'));
    const filed = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: teacher, body: { kind: 'rotation', fromSchool: home.name, toSchool: host.name, date: twice.startDate, until: twice.endDate } });
    expect(filed.status, filed.text).toBe(201);
    expect((await api('POST', `/v1/archive/entries/${filed.body.id}/review`, { token: await token(acct('homeadmin')), body: { decision: 'approved' } })).status).toBe(200);
    const after = await schoolReport(home, 'homeadmin');
    expect(after.body.mentorship.rotations).toBe(rotations);
    const archive = await api<{ entries: ArchiveEntry[] }>('GET', `/v1/archive?from=${Y.from}&to=${Y.to}`, { token: teacher });
    expect(archive.body.entries.find((e) => e.id === filed.body.id)?.duplicateOf).toBe(twice.id);

    // The archive summary counts the same way: the person's registered exchanges of the year, the duplicate not again,
    // and a self-filed rotation elsewhere (no register) once approved.
    const registered = created.filter((e) => e.userId === ids.twice && shares(e, Y)).length;
    const summary = async () => (await api<ArchiveSummary>('GET', `/v1/archive/summary?year=${year}`, { token: teacher })).body.counts.rotation;
    expect(await summary()).toBe(registered);
    const elsewhere = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: teacher, body: { kind: 'rotation', fromSchool: home.name, toSchool: '区外某校', date: twice.startDate } });
    expect(elsewhere.status, elsewhere.text).toBe(201);
    expect(await summary()).toBe(registered);
    expect((await api('POST', `/v1/archive/entries/${elsewhere.body.id}/review`, { token: await token(acct('homeadmin')), body: { decision: 'approved' } })).status).toBe(200);
    expect(await summary()).toBe(registered + 1);
    expect((await schoolReport(home, 'homeadmin')).body.mentorship.rotations).toBe(rotations);
  });

  it('writes the quota and the schools into the XLSX exports', async () => {
    const json = (await federationReport()).body;
    const res = await fetch(`${stack().url}/v1/reports/federations/${fed.id}?semester=${semester}&format=xlsx`, { headers: { authorization: `Bearer ${await token(acct('fedadmin'))}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const summary: Record<string, unknown> = {};
    book.getWorksheet('汇总')?.eachRow((row) => (summary[String(row.getCell(1).value)] = row.getCell(2).value));
    expect(summary['校干挂职交流(人)']).toBe(`${json.exchanges.cadres.done} / 2（达标）`);
    expect(summary['骨干教师支教走教(人)']).toBe(`${json.exchanges.backbone.done} / 3（达标）`);
    const sheet = book.getWorksheet('交流轮岗');
    expect(sheet?.getRow(1).values).toEqual([undefined, '学校', '派出挂职', '派出支教走教', '派出跟岗', '接收挂职', '接收支教走教', '接收跟岗', '待考核']);
    const rows = new Map<unknown, unknown[]>();
    sheet?.eachRow((row, n) => n > 1 && rows.set(row.getCell(1).value, (row.values as unknown[]).slice(2)));
    const h = expectedSchool(home.id);
    expect(rows.get(home.name)).toEqual([h.sent.cadres, h.sent.backbone, h.sent.shadow, h.received.cadres, h.received.backbone, h.received.shadow, h.awaitingAssessment]);

    const school = await fetch(`${stack().url}/v1/reports/schools/${home.id}?semester=${semester}&format=xlsx`, { headers: { authorization: `Bearer ${await token(acct('homeadmin'))}` } });
    const schoolBook = new ExcelJS.Workbook();
    await schoolBook.xlsx.load(Buffer.from(await school.arrayBuffer()) as unknown as ArrayBuffer);
    const lines: Record<string, unknown> = {};
    schoolBook.getWorksheet('汇总')?.eachRow((row) => (lines[String(row.getCell(1).value)] = row.getCell(2).value));
    expect(lines['交流轮岗：派出(人)']).toBe(`挂职 ${h.sent.cadres} · 支教走教 ${h.sent.backbone} · 跟岗 ${h.sent.shadow}`);
    expect(lines[`交流轮岗（${year.replace('-', '–')} 学年）`]).toBe(created.filter((e) => e.fromSchoolId === home.id && shares(e, Y)).length);
  });
});
