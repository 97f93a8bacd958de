import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCALE,
  ERASED_NAME,
  currentSchoolYear,
  shanghaiDay,
  type AuthResult,
  type Briefing,
  type Coverage,
  type EvaluationList,
  type ExchangeList,
  type Federation,
  type GroupDetail,
  type MentorPair,
  type MentorPairDetail,
  type MentorPairList,
  type Observation,
  type ObservableTeachers,
  type Person,
  type Roster,
  type School,
  type Session,
  type SchoolReport,
} from '@lianyan/shared';
import { eraseDueAccounts } from '@lianyan/infra/admin/deletions';
import { api, devLogin, uniqueId, wechatCode, wechatPhoneCode } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// 注销, every read that lists people: a teacher with attendance, 评课, a published excerpt, an exchange, a mentor pair,
// a research group and observations both ways is erased; afterwards no read returns their name or phone, the school's
// figures are what they were, and sessions not yet held no longer expect them.

const HOUR = 3_600_000;
const eraseLater = () => eraseDueAccounts(testTable(), { clock: { now: () => new Date(Date.now() + 16 * 86_400_000) } });
let phones = 0;
const newPhone = () => `135${String((Date.now() % 1e6) * 100 + (++phones % 100)).padStart(8, '0')}`;
const day = (offset: number) => shanghaiDay(new Date(Date.now() + offset * 86_400_000));
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

async function teacherOf(schoolId: string, district: string, name: string) {
  const phone = newPhone();
  const person = await api<Person>('POST', `/v1/schools/${schoolId}/people`, {
    token: district,
    body: { name, phone, position: 'teacher', subjects: ['数学'], grades: ['三年级'] },
  });
  expect(person.status).toBe(201);
  const login = await api<AuthResult>('POST', '/v1/auth/wechat', { body: { code: await wechatCode(uniqueId('o-dr')), phoneCode: await wechatPhoneCode(phone) } });
  expect(login.status).toBe(200);
  return { id: person.body.id, phone, token: login.body.token };
}

const observation = (teacherId: string, schoolId: string, note: string) => ({
  teacherId,
  schoolId,
  subject: '数学',
  grade: '三年级',
  className: '三年级(2)班',
  topic: '分数的初步认识',
  startedAt: new Date(Date.now() - HOUR).toISOString(),
  scaleId: 'default',
  scores: DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((i) => ({ item: i.id, score: 4 }))),
  notes: [{ at: new Date(Date.now() - HOUR + 60_000).toISOString(), text: note }],
  strengths: '情境真实',
  suggestions: '练习的梯度可再拉开',
  clientId: uniqueId('draft'),
});

describe('after 注销, no read that lists people names the person; figures stay', () => {
  it('rosters, reports, exports, coverage, exchanges, mentor pairs, groups, 评课 and briefings', async () => {
    const district = (await devLogin('district-admin')).token;
    const fed = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `注销读测试${uniqueId('f').slice(-6)}`, kind: 'alliance' } });
    const school = async (label: string) => (await api<School>('POST', `/v1/federations/${fed.body.id}/schools`, { token: district, body: { name: `${label}${uniqueId('s').slice(-8)}`, stage: 'primary' } })).body.id;
    const [home, host] = [await school('注销读甲小学'), await school('注销读乙小学')];
    // Names chosen so that 已注销用户 sorts where 注销丙老师 did (lists sorted by name keep their order).
    const t = await teacherOf(home, district, '注销丙老师');
    const stays = await teacherOf(home, district, '留任丁老师');
    const NAME = '注销丙老师';

    // Attendance, 评课 and a published excerpt on a lesson observation at the home school.
    const { session: lesson, organizerToken } = await publishedSession(
      {
        kind: 'lesson_observation',
        title: '三年级数学听评课：注销测试',
        subject: '数学',
        hostSchoolId: home,
        audience: { type: 'schools', schoolIds: [home] },
        lesson: { teacherId: stays.id, teacherName: '留任丁老师', className: '三年级(1)班', topic: '《分数的初步认识》' },
        creditHours: 1,
        geofence: 'off',
      },
      'district-admin',
    );
    const qr = await currentQr(lesson.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${lesson.id}/sign-ins`, { token: t.token, body: scan(qr.token) })).status).toBe(201);
    const COMMENT = '注销丙老师的评课：情境导入自然，练习设计有梯度。';
    expect((await api('POST', `/v1/sessions/${lesson.id}/evaluations`, { token: t.token, body: { rating: 3, comment: COMMENT } })).status).toBe(201);
    const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await api('PUT', `/v1/sessions/${lesson.id}/reflection-request`, { token: organizerToken, body: { minLength: 10, deadline } })).status).toBe(200);
    const EXCERPT = '我是注销丙老师，回到课堂我要用分披萨的情境导入。';
    expect((await api('PUT', `/v1/sessions/${lesson.id}/reflections/me`, { token: t.token, body: { text: `${EXCERPT}还要把练习分层。`, submit: true } })).status).toBe(200);
    const published = await api('PUT', `/v1/sessions/${lesson.id}/reflections/excerpts`, { token: organizerToken, body: { items: [{ userId: t.id, text: EXCERPT }] } });
    expect(published.status).toBe(200);

    // A running exchange to the host school, a mentor pair with a log, a research group, observations both ways.
    const exchange = await api('POST', `/v1/federations/${fed.body.id}/exchanges`, {
      token: district,
      body: { userId: t.id, fromSchoolId: home, toSchoolId: host, kind: 'backbone', startDate: day(-3), endDate: day(60) },
    });
    expect(exchange.status).toBe(201);
    const pair = await api<MentorPair>('POST', `/v1/schools/${home}/mentor-pairs`, {
      token: district,
      body: { mentorId: t.id, menteeId: stays.id, subject: '数学', schoolYear: currentSchoolYear(), goals: '上好一节公开课' },
    });
    expect(pair.status).toBe(201);
    const LOG = '注销丙老师指导徒弟设计课堂提问。';
    expect((await api('POST', `/v1/mentor-pairs/${pair.body.id}/logs`, { token: t.token, body: { date: day(0), kind: 'guidance', text: LOG } })).status).toBe(201);
    const group = await api<GroupDetail>('POST', `/v1/federations/${fed.body.id}/groups`, { token: district, body: { subject: '数学', grade: '三年级' } });
    expect(group.status).toBe(201);
    const byT = await api<Observation>('POST', '/v1/observations', { token: t.token, body: observation(stays.id, home, '学生兴趣浓') });
    const ofT = await api<Observation>('POST', '/v1/observations', { token: stays.token, body: observation(t.id, home, '板书清晰') });
    expect([byT.status, ofT.status]).toEqual([201, 201]);

    // Sessions not yet held, at the home school and at the exchange's host school.
    const tomorrow = { startAt: new Date(Date.now() + 24 * HOUR).toISOString(), endAt: new Date(Date.now() + 26 * HOUR).toISOString(), geofence: 'off' as const };
    const future = (await publishedSession({ ...tomorrow, title: '明日教研（本校）', hostSchoolId: home, audience: { type: 'schools', schoolIds: [home] } }, 'district-admin')).session;
    const taught = (
      await publishedSession(
        {
          ...tomorrow,
          kind: 'demo_lesson',
          title: '示范课：注销测试',
          subject: '数学',
          hostSchoolId: home,
          audience: { type: 'schools', schoolIds: [home] },
          lesson: { teacherId: t.id, teacherName: NAME, className: '三年级(2)班', topic: '《认识分数》' },
        },
        'district-admin',
      )
    ).session;
    const atHost = (await publishedSession({ ...tomorrow, title: '明日教研（交流学校）', hostSchoolId: host, audience: { type: 'schools', schoolIds: [host] } }, 'district-admin')).session;

    const read = async () => {
      const get = async <T>(path: string) => {
        const res = await api<T>('GET', path, { token: district });
        expect(res.status, path).toBe(200);
        return res;
      };
      const { generatedAt: _r, ...report } = (await get<SchoolReport & { generatedAt?: string }>(`/v1/reports/schools/${home}`)).body;
      const { generatedAt: _c, ...coverage } = (await get<Coverage & { generatedAt?: string }>(`/v1/schools/${home}/observation-coverage`)).body;
      return {
        report,
        coverage,
        roster: (await get<Roster>(`/v1/sessions/${lesson.id}/attendance`)).body,
        sheet: (await get<unknown>(`/v1/sessions/${lesson.id}/attendance?format=csv`)).text,
        evaluations: (await get<EvaluationList>(`/v1/sessions/${lesson.id}/evaluations`)).body,
        briefing: (await get<Briefing>(`/v1/sessions/${lesson.id}/briefing`)).body,
        exchanges: (await get<ExchangeList>(`/v1/federations/${fed.body.id}/exchanges`)).body,
        pairs: (await get<MentorPairList>(`/v1/schools/${home}/mentor-pairs?schoolYear=${currentSchoolYear()}`)).body,
        pair: (await get<MentorPairDetail>(`/v1/mentor-pairs/${pair.body.id}`)).body,
        menteeArchive: (await get<unknown>(`/v1/archive?userId=${stays.id}`)).body,
        group: (await get<GroupDetail>(`/v1/groups/${group.body.group.id}`)).body,
        people: (await get<unknown>(`/v1/schools/${home}/people`)).body,
        observed: (await get<Observation>(`/v1/observations/${ofT.body.id}`)).body,
        observedBy: (await get<Observation>(`/v1/observations/${byT.body.id}`)).body,
        toObserve: (await api<ObservableTeachers>('GET', `/v1/schools/${home}/observation-teachers`, { token: stays.token })).body,
        taught: (await get<{ session: Session }>(`/v1/sessions/${taught.id}`)).body.session,
        future: (await get<Roster>(`/v1/sessions/${future.id}/attendance?include=missing`)).body,
        atHost: (await get<Roster>(`/v1/sessions/${atHost.id}/attendance?include=missing`)).body,
      };
    };
    const before = await read();
    // What the reads said of the person before: their name everywhere, the comment, the excerpt, the expected seats.
    for (const [what, value] of Object.entries(before)) expect(typeof value === 'string' ? value : JSON.stringify(value), what).toContain(NAME);
    expect(before.evaluations.items.map((e) => e.comment)).toContain(COMMENT);
    expect(before.briefing.excerpts.map((e) => e.text)).toEqual([EXCERPT]);
    expect(before.group.members.map((m) => m.id)).toEqual(expect.arrayContaining([t.id, stays.id]));
    expect(before.future.missing?.map((m) => m.userId).sort()).toEqual([t.id, stays.id].sort());
    expect(before.atHost.missing?.map((m) => m.userId)).toEqual([t.id]);

    expect((await api('POST', '/v1/me/deletion', { token: t.token, body: { confirm: '注销' } })).status).toBe(201);
    expect((await eraseLater()).erased).toBeGreaterThanOrEqual(1);
    const after = await read();

    // No read returns the name, the phone (full or masked), the comment or the excerpt.
    for (const [what, value] of Object.entries(after)) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      for (const secret of [NAME, t.phone, masked(t.phone), COMMENT, EXCERPT, LOG]) expect(text, `${what} carries ${secret}`).not.toContain(secret);
    }
    // The school's figures are what they were: the report and the coverage differ by the name only.
    const renamed = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll(NAME, ERASED_NAME)) as T;
    expect(after.report).toEqual(renamed(before.report));
    expect(after.coverage).toEqual(renamed(before.coverage));
    expect(after.roster.summary).toEqual(before.roster.summary);
    expect(after.roster.items.map((i) => [i.userId, i.status])).toEqual(before.roster.items.map((i) => [i.userId, i.status]));
    // 评课: the rating still counts (the average stays), without name or comment.
    expect(after.evaluations.averageRating).toBe(before.evaluations.averageRating);
    expect(after.evaluations.items.find((e) => e.userId === t.id)).toMatchObject({ name: ERASED_NAME, comment: '', rating: 3 });
    // The briefing: the person's excerpt is taken off; the counts are the same.
    expect(after.briefing.excerpts).toEqual([]);
    expect(after.briefing.figures).toEqual(before.briefing.figures);
    // Exchanges and pairs: still there, still counted.
    expect(after.exchanges.items).toHaveLength(before.exchanges.items.length);
    expect(after.pairs.items.map((p) => p.id)).toEqual(before.pairs.items.map((p) => p.id));
    expect(after.pair.mentor).toMatchObject({ id: t.id, name: ERASED_NAME });
    expect(after.pair.logs.map((l) => [l.authorId, l.authorName, l.text])).toEqual([[t.id, ERASED_NAME, '']]);
    expect(after.observed).toMatchObject({ teacherId: t.id, teacherName: ERASED_NAME, total: before.observed.total });
    expect(after.taught.lesson).toMatchObject({ teacherId: t.id, teacherName: ERASED_NAME, topic: '《认识分数》' });
    expect(after.observedBy).toMatchObject({ observerId: t.id, observerName: ERASED_NAME, total: before.observedBy.total });
    // Going forward the person is expected nowhere: the group, tomorrow's sessions at home and at the host school.
    expect(after.group.members.map((m) => m.id)).toEqual([stays.id]);
    expect(before.toObserve.items.map((i) => i.id)).toEqual([t.id]);
    expect(after.toObserve.items).toEqual([]);
    expect(after.future.missing?.map((m) => m.userId)).toEqual([stays.id]);
    expect(after.future.summary.expected).toBe(before.future.summary.expected - 1);
    expect(after.atHost.missing).toEqual([]);
    expect(after.atHost.summary.expected).toBe(before.atHost.summary.expected - 1);
  });
});
