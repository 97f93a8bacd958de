import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { previousSemester, semesterOf, type ArchiveEntry, type DistrictReport, type FederationReport, type SchoolReport, type SessionInput } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

type ErrorBody = { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } };

const MIN = 60_000;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function report<T>(account: string, path: string) {
  const { token } = await devLogin(account);
  const res = await api<T>('GET', path, { token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const federationReport = () => report<FederationReport>('fed-admin', '/v1/reports/federations/fed-chengdong');
const donghuReport = (query = '') => report<SchoolReport>('donghu-admin', `/v1/reports/schools/sch-donghu${query}`);
const rowOf = (r: FederationReport, schoolId: string) => {
  const row = r.schools.find((s) => s.school.id === schoolId);
  if (!row) throw new Error(`no row for ${schoolId}`);
  return row;
};

/** A session hosted by 东湖 that started five minutes ago, published by the demo organizer. */
const donghuSession = (overrides: Partial<SessionInput> = {}) =>
  publishedSession({
    hostSchoolId: 'sch-donghu',
    title: '联合教研：东湖小学主办',
    audience: { type: 'schools', schoolIds: ['sch-donghu', 'sch-qingshan'] },
    geofence: 'off',
    signOutRequired: false,
    ...overrides,
  });

async function signIn(sessionId: string, organizerToken: string, account: string) {
  const { token } = await devLogin(account);
  const qr = await currentQr(sessionId, organizerToken);
  const res = await api('POST', `/v1/sessions/${sessionId}/sign-ins`, { token, body: scan(qr.token) });
  expect(res.status, res.text).toBe(201);
}

async function download(account: string, path: string) {
  const { token } = await devLogin(account);
  return fetch(`${stack().url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('who sees which report', () => {
  it('shows a school admin only their school', async () => {
    const { token } = await devLogin('east2-admin');
    expect((await api('GET', '/v1/reports/schools/sch-east2', { token })).status).toBe(200);
    const other = await api<ErrorBody>('GET', '/v1/reports/schools/sch-core', { token });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    expect((await api<ErrorBody>('GET', '/v1/reports/federations/fed-chengdong', { token })).status).toBe(403);
    expect((await api<ErrorBody>('GET', '/v1/reports/district', { token })).status).toBe(403);
    expect((await api<ErrorBody>('GET', '/v1/reports/schools/sch-east2?format=xlsx', { token })).status).toBe(200);
    expect((await api<ErrorBody>('GET', '/v1/reports/schools/sch-core?format=xlsx', { token })).status).toBe(403);
  });

  it("shows a federation admin their federation and its schools, not the district's", async () => {
    const { token } = await devLogin('fed-admin');
    expect((await api('GET', '/v1/reports/federations/fed-chengdong', { token })).status).toBe(200);
    expect((await api('GET', '/v1/reports/schools/sch-qingshan', { token })).status).toBe(200);
    expect((await api<ErrorBody>('GET', '/v1/reports/district', { token })).body.code).toBe('FORBIDDEN');
    expect((await api<ErrorBody>('GET', '/v1/reports/federations/fed-nowhere', { token })).status).toBe(404);
  });

  it('refuses teachers and strangers, and checks the query', async () => {
    const teacher = await devLogin('core-teacher-3');
    expect((await api<ErrorBody>('GET', '/v1/reports/schools/sch-core', { token: teacher.token })).status).toBe(403);
    expect((await api<ErrorBody>('GET', '/v1/reports/schools/sch-core')).status).toBe(401);
    const { token } = await devLogin('core-admin');
    const bad = await api<ErrorBody>('GET', '/v1/reports/schools/sch-core?semester=2026-2028-1', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details?.fieldErrors?.semester).toEqual(['学期的两个年份应相邻，如 2026-2027-1']);
    expect((await api<ErrorBody>('GET', '/v1/reports/schools/sch-core?threshold=150', { token })).status).toBe(400);
    expect((await api<ErrorBody>('GET', '/v1/reports/schools/sch-nowhere', { token: (await devLogin('district-admin')).token })).status).toBe(404);
  });
});

describe('federation report', () => {
  it('has a row per school with quota, attendance, contribution, execution and the bundled score', async () => {
    const r = await federationReport();
    expect(r.semester).toBe(semesterOf(new Date()));
    expect(r.previousSemester).toBe(previousSemester(r.semester));
    expect(r.schools.map((s) => s.school.id).sort()).toEqual(['sch-core', 'sch-donghu', 'sch-east2', 'sch-qingshan']);
    expect(r.rules).toMatchObject({ onlineJointResearchPerSemester: 8, offlineJointResearchPerSemester: 4, mentorPairsPerSemester: 2, coreSchoolWeight: 0.8 });
    expect(r.weights).toEqual({ quota: 40, attendance: 30, contribution: 15, execution: 15 });
    const core = rowOf(r, 'sch-core');
    expect(core.school.isCore).toBe(true);
    for (const row of r.schools) {
      expect(row.attendance.expected).toBe(row.attendance.attended + row.attendance.absent);
      expect(row.score.total).toBeCloseTo(row.score.quota + row.score.attendance + row.score.contribution + row.score.execution, 5);
    }
    const members = r.schools.filter((s) => !s.school.isCore);
    const average = members.reduce((a, s) => a + s.score.total, 0) / members.length;
    expect(core.bundled).toBeCloseTo(core.score.total * 0.8 + average * 0.2, 0);
    expect(r.summary.bundledScore).toBe(core.bundled);
    expect(r.trend.length).toBe(r.semester.endsWith('-1') ? 5 : 7);
  });

  it("counts a session a school hosts, other schools' teachers at it, and one it cancels", async () => {
    const before = await federationReport();
    const { session, organizerToken } = await donghuSession({ mode: 'online' });
    await signIn(session.id, organizerToken, 'qingshan-teacher-5');
    await signIn(session.id, organizerToken, 'qingshan-teacher-6');
    const cancelled = await donghuSession({ title: '联合教研：临时取消' });
    expect((await api('POST', `/v1/sessions/${cancelled.session.id}/cancel`, { token: organizerToken, body: { reason: '停电' } })).status).toBe(200);

    const after = await federationReport();
    const [d0, d1] = [rowOf(before, 'sch-donghu'), rowOf(after, 'sch-donghu')];
    expect(d1.contribution.hosted).toBe(d0.contribution.hosted + 1);
    expect(d1.contribution.visitors).toBe(d0.contribution.visitors + 2);
    expect(d1.execution).toMatchObject({ due: d0.execution.due + 2, held: d0.execution.held + 1, cancelled: d0.execution.cancelled + 1 });
    expect(d1.jointResearch.online).toBe(d0.jointResearch.online + 1);
    // 青山's teachers attended it: it counts toward 青山's joint research too, and their records toward its attendance.
    const [q0, q1] = [rowOf(before, 'sch-qingshan'), rowOf(after, 'sch-qingshan')];
    expect(q1.jointResearch.online).toBe(q0.jointResearch.online + 1);
    expect(q1.attendance.attended).toBe(q0.attendance.attended + 2);
    expect(after.summary.sessionsHeld).toBeGreaterThanOrEqual(before.summary.sessionsHeld + 1);
  });

  it('answers for the previous semester and an empty future one', async () => {
    const { token } = await devLogin('fed-admin');
    const current = semesterOf(new Date());
    const prev = await api<FederationReport>('GET', `/v1/reports/federations/fed-chengdong?semester=${previousSemester(current)}`, { token });
    expect(prev.status).toBe(200);
    expect(prev.body.semester).toBe(previousSemester(current));
    const future = await api<FederationReport>('GET', '/v1/reports/federations/fed-chengdong?semester=2040-2041-2', { token });
    expect(future.status).toBe(200);
    expect(future.body.summary).toMatchObject({ sessionsHeld: 0, attendance: { expected: 0, rate: null }, previousBundledScore: null, change: null });
    expect(future.body.schools.every((s) => s.score.attendance === 0 && s.execution.rate === null)).toBe(true);
  });
});

describe('school report', () => {
  it('lists what the school hosted by kind, parent-school activities and upcoming ones', async () => {
    const before = await donghuReport();
    await donghuSession({ kind: 'parent_school', title: '家长学校：如何陪孩子读书', audience: { type: 'parents', schoolIds: ['sch-donghu'] } });
    await donghuSession({ title: '联合教研：下周的课', startAt: new Date(Date.now() + 60 * MIN).toISOString(), endAt: new Date(Date.now() + 120 * MIN).toISOString() });
    const after = await donghuReport();
    expect(after.parentSchool.held).toBe(before.parentSchool.held + 1);
    expect(after.parentSchool.sessions.map((s) => s.title)).toContain('家长学校：如何陪孩子读书');
    expect(after.parentSchool.met).toBe(true);
    expect(after.hosted.upcoming).toBe(before.hosted.upcoming + 1);
    const parentKind = (r: SchoolReport) => r.hosted.byKind.find((k) => k.kind === 'parent_school')?.offline ?? 0;
    expect(parentKind(after)).toBe(parentKind(before) + 1);
    expect(after.hosted.held).toBe(after.hosted.online + after.hosted.offline);
  });

  it('lists teachers under the threshold and the observations of the principal and the dean', async () => {
    const strict = await donghuReport('?threshold=100');
    expect(strict.threshold).toBe(100);
    expect(strict.teachers.length).toBeGreaterThanOrEqual(7);
    expect(strict.belowThreshold.every((t) => t.rate !== null && t.rate < 1)).toBe(true);
    expect(strict.belowThreshold.length).toBe(strict.teachers.filter((t) => t.rate !== null && t.rate < 1).length);
    const lenient = await donghuReport('?threshold=0');
    expect(lenient.belowThreshold).toEqual([]);
    expect(strict.observations.map((o) => [o.position, o.target]).sort()).toEqual([
      ['dean', 40],
      ['principal', 30],
    ]);
  });

  it('counts mentor pairs from the register, not from self-filed entries (issue 16: one pair is one pair)', async () => {
    const before = await donghuReport();
    const teacher = await devLogin('donghu-teacher-6');
    const entry = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: teacher.token, body: { kind: 'mentorship', role: 'mentor', partnerName: '周小雨', date: today() } });
    expect(entry.status).toBe(201);
    const admin = await devLogin('donghu-admin');
    expect((await api('POST', `/v1/archive/entries/${entry.body.id}/review`, { token: admin.token, body: { decision: 'approved' } })).status).toBe(200);
    // An approved self-filed 师徒结对 entry no longer counts: only the register does.
    expect((await donghuReport()).mentorship.mentorPairs).toBe(before.mentorship.mentorPairs);
    const year = before.semester.slice(0, 9);
    const registered = await api('POST', '/v1/schools/sch-donghu/mentor-pairs', {
      token: admin.token,
      body: { mentorId: 'u-donghu-teacher-6', menteeId: 'u-donghu-teacher-5', subject: `体育${Math.random().toString(36).slice(2, 6)}`, schoolYear: year },
    });
    expect(registered.status).toBe(201);
    const after = await donghuReport();
    expect(after.mentorship.mentorPairs).toBe(before.mentorship.mentorPairs + 1);
    expect(after.mentorship.year).toBe(year);
    const fed = await federationReport();
    expect(rowOf(fed, 'sch-donghu').mentorPairs).toBe(after.mentorship.mentorPairs);
  });
});

describe('district report', () => {
  it('shows every federation to the district admin', async () => {
    const r = await report<DistrictReport>('district-admin', '/v1/reports/district');
    const fed = r.federations.find((f) => f.federation.id === 'fed-chengdong');
    expect(fed?.schools).toHaveLength(4);
    expect(fed?.summary.schools).toBe(4);
  });
});

describe('exports', () => {
  it('writes the federation XLSX with 汇总, 各校, 教师 and 听评课覆盖, named after the federation and semester', async () => {
    const json = await federationReport();
    const res = await download('fed-admin', '/v1/reports/federations/fed-chengdong?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const name = decodeURIComponent(res.headers.get('content-disposition') ?? '');
    expect(name).toContain('明湖区城东教共体');
    expect(name).toContain(json.semester);
    expect(name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '各校', '教师', '月度', '交流轮岗', '听评课覆盖', '听课目标']);
    const summary = book.getWorksheet('汇总');
    expect(summary?.getRow(2).values).toEqual([undefined, '校联体', '明湖区城东教共体']);
    const schools = book.getWorksheet('各校');
    expect(schools?.getRow(1).getCell(1).value).toBe('学校');
    expect(schools?.getRow(1).getCell(28).value).toBe('捆绑考核得分');
    expect(schools?.rowCount).toBe(5);
    const coreRow = [2, 3, 4, 5].map((i) => schools?.getRow(i)).find((row) => row?.getCell(2).value === '核心校');
    expect(coreRow?.getCell(1).value).toBe('明湖区实验小学');
    expect(typeof coreRow?.getCell(28).value).toBe('number');
    const teachers = book.getWorksheet('教师');
    expect(teachers?.getRow(1).getCell(9).value).toBe('出勤率');
    // Rates are numbers with a percent format (Excel shows 86.2%), not text or a bare 86.2.
    const rated = [...Array((teachers?.rowCount ?? 1) - 1).keys()].map((i) => teachers?.getRow(i + 2).getCell(9)).filter((c) => typeof c?.value === 'number');
    expect(rated.length).toBeGreaterThan(0);
    for (const cell of rated) {
      expect(cell?.value as number).toBeGreaterThanOrEqual(0);
      expect(cell?.value as number).toBeLessThanOrEqual(1);
      expect(cell?.numFmt).toBe('0.0%');
    }
    expect(teachers?.rowCount).toBe(1 + json.schools.reduce((a, s) => a + s.teachers, 0));
  });

  it('writes CSV with a BOM and Chinese headers', async () => {
    const res = await download('east2-admin', '/v1/reports/schools/sch-east2?format=csv&threshold=90');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('学校,姓名,职务,应到,实到,迟到,缺席,请假,出勤率,低于阈值');
    // In CSV a rate reads as Excel would show it: 86.2%.
    expect(text.split('\r\n').slice(1).filter(Boolean).every((line) => /^(|\d{1,3}(\.\d)?%)$/.test(line.split(',')[8] ?? ''))).toBe(true);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(/明湖区城东第二小学-\d{4}-\d{4}-[12]学期-考勤报表\.csv$/);

    const district = await download('district-admin', '/v1/reports/district?format=xlsx');
    expect(district.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await district.arrayBuffer()) as unknown as ArrayBuffer);
    // One row a federation; other tests add federations to the district.
    const names: unknown[] = [];
    book.getWorksheet('汇总')?.eachRow((row, n) => n > 1 && names.push(row.getCell(1).value));
    expect(names).toContain('明湖区城东教共体');
  });
});
