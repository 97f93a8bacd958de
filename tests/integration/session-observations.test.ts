import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSummary, AuthResult, Coverage, EvaluationList, Federation, Observation, ObservationPage, ObservationScale, School, Session, SessionEvaluation } from '@lianyan/shared';
import { semesterOf } from '@lianyan/shared';
import { api, devLogin, stack, uniqueId, wechatLogin } from '../support/api.ts';
import { currentQr, makeSessionInput, scan } from '../support/sessions.ts';

// 评课 of a 听评课 session that names an observation scale (issue 23): the session names a scale of its own federation,
// 评课 takes the scale's scores (as a walk-in observation does), keeps the version in force when it was given, and counts
// as one observation — in the school's coverage, for the observer (whose attendance no longer counts it too) — that the
// teaching teacher reads among the feedback received. On a federation of its own: the demo figures stay as they are.

const as = async (account: string) => (await devLogin(account)).token;

async function join(role: 'teacher' | 'federationAdmin', scope: { schoolId: string } | { federationId: string }, name: string, position?: string) {
  const district = await as('district-admin');
  const invite = await api<{ code: string }>('POST', '/v1/invites', { token: district, body: { role, scope } });
  expect(invite.status).toBe(201);
  const openid = uniqueId('o-sob');
  const login = await wechatLogin(openid);
  const redeemed = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name } });
  expect(redeemed.status).toBe(200);
  if (position) expect((await api('PATCH', `/v1/people/${redeemed.body.user.id}`, { token: district, body: { position, subjects: ['数学'], grades: ['三年级'] } })).status).toBe(200);
  return { id: redeemed.body.user.id, token: redeemed.body.token, openid };
}

const scaleBody = {
  name: '听评课量表',
  dimensions: [
    { name: '教学目标', weight: 40, items: [{ label: '目标清晰' }] },
    { name: '学生参与', weight: 60, items: [{ label: '人人动手' }, { label: '敢于表达' }] },
  ],
  scoreRange: { min: 1, max: 5 },
};
const scores = (a: number, b: number, c: number) => [
  { item: '1.1', score: a },
  { item: '2.1', score: b },
  { item: '2.2', score: c },
];

let w: Awaited<ReturnType<typeof setUp>>;
async function setUp() {
  const district = await as('district-admin');
  const federation = async (label: string) => (await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `${label}${uniqueId('f').slice(-6)}`, kind: 'alliance' } })).body.id;
  const [federationId, otherFederationId] = [await federation('评课量表'), await federation('评课外联')];
  const schoolId = (await api<School>('POST', `/v1/federations/${federationId}/schools`, { token: district, body: { name: `评课小学${uniqueId('s').slice(-8)}`, stage: 'primary' } })).body.id;
  const [admin, principal, teacher, colleague] = await Promise.all([
    join('federationAdmin', { federationId }, '评课管理员'),
    join('teacher', { schoolId }, '评课校长', 'principal'),
    join('teacher', { schoolId }, '授课老师', 'teacher'),
    join('teacher', { schoolId }, '听课同事', 'teacher'),
  ]);
  const scale = await api<ObservationScale>('POST', `/v1/federations/${federationId}/observation-scales`, { token: admin.token, body: scaleBody });
  const otherScale = await api<ObservationScale>('POST', `/v1/federations/${otherFederationId}/observation-scales`, { token: district, body: scaleBody });
  expect([scale.status, otherScale.status]).toEqual([201, 201]);
  return { federationId, schoolId, admin, principal, teacher, colleague, scale: scale.body, otherScaleId: otherScale.body.id };
}
beforeAll(async () => {
  w = await setUp();
}, 60_000);

const lessonSession = (overrides: Record<string, unknown> = {}) =>
  makeSessionInput({
    kind: 'lesson_observation',
    title: '听评课：分数的初步认识',
    subject: '数学',
    grade: '三年级',
    hostSchoolId: w.schoolId,
    geofence: 'off',
    lesson: { teacherId: w.teacher.id, teacherName: '授课老师', className: '三年级(2)班', topic: '分数的初步认识' },
    scaleId: w.scale.id,
    ...overrides,
  } as never);

async function openSession(overrides: Record<string, unknown> = {}) {
  const created = await api<Session>('POST', '/v1/sessions', { token: w.admin.token, body: lessonSession(overrides) });
  expect(created.status).toBe(201);
  expect((await api('POST', `/v1/sessions/${created.body.id}/publish`, { token: w.admin.token })).status).toBe(200);
  return created.body;
}
const signIn = async (sessionId: string, token: string) => {
  const qr = (await currentQr(sessionId, w.admin.token)).token;
  const res = await api('POST', `/v1/sessions/${sessionId}/sign-ins`, { token, body: scan(qr) });
  expect(res.status).toBe(201);
};
const evaluate = (sessionId: string, token: string, body: Record<string, unknown>) =>
  api<SessionEvaluation & { code?: string; message?: string; details?: { fieldErrors?: Record<string, string[]> } }>('POST', `/v1/sessions/${sessionId}/evaluations`, { token, body });
const coverage = async () => (await api<Coverage>('GET', `/v1/schools/${w.schoolId}/observation-coverage?semester=${semesterOf(new Date())}`, { token: w.admin.token })).body;
const observedCount = (c: Coverage, id: string) => c.teachers.find((t) => t.id === id)?.count ?? 0;
const principalCount = (c: Coverage) => c.observers.find((o) => o.id === w.principal.id)?.count ?? 0;

describe('a session names a scale', () => {
  it('of its own federation (or the default one), for a lesson whose teacher is picked from the roster', async () => {
    const own = await api<Session>('POST', '/v1/sessions', { token: w.admin.token, body: lessonSession() });
    expect(own.status).toBe(201);
    expect(own.body.scaleId).toBe(w.scale.id);
    expect((await api<Session>('POST', '/v1/sessions', { token: w.admin.token, body: lessonSession({ scaleId: 'default' }) })).status).toBe(201);

    const foreign = await api<{ code: string; message: string; details: { fieldErrors: Record<string, string[]> } }>('POST', '/v1/sessions', {
      token: w.admin.token,
      body: lessonSession({ scaleId: w.otherScaleId }),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toBe('量表不存在或不属于本校联体，请重新选择量表');
    expect(foreign.body.details.fieldErrors.scaleId).toHaveLength(1);
    const missing = await api<{ message: string }>('POST', '/v1/sessions', { token: w.admin.token, body: lessonSession({ scaleId: 'no-such-scale' }) });
    expect(missing.status).toBe(400);

    const noTeacher = await api<{ message: string }>('POST', '/v1/sessions', {
      token: w.admin.token,
      body: lessonSession({ lesson: { teacherName: '授课老师', className: '三年级(2)班', topic: '分数' } }),
    });
    expect(noTeacher.status).toBe(400);
    expect(noTeacher.body.message).toContain('从教师名单中选择授课教师');
    const wrongKind = await api<{ message: string }>('POST', '/v1/sessions', { token: w.admin.token, body: lessonSession({ kind: 'joint_research', lesson: undefined }) });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.message).toBe('只有听评课和示范课可以指定课堂观察量表');

    // An edit may take the scale off (null) or name another federation's (refused).
    const cleared = await api<Session>('PATCH', `/v1/sessions/${own.body.id}`, { token: w.admin.token, body: { scaleId: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.scaleId).toBeUndefined();
    expect((await api('PATCH', `/v1/sessions/${own.body.id}`, { token: w.admin.token, body: { scaleId: w.otherScaleId } })).status).toBe(400);
  });
});

describe('评课 by the session’s scale', () => {
  it('takes every item within its range, in Chinese when not; stars are for sessions without a scale', async () => {
    const session = await openSession();
    await signIn(session.id, w.colleague.token);
    const stars = await evaluate(session.id, w.colleague.token, { rating: 5, comment: '教学设计清晰，学生参与度高。' });
    expect(stars.status).toBe(400);
    expect(stars.body.message).toBe('本次活动按课堂观察量表评课，请逐项评分');
    const missing = await evaluate(session.id, w.colleague.token, { scores: scores(4, 4, 4).slice(0, 2) });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.message).toBe('请为学生参与·敢于表达评分');
    const outOfRange = await evaluate(session.id, w.colleague.token, { scores: scores(4, 6, 4) });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.message).toBe('学生参与·人人动手的评分应在 1 到 5 分之间');

    const plain = await openSession({ scaleId: undefined });
    await signIn(plain.id, w.colleague.token);
    const scored = await evaluate(plain.id, w.colleague.token, { scores: scores(4, 4, 4) });
    expect(scored.status).toBe(400);
    expect(scored.body.message).toBe('本次活动没有指定观察量表，请打星评课');
    expect((await evaluate(plain.id, w.colleague.token, { rating: 4 })).body.message).toBe('请填写评课意见（至少 10 个字）');
    expect((await evaluate(plain.id, w.colleague.token, { rating: 4, comment: '情境导入自然，练习有梯度。' })).status).toBe(201);
  });

  it('counts once — coverage, the observer’s count, their archive — keeps its version, and the teacher reads it', async () => {
    const session = await openSession();
    const before = await coverage();
    const archiveBefore = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: w.principal.token })).body.observations.count;

    await signIn(session.id, w.principal.token);
    // Attending counts the lesson in the principal's archive (as before); the coverage list does not know attendance.
    expect((await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: w.principal.token })).body.observations.count).toBe(archiveBefore + 1);
    const body = { scores: scores(5, 4, 3), strengths: '情境导入自然', suggestions: '小组讨论时间再长一些' };
    const first = await evaluate(session.id, w.principal.token, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ scaleId: w.scale.id, scaleVersion: 1, scaleName: '听评课量表', strengths: '情境导入自然' });
    // 教学目标 5 of 1–5 (100), 学生参与 mean 3.5 (62.5): 40 × 1 + 60 × 0.625 = 77.5.
    expect(first.body.total).toBe(77.5);
    const again = await evaluate(session.id, w.principal.token, body);
    expect(again.status).toBe(201);
    expect(again.body.observationId).toBe(first.body.observationId);

    const after = await coverage();
    expect(observedCount(after, w.teacher.id)).toBe(observedCount(before, w.teacher.id) + 1);
    expect(principalCount(after)).toBe(principalCount(before) + 1);
    expect(after.teachers.find((t) => t.id === w.teacher.id)?.observers).toContain('评课校长');
    expect(after.notObserved.map((t) => t.id)).not.toContain(w.teacher.id);
    expect((await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: w.principal.token })).body.observations.count).toBe(archiveBefore + 1);

    // The scale moves on to version 2; the 评课 given keeps version 1, an edit of it too; a new one takes version 2.
    const edited = await api<ObservationScale>('PATCH', `/v1/observation-scales/${w.scale.id}`, {
      token: w.admin.token,
      body: { ...scaleBody, dimensions: [...scaleBody.dimensions, { name: '教学效果', weight: 20, items: [{ label: '当堂达标' }] }].map((d, i) => (i === 0 ? { ...d, weight: 20 } : d)), version: 1 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const revised = await evaluate(session.id, w.principal.token, { ...body, scores: scores(5, 5, 5), suggestions: '练习再分层' });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ scaleVersion: 1, total: 100, suggestions: '练习再分层' });
    expect(principalCount(await coverage())).toBe(principalCount(before) + 1);

    await signIn(session.id, w.colleague.token);
    const stale = await evaluate(session.id, w.colleague.token, { scores: scores(4, 4, 4) });
    expect(stale.status).toBe(400);
    expect(stale.body.message).toBe('请为教学效果·当堂达标评分');
    const current = await evaluate(session.id, w.colleague.token, { scores: [...scores(4, 4, 4), { item: '3.1', score: 4 }] });
    expect(current.status).toBe(201);
    expect(current.body.scaleVersion).toBe(2);
    expect(observedCount(await coverage(), w.teacher.id)).toBe(observedCount(before, w.teacher.id) + 2);

    // The teaching teacher: every 评课 of the session, and each among the feedback received (to acknowledge).
    const list = await api<EvaluationList>('GET', `/v1/sessions/${session.id}/evaluations`, { token: w.teacher.token });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.averageTotal).toBe(Math.round(((100 + 75) / 2) * 10) / 10);
    const received = (await api<ObservationPage>('GET', '/v1/observations?teacher=me', { token: w.teacher.token })).body.items.filter((o) => o.sessionId === session.id);
    expect(received.map((o) => o.observerName).sort()).toEqual(['听课同事', '评课校长'].sort());
    const principals = received.find((o) => o.observerId === w.principal.id) as Observation;
    expect(principals).toMatchObject({ scaleVersion: 1, total: 100, suggestions: '练习再分层', className: '三年级(2)班', topic: '分数的初步认识', observerKind: 'school_leader' });
    expect((await api('POST', `/v1/observations/${principals.id}/acknowledgement`, { token: w.teacher.token, body: { reflection: '下次把练习分层。' } })).status).toBe(200);
    expect((await api('GET', `/v1/observations/${principals.id}`, { token: w.colleague.token })).status).toBe(403);
  });

  it('sent several times at once, is one observation counted once', async () => {
    const session = await openSession();
    await signIn(session.id, w.colleague.token);
    const before = await coverage();
    const body = { scores: [...scores(3, 4, 5), { item: '3.1', score: 4 }], strengths: '同时提交' };
    const replies = await Promise.all(Array.from({ length: 5 }, () => evaluate(session.id, w.colleague.token, body)));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.observationId)).size).toBe(1);
    const received = (await api<ObservationPage>('GET', '/v1/observations?teacher=me&limit=100', { token: w.teacher.token })).body.items;
    expect(received.filter((o) => o.sessionId === session.id)).toHaveLength(1);
    expect(observedCount(await coverage(), w.teacher.id)).toBe(observedCount(before, w.teacher.id) + 1);

    // An organizer's correction of the attendance keeps its mark: the lesson still counts once in the archive.
    const counted = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: w.colleague.token })).body.observations.count;
    const marked = await api('PUT', `/v1/sessions/${session.id}/attendance/${w.colleague.id}`, { token: w.admin.token, body: { status: 'late', reason: '迟到十分钟，补记' } });
    expect(marked.status).toBe(200);
    expect((await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: w.colleague.token })).body.observations.count).toBe(counted);
  });

  it('tells the teaching teacher of a first 评课 once, as of a walk-in (an edit is not news)', async () => {
    type Sent = { touser: string; page?: string; data: Record<string, { value: string }> };
    const sentTo = async (openid: string) => ((await (await fetch(`${stack().wechatUrl}/__fake/messages`)).json()) as { messages: Sent[] }).messages.filter((m) => m.touser === openid);
    const session = await openSession();
    await signIn(session.id, w.colleague.token);
    const before = (await sentTo(w.teacher.openid)).length;
    const body = { scores: [...scores(4, 4, 4), { item: '3.1', score: 4 }] };
    expect((await evaluate(session.id, w.colleague.token, body)).status).toBe(201);
    expect((await evaluate(session.id, w.colleague.token, { ...body, suggestions: '再补一句' })).status).toBe(201);
    const sent = (await sentTo(w.teacher.openid)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ page: 'packages/observe/mine/index?tab=received', data: { thing1: { value: '听课反馈：数学《分数的初步认识》' }, thing3: { value: '三年级(2)班' } } });
    expect(sent[0]?.data.thing4?.value).toContain('听课同事');
  });

  it('refuses the teaching teacher and those who did not sign in', async () => {
    const session = await openSession();
    expect((await evaluate(session.id, w.colleague.token, { scores: scores(4, 4, 4) })).status).toBe(403);
    await signIn(session.id, w.teacher.token);
    const own = await evaluate(session.id, w.teacher.token, { scores: [...scores(4, 4, 4), { item: '3.1', score: 4 }] });
    expect(own.status).toBe(403);
    expect(own.body.message).toBe('授课教师不能给自己的课评课');
  });
});
