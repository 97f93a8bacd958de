import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveObservations, ArchiveSummary, AuthResult, Coverage, Federation, FederationCoverage, FederationReport, ObservableTeachers, Observation, ObservationPage, ObservationScale, School, ScaleList } from '@lianyan/shared';
import { DEFAULT_SCALE, dimensionAverages, semesterOf } from '@lianyan/shared';
import { api, devLogin, stack, uniqueId, wechatLogin } from '../support/api.ts';

// 听评课 on a federation of its own (the demo federation keeps its figures): scales and their versions, scores within
// the scale's ranges, one observation per draft however often it is sent, feedback and its readers, and a school's
// coverage against a recomputation from the observations themselves.

const as = async (account: string) => (await devLogin(account)).token;

async function join(role: 'teacher' | 'federationAdmin', scope: { schoolId: string } | { federationId: string }, name: string, position?: string) {
  const district = await as('district-admin');
  const invite = await api<{ code: string }>('POST', '/v1/invites', { token: district, body: { role, scope } });
  expect(invite.status).toBe(201);
  const openid = uniqueId('o-obs');
  const login = await wechatLogin(openid);
  const redeemed = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name } });
  expect(redeemed.status).toBe(200);
  if (position) expect((await api('PATCH', `/v1/people/${redeemed.body.user.id}`, { token: district, body: { position, subjects: ['数学'], grades: ['三年级'] } })).status).toBe(200);
  return { id: redeemed.body.user.id, token: redeemed.body.token, openid };
}

let w: Awaited<ReturnType<typeof setUp>>;
async function setUp() {
  const district = await as('district-admin');
  const fed = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `听课测试${uniqueId('f').slice(-6)}`, kind: 'alliance' } });
  expect(fed.status).toBe(201);
  const school = async (label: string) => (await api<School>('POST', `/v1/federations/${fed.body.id}/schools`, { token: district, body: { name: `${label}${uniqueId('s').slice(-8)}`, stage: 'primary' } })).body.id;
  const [schoolA, schoolB] = [await school('听课甲小学'), await school('听课乙小学')];
  const [admin, principal, dean, t1, t2, t3, outsider] = await Promise.all([
    join('federationAdmin', { federationId: fed.body.id }, '听课管理员'),
    join('teacher', { schoolId: schoolA }, '甲校长', 'principal'),
    join('teacher', { schoolId: schoolA }, '甲主任', 'dean'),
    join('teacher', { schoolId: schoolA }, '甲老师一', 'teacher'),
    join('teacher', { schoolId: schoolA }, '甲老师二', 'teacher'),
    join('teacher', { schoolId: schoolA }, '甲老师三', 'teacher'),
    join('teacher', { schoolId: schoolB }, '乙老师', 'teacher'),
  ]);
  return { federationId: fed.body.id, schoolA, schoolB, admin, principal, dean, t1, t2, t3, outsider };
}
beforeAll(async () => {
  w = await setUp();
}, 60_000);

const allFours = (scale: Pick<ObservationScale, 'dimensions'>, score = 4) => scale.dimensions.flatMap((d) => d.items.map((i) => ({ item: i.id, score })));
const lesson = (teacherId: string, overrides: Record<string, unknown> = {}) => ({
  teacherId,
  schoolId: w.schoolA,
  subject: '数学',
  grade: '三年级',
  className: '三年级(2)班',
  topic: '分数的初步认识',
  startedAt: new Date(Date.now() - 45 * 60_000).toISOString(),
  scaleId: 'default',
  scores: allFours(DEFAULT_SCALE),
  notes: [{ at: new Date(Date.now() - 40 * 60_000).toISOString(), text: '用分披萨导入，学生兴趣浓。' }],
  strengths: '情境真实',
  suggestions: '练习的梯度可再拉开',
  clientId: uniqueId('draft'),
  ...overrides,
});
const submit = (token: string, body: Record<string, unknown>) => api<Observation & { message?: string }>('POST', '/v1/observations', { token, body });
const customScale = {
  name: '数学课堂观察量表',
  dimensions: [
    { name: '教学目标', weight: 30, items: [{ label: '目标清晰' }] },
    { name: '学生参与', weight: 70, items: [{ label: '人人动手' }, { label: '敢于表达' }] },
  ],
  scoreRange: { min: 0, max: 10 },
  textFields: ['课堂片段'],
};

describe('observation scales', () => {
  it('lists the default scale for every federation; its admins add scales, weights must add up to 100', async () => {
    const list = await api<ScaleList>('GET', `/v1/federations/${w.federationId}/observation-scales`, { token: w.t1.token });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: 'default', builtIn: true, version: 1 });
    expect(list.body.items[0]?.dimensions.map((d) => d.name)).toEqual(['教学目标', '教学过程', '学生参与', '教学效果', '教师素养']);

    const bad = await api('POST', `/v1/federations/${w.federationId}/observation-scales`, { token: w.admin.token, body: { ...customScale, dimensions: [{ ...customScale.dimensions[0], weight: 50 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(bad.body)).toContain('各维度权重之和应为 100');
    expect((await api('POST', `/v1/federations/${w.federationId}/observation-scales`, { token: w.t1.token, body: customScale })).status).toBe(403);

    const made = await api<ObservationScale>('POST', `/v1/federations/${w.federationId}/observation-scales`, { token: w.admin.token, body: customScale });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ version: 1, builtIn: false, federationId: w.federationId });
    expect(made.body.dimensions[1]?.items.map((i) => i.id)).toEqual(['2.1', '2.2']);
  });

  it('a change is a new version; a stale version is refused; the default scale is not changed', async () => {
    const made = (await api<ObservationScale>('POST', `/v1/federations/${w.federationId}/observation-scales`, { token: w.admin.token, body: customScale })).body;
    const v2 = await api<ObservationScale>('PATCH', `/v1/observation-scales/${made.id}`, { token: w.admin.token, body: { ...customScale, scoreRange: { min: 1, max: 5 }, version: 1 } });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ id: made.id, version: 2, scoreRange: { min: 1, max: 5 } });
    const stale = await api('PATCH', `/v1/observation-scales/${made.id}`, { token: w.admin.token, body: { ...customScale, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'SCALE_CHANGED', message: expect.stringContaining('第 2 版') });
    // The mini-program's POST alias (wx.request has no PATCH) makes the next version the same way.
    const v3 = await api<ObservationScale>('POST', `/v1/observation-scales/${made.id}`, { token: w.admin.token, body: { ...customScale, name: '数学课堂观察量表（修订）', version: 2 } });
    expect(v3.status).toBe(200);
    expect(v3.body).toMatchObject({ version: 3, name: '数学课堂观察量表（修订）' });
    expect((await api('POST', `/v1/observation-scales/${made.id}`, { token: w.admin.token, body: { ...customScale, version: 2 } })).status).toBe(409);
    const builtIn = await api('PATCH', '/v1/observation-scales/default', { token: w.admin.token, body: { ...customScale, version: 1 } });
    expect(builtIn.status).toBe(400);
    expect(builtIn.body).toMatchObject({ code: 'SCALE_BUILT_IN' });
  });
});

describe('walk-in observations', () => {
  it('checks every score against the scale range, in Chinese', async () => {
    const high = await submit(w.principal.token, lesson(w.t1.id, { scores: allFours(DEFAULT_SCALE).map((s, i) => (i === 0 ? { ...s, score: 9 } : s)) }));
    expect(high.status).toBe(400);
    expect(high.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '教学目标·目标明确、符合课标与学情的评分应在 1 到 5 分之间' });
    const missing = await submit(w.principal.token, lesson(w.t1.id, { scores: allFours(DEFAULT_SCALE).slice(1) }));
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('请为教学目标·目标明确');
    const elsewhere = await submit(w.principal.token, lesson(w.outsider.id));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.message).toContain('不在');
    expect((await submit(w.principal.token, lesson(w.principal.id))).status).toBe(400);
  });

  it('keeps the scale version a draft was filled in with', async () => {
    const made = (await api<ObservationScale>('POST', `/v1/federations/${w.federationId}/observation-scales`, { token: w.admin.token, body: customScale })).body;
    const v2 = (await api<ObservationScale>('PATCH', `/v1/observation-scales/${made.id}`, { token: w.admin.token, body: { ...customScale, scoreRange: { min: 1, max: 5 }, version: 1 } })).body;
    const old = await submit(w.dean.token, lesson(w.t2.id, { scaleId: made.id, scaleVersion: 1, scores: allFours(made, 8), texts: [{ field: '课堂片段', text: '学生用纸条折出四分之一。' }] }));
    expect(old.status).toBe(201);
    expect(old.body).toMatchObject({ scaleVersion: 1, total: 80, dimensions: [{ name: '教学目标', average: 8 }, { name: '学生参与', average: 8 }] });
    const current = await submit(w.dean.token, lesson(w.t2.id, { scaleId: made.id, scores: allFours(v2, 5) }));
    expect(current.status).toBe(201);
    expect(current.body).toMatchObject({ scaleVersion: 2, total: 100 });
    expect((await submit(w.dean.token, lesson(w.t2.id, { scaleId: made.id, scores: allFours(v2, 8) }))).body.message).toContain('1 到 5 分');
    const read = await api<Observation>('GET', `/v1/observations/${old.body.id}`, { token: w.t2.token });
    expect(read.body).toMatchObject({ scaleVersion: 1, texts: [{ field: '课堂片段', text: '学生用纸条折出四分之一。' }] });
  });

  it('is one observation however often a draft is sent, also at once, and counts once for the observer', async () => {
    const before = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: w.principal.token })).body.observations;
    expect(before).toMatchObject({ semester: semesterOf(new Date()), target: 30 });
    const body = lesson(w.t3.id);
    const first = await submit(w.principal.token, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ observerId: w.principal.id, observerKind: 'school_leader', teacherName: '甲老师三', scaleVersion: 1, total: 75 });
    const again = await submit(w.principal.token, body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    const racing = lesson(w.t3.id);
    const replies = await Promise.all(Array.from({ length: 6 }, () => submit(w.principal.token, racing)));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.every((r) => r.status === 201 || r.status === 200)).toBe(true);

    const mine = await api<ObservationPage>('GET', '/v1/observations?observer=me', { token: w.principal.token });
    expect(mine.body.items.filter((o) => o.clientId === body.clientId || o.clientId === racing.clientId)).toHaveLength(2);
    const after = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: w.principal.token })).body.observations;
    expect(after.count).toBe(before.count + 2);
  });

  it('the observed teacher reads the feedback and acknowledges it; managers read it; other teachers do not', async () => {
    const made = (await submit(w.dean.token, lesson(w.t1.id, { topic: '认识钟表' }))).body;
    const received = await api<ObservationPage>('GET', '/v1/observations?teacher=me', { token: w.t1.token });
    expect(received.status).toBe(200);
    expect(received.body.items.find((o) => o.id === made.id)).toMatchObject({ observerName: '甲主任', suggestions: '练习的梯度可再拉开' });
    expect((await api('GET', `/v1/observations/${made.id}`, { token: w.admin.token })).status).toBe(200);
    expect((await api('GET', `/v1/observations/${made.id}`, { token: w.t2.token })).status).toBe(403);
    expect((await api('GET', `/v1/observations/${made.id}`, { token: w.outsider.token })).status).toBe(403);
    expect((await api('GET', '/v1/observations', { token: w.t1.token })).status).toBe(400);
    expect((await api('POST', `/v1/observations/${made.id}/acknowledgement`, { token: w.t2.token, body: {} })).status).toBe(403);

    const ack = await api<Observation>('POST', `/v1/observations/${made.id}/acknowledgement`, { token: w.t1.token, body: { reflection: '钟表模型再多备几个。' } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ reflection: '钟表模型再多备几个。', acknowledgedAt: expect.any(String) });
    const twice = await api<Observation>('POST', `/v1/observations/${made.id}/acknowledgement`, { token: w.t1.token, body: { reflection: '改一下' } });
    expect(twice.body).toMatchObject({ reflection: '钟表模型再多备几个。', acknowledgedAt: ack.body.acknowledgedAt });
  });
});

describe('coverage of a school', () => {
  it('names every teacher with how often and by whom, the ones not yet observed and the rate — as a recomputation finds', async () => {
    const semester = semesterOf(new Date());
    const res = await api<Coverage>('GET', `/v1/schools/${w.schoolA}/observation-coverage?semester=${semester}`, { token: w.admin.token });
    expect(res.status).toBe(200);

    // Recomputed from the observations each teacher received.
    const people = [w.principal, w.dean, w.t1, w.t2, w.t3];
    const received = new Map<string, Observation[]>();
    for (const p of people) {
      const page = await api<ObservationPage>('GET', '/v1/observations?teacher=me&limit=100', { token: p.token });
      received.set(p.id, page.body.items.filter((o) => o.semester === semester && o.schoolId === w.schoolA));
    }
    expect(res.body.teachers.map((t) => t.id).sort()).toEqual(people.map((p) => p.id).sort());
    for (const t of res.body.teachers) {
      const own = received.get(t.id) ?? [];
      expect(t.count).toBe(own.length);
      expect(t.observers.sort()).toEqual([...new Set(own.map((o) => o.observerName))].sort());
    }
    const unobserved = people.filter((p) => !received.get(p.id)?.length).map((p) => p.id).sort();
    expect(res.body.notObserved.map((t) => t.id).sort()).toEqual(unobserved);
    expect(unobserved).toEqual([w.principal.id, w.dean.id].sort());
    expect(res.body.rate).toBe(0.6);
    expect(res.body.teachers.find((t) => t.id === w.t3.id)?.byKind).toEqual({ school_leader: 2 });
    expect(res.body.observers.find((o) => o.id === w.principal.id)).toMatchObject({ position: '校长', count: 2, target: 30 });
    expect(res.body.observers.find((o) => o.id === w.dean.id)).toMatchObject({ position: '教导主任', target: 40 });

    const file = await fetch(`${stack().url}/v1/schools/${w.schoolA}/observation-coverage?semester=${semester}&format=xlsx`, { headers: { authorization: `Bearer ${w.admin.token}` } });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['教师', '听课人']);
    expect(book.getWorksheet('教师')?.getRow(1).getCell(3).value).toBe('被听课次数');

    // Coverage moves at once: the principal observes the dean.
    await submit(w.principal.token, lesson(w.dean.id));
    const moved = (await api<Coverage>('GET', `/v1/schools/${w.schoolA}/observation-coverage`, { token: w.principal.token })).body;
    expect(moved.notObserved.map((t) => t.id)).toEqual([w.principal.id]);
    expect(moved.rate).toBe(0.8);
    expect((await api('GET', `/v1/schools/${w.schoolA}/observation-coverage`, { token: w.t1.token })).status).toBe(403);

    // Whom to observe: any teacher of the federation searches the school's teachers; the least observed come first.
    const pick = await api<ObservableTeachers>('GET', `/v1/schools/${w.schoolA}/observation-teachers`, { token: w.t1.token });
    expect(pick.status).toBe(200);
    expect(pick.body.items.map((t) => t.id)).not.toContain(w.t1.id);
    expect(pick.body.items[0]).toMatchObject({ id: w.principal.id, observedThisSemester: 0 });
    const byName = await api<ObservableTeachers>('GET', `/v1/schools/${w.schoolA}/observation-teachers?q=${encodeURIComponent('老师三')}`, { token: w.outsider.token });
    expect(byName.body.items).toEqual([expect.objectContaining({ id: w.t3.id, name: '甲老师三', observedThisSemester: 2 })]);
    expect((await api('GET', `/v1/schools/${w.schoolA}/observation-coverage?semester=2026-2028-1`, { token: w.admin.token })).status).toBe(400);
  });
});

describe('coverage of a federation', () => {
  it('rolls up each school’s coverage; the federation report carries the same figures, also in its workbook', async () => {
    const semester = semesterOf(new Date());
    const res = await api<FederationCoverage>('GET', `/v1/federations/${w.federationId}/observation-coverage?semester=${semester}`, { token: w.admin.token });
    expect(res.status).toBe(200);
    const schools = await Promise.all(
      [w.schoolA, w.schoolB].map(async (id) => (await api<Coverage>('GET', `/v1/schools/${id}/observation-coverage?semester=${semester}`, { token: w.admin.token })).body),
    );
    for (const coverage of schools) {
      expect(res.body.schools.find((s) => s.schoolId === coverage.schoolId)).toMatchObject({
        teachers: coverage.teachers.length,
        observed: coverage.teachers.length - coverage.notObserved.length,
        rate: coverage.rate,
      });
    }
    const teachers = schools.reduce((n, c) => n + c.teachers.length, 0);
    const observed = schools.reduce((n, c) => n + c.teachers.filter((t) => t.count > 0).length, 0);
    expect(res.body).toMatchObject({ teachers, observed, rate: Math.round((observed / teachers) * 1000) / 1000 });
    expect(res.body.leaders.map((l) => [l.id, l.count, l.target, l.met]).sort()).toEqual(
      schools.flatMap((c) => c.observers.map((o) => [o.id, o.count, o.target, o.count >= o.target])).sort(),
    );
    expect(res.body.leaders.find((l) => l.id === w.principal.id)).toMatchObject({ schoolId: w.schoolA, target: 30, met: false });

    const report = await api<FederationReport>('GET', `/v1/reports/federations/${w.federationId}?semester=${semester}`, { token: w.admin.token });
    expect(report.status).toBe(200);
    expect(report.body.observationCoverage).toEqual(res.body);

    const sheetsOf = async (path: string) => {
      const file = await fetch(`${stack().url}${path}`, { headers: { authorization: `Bearer ${w.admin.token}` } });
      expect(file.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
      return book;
    };
    const own = await sheetsOf(`/v1/federations/${w.federationId}/observation-coverage?semester=${semester}&format=xlsx`);
    expect(own.worksheets.map((s) => s.name)).toEqual(['听评课覆盖', '听课目标']);
    expect(own.getWorksheet('听评课覆盖')?.rowCount).toBe(2 + 2);
    const book = await sheetsOf(`/v1/reports/federations/${w.federationId}?semester=${semester}&format=xlsx`);
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['听评课覆盖', '听课目标']));

    expect((await api('GET', `/v1/federations/${w.federationId}/observation-coverage`, { token: w.principal.token })).status).toBe(403);
    expect((await api('GET', `/v1/federations/fed-chengdong/observation-coverage`, { token: w.admin.token })).status).toBe(403);
  });
});

describe('figures over time', () => {
  it('a teacher’s archive shows the observed lessons’ dimension means by semester and the feedback; the print includes them', async () => {
    const received = (await api<ObservationPage>('GET', '/v1/observations?teacher=me&limit=100', { token: w.t2.token })).body.items;
    expect(received.length).toBeGreaterThan(1);
    const res = await api<ArchiveObservations>('GET', '/v1/archive/observations', { token: w.t2.token });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(received.length);
    expect(res.body.feedback.map((f) => f.id)).toEqual(received.map((o) => o.id));
    const semester = semesterOf(new Date());
    const recomputed = dimensionAverages(received.filter((o) => o.semester === semester)).map((g) => ({ semester, ...g }));
    expect(res.body.semesters).toMatchObject(recomputed);
    // The custom scale at 8 of 0–10 (80) and, in its second version, 5 of 1–5 (100): every dimension 90.
    expect(res.body.semesters[0]?.dimensions).toEqual([{ name: '教学目标', score: 90 }, { name: '学生参与', score: 90 }]);
    expect(res.body.semesters[0]?.total).toBe(90);

    expect((await api<ArchiveObservations>('GET', `/v1/archive/observations?userId=${w.t2.id}`, { token: w.admin.token })).body.count).toBe(received.length);
    expect((await api('GET', `/v1/archive/observations?userId=${w.t2.id}`, { token: w.t1.token })).status).toBe(403);

    const link = await api<{ url: string }>('GET', '/v1/archive/print-link', { token: w.t2.token });
    const page = await (await fetch(link.body.url.replace(/^https?:\/\/[^/]+/, stack().url))).text();
    expect(page).toContain('听评课反馈');
    expect(page).toContain(`被听课 ${received.length} 节`);
    expect(page).toContain('练习的梯度可再拉开');
  });

  it('the school’s coverage gives its admins the mean of each dimension this semester, per scale', async () => {
    const semester = semesterOf(new Date());
    const coverage = (await api<Coverage>('GET', `/v1/schools/${w.schoolA}/observation-coverage?semester=${semester}`, { token: w.admin.token })).body;
    const all: Observation[] = [];
    for (const p of [w.principal, w.dean, w.t1, w.t2, w.t3]) {
      const page = await api<ObservationPage>('GET', '/v1/observations?teacher=me&limit=100', { token: p.token });
      all.push(...page.body.items.filter((o) => o.semester === semester && o.schoolId === w.schoolA));
    }
    const key = (g: { scaleId: string }) => g.scaleId;
    expect([...coverage.dimensions].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(dimensionAverages(all).sort((a, b) => key(a).localeCompare(key(b))));
    expect(coverage.dimensions.find((g) => g.scaleId === 'default')?.dimensions.map((d) => d.name)).toEqual(['教学目标', '教学过程', '学生参与', '教学效果', '教师素养']);
  });
});

describe('notices', () => {
  type Sent = { touser: string; page?: string; data: Record<string, { value: string }> };
  const sentTo = async (openid: string) =>
    ((await (await fetch(`${stack().wechatUrl}/__fake/messages`)).json()) as { messages: Sent[] }).messages.filter((m) => m.touser === openid);

  it('tells the observed teacher once, through WeChat, and opens the feedback they received', async () => {
    const before = (await sentTo(w.t1.openid)).length;
    const body = lesson(w.t1.id, { topic: '角的度量' });
    expect((await submit(w.principal.token, body)).status).toBe(201);
    expect((await submit(w.principal.token, body)).status).toBe(200);
    const sent = (await sentTo(w.t1.openid)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ page: 'packages/observe/mine/index?tab=received', data: { thing1: { value: '听课反馈：数学《角的度量》' }, thing3: { value: '三年级(2)班' } } });
    expect(sent[0]?.data.thing4?.value).toContain('甲校长');
    expect(await sentTo(w.principal.openid)).toHaveLength(0);
  });
});
