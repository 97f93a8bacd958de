import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentSchoolYear,
  type ArchiveEntry,
  type ArchiveList,
  type ArchiveSummary,
  type FederationReport,
  type MentorLog,
  type MentorPair,
  type MentorPairDetail,
  type MentorPairList,
  type MyMentorPairs,
  type SchoolReport,
  type UploadTicket,
} from '@lianyan/shared';
import { api, devLogin } from '../support/api.ts';
import { startInProcessStack, type InProcessStack } from '../support/inproc.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// 师徒结对 register (issue 16): one pair is one pair, for the reports and both archives.

const YEAR = currentSchoolYear();
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** A subject no other run of this file used (the stack may be reused): pairs are unique per subject. */
const subject = (name: string) => `${name}${Math.random().toString(36).slice(2, 6)}`;
type ErrorBody = { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } };

const token = async (account: string) => (await devLogin(account)).token;
const register = async (schoolId: string, body: Record<string, unknown>, account: string) =>
  api<MentorPair & ErrorBody>('POST', `/v1/schools/${schoolId}/mentor-pairs`, { token: await token(account), body });
const detail = async (id: string, account: string) => api<MentorPairDetail & ErrorBody>('GET', `/v1/mentor-pairs/${id}`, { token: await token(account) });
const archive = async (account: string) => (await api<ArchiveList>('GET', '/v1/archive', { token: await token(account) })).body.entries;
const east2Report = async () => (await api<SchoolReport>('GET', '/v1/reports/schools/sch-east2', { token: await token('east2-admin') })).body;

describe('师徒结对 register', () => {
  it('registers a pair across two schools of the federation, once, and lists it by school year', async () => {
    const s = subject('数学');
    const body = { mentorId: 'u-core-teacher-6', menteeId: 'u-east2-teacher-6', subject: s, schoolYear: YEAR, goals: '一学年内上好一节区级公开课' };
    const first = await register('sch-east2', body, 'east2-admin');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ schoolId: 'sch-east2', subject: s, schoolYear: YEAR, mentor: { id: 'u-core-teacher-6', schoolId: 'sch-core' }, mentee: { id: 'u-east2-teacher-6', schoolId: 'sch-east2' } });
    const again = await register('sch-east2', body, 'east2-admin');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // The mentor's school registering the same pair is told who did.
    const elsewhere = await register('sch-core', body, 'core-admin');
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ code: 'PAIR_EXISTS', message: expect.stringContaining('明湖区城东第二小学') });
    // Twice at once: one pair.
    const s2 = subject('英语');
    const both = await Promise.all([1, 2].map(() => register('sch-east2', { ...body, subject: s2 }, 'east2-admin')));
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body.id).toBe(both[1]!.body.id);

    const list = await api<MentorPairList>('GET', `/v1/schools/sch-east2/mentor-pairs?schoolYear=${YEAR}`, { token: await token('east2-admin') });
    expect(list.status).toBe(200);
    expect(list.body.target).toBe(2);
    expect(list.body.items.filter((p) => p.id === first.body.id || p.id === both[0]!.body.id)).toHaveLength(2);
    const otherYear = await api<MentorPairList>('GET', '/v1/schools/sch-east2/mentor-pairs?schoolYear=2020-2021', { token: await token('east2-admin') });
    expect(otherYear.body.items).toEqual([]);
    const mine = await api<MyMentorPairs>('GET', '/v1/me/mentor-pairs', { token: await token('east2-teacher-6') });
    expect(mine.body.items.find((p) => p.id === first.body.id)).toMatchObject({ role: 'mentee' });
  });

  it('refuses people outside the federation, pairs with no teacher of the school, one person twice and bad input', async () => {
    const base = { mentorId: 'u-core-teacher-5', menteeId: 'u-east2-teacher-5', subject: '科学', schoolYear: YEAR };
    const outside = await register('sch-east2', { ...base, mentorId: 'u-xiqu-teacher-1' }, 'east2-admin');
    expect(outside.status).toBe(400);
    expect(outside.body.details?.fieldErrors?.mentorId?.[0]).toContain('不是本校联体的教师');
    const notHere = await register('sch-donghu', base, 'donghu-admin');
    expect(notHere.status).toBe(400);
    expect(notHere.body.message).toContain('至少有一位');
    const self = await register('sch-east2', { ...base, menteeId: base.mentorId }, 'east2-admin');
    expect(self.status).toBe(400);
    expect(self.body.details?.fieldErrors?.menteeId?.[0]).toContain('同一个人');
    const badYear = await register('sch-east2', { ...base, schoolYear: '2026-2028' }, 'east2-admin');
    expect(badYear.status).toBe(400);
    const start = Number(YEAR.slice(0, 4));
    for (const far of ['1999-2000', `${start - 2}-${start - 1}`, `${start + 2}-${start + 3}`]) {
      const refused = await register('sch-east2', { ...base, schoolYear: far }, 'east2-admin');
      expect(refused.status, far).toBe(400);
      expect(refused.body.details?.fieldErrors?.schoolYear?.[0], far).toContain('学年');
    }
    const otherAdmin = await register('sch-east2', base, 'donghu-admin');
    expect(otherAdmin.status).toBe(403);
    const teacher = await register('sch-east2', base, 'east2-teacher-5');
    expect(teacher.status).toBe(403);
    const missingSchool = await register('sch-nope', base, 'district-admin');
    expect(missingSchool.status).toBe(404);
  });

  it('takes logs with photos from mentor and mentee only, once, and shows them on the pair', async () => {
    const pair = (await register('sch-east2', { mentorId: 'u-core-teacher-4', menteeId: 'u-east2-teacher-4', subject: subject('英语'), schoolYear: YEAR }, 'east2-admin')).body;
    const menteeToken = await token('east2-teacher-4');
    const ticket = await api<UploadTicket>('POST', '/v1/uploads', { token: menteeToken, body: { fileName: '磨课.png', contentType: 'image/png', size: PNG.length } });
    expect((await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: PNG })).status).toBe(200);
    const log = { date: today(), kind: 'lesson_plan', text: '和师傅一起磨《Unit 3》的教学设计，改了导入环节。', uploadIds: [ticket.body.uploadId] };
    const added = await api<MentorLog>('POST', `/v1/mentor-pairs/${pair.id}/logs`, { token: menteeToken, body: log });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ authorRole: 'mentee', kind: 'lesson_plan', files: [{ id: ticket.body.uploadId, contentType: 'image/png' }] });
    const again = await api<MentorLog>('POST', `/v1/mentor-pairs/${pair.id}/logs`, { token: menteeToken, body: log });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(added.body.id);
    const byMentor = await api<MentorLog>('POST', `/v1/mentor-pairs/${pair.id}/logs`, { token: await token('core-teacher-4'), body: { date: today(), kind: 'guidance', text: '指导课堂提问的设计。' } });
    expect(byMentor.status).toBe(201);

    const stranger = await api<ErrorBody>('POST', `/v1/mentor-pairs/${pair.id}/logs`, { token: await token('east2-teacher-3'), body: { date: today(), kind: 'other', text: '不是这对师徒' } });
    expect(stranger.status).toBe(404);
    const admin = await api<ErrorBody>('POST', `/v1/mentor-pairs/${pair.id}/logs`, { token: await token('east2-admin'), body: { date: today(), kind: 'other', text: '管理员' } });
    expect(admin.status).toBe(403);
    const future = await api<ErrorBody>('POST', `/v1/mentor-pairs/${pair.id}/logs`, { token: menteeToken, body: { date: '2099-01-01', kind: 'other', text: '未来' } });
    expect(future.status).toBe(400);
    const othersUpload = await api<ErrorBody>('POST', `/v1/mentor-pairs/${pair.id}/logs`, { token: await token('core-teacher-4'), body: { ...log, text: '别人的照片' } });
    expect(othersUpload.status).toBe(400);
    expect(othersUpload.body.code).toBe('UPLOAD_INVALID');

    const shown = await detail(pair.id, 'east2-admin');
    expect(shown.status).toBe(200);
    expect(shown.body.logs.map((l) => l.authorRole).sort()).toEqual(['mentee', 'mentor']);
    expect(shown.body.logs.find((l) => l.authorRole === 'mentee')?.files[0]?.url).toBeTruthy();
    expect(shown.body).toMatchObject({ canLog: false, canEvaluate: true });
    expect((await detail(pair.id, 'core-teacher-4')).body).toMatchObject({ canLog: true, canEvaluate: false });
    // The mentor's school admin sees it too; a teacher outside the pair and another federation's admin do not.
    expect((await detail(pair.id, 'core-admin')).status).toBe(200);
    expect((await detail(pair.id, 'east2-teacher-3')).status).toBe(404);
    expect((await detail(pair.id, 'xiqu-fed-admin')).status).toBe(404);
  });

  it('evaluates once a school year: a second evaluation and two at once are refused with a clear message', async () => {
    const pair = (await register('sch-east2', { mentorId: 'u-core-teacher-3', menteeId: 'u-east2-teacher-3', subject: subject('音乐'), schoolYear: YEAR }, 'east2-admin')).body;
    const adminToken = await token('east2-admin');
    const evaluate = (comment: string) => api<MentorPair & ErrorBody>('POST', `/v1/mentor-pairs/${pair.id}/evaluation`, { token: adminToken, body: { rating: 'excellent', comment } });
    const both = await Promise.all([evaluate('徒弟进步明显，公开课获好评。'), evaluate('同时提交的另一份评价。')]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409)!;
    expect(refused.body).toMatchObject({ code: 'ALREADY_EVALUATED', message: expect.stringContaining('每学年只能评价一次') });
    expect((await evaluate('再评一次')).status).toBe(409);
    const shown = await detail(pair.id, 'east2-teacher-3');
    expect(shown.body.evaluation).toMatchObject({ rating: 'excellent', schoolYear: YEAR });
    expect(shown.body.canEvaluate).toBe(false);
    // The mentor's school admin sees the pair but does not evaluate it (the registering school does).
    const other = await api<ErrorBody>('POST', `/v1/mentor-pairs/${pair.id}/evaluation`, { token: await token('core-admin'), body: { rating: 'pass', comment: '合格' } });
    expect(other.status).toBe(403);
    const bad = await api<ErrorBody>('POST', `/v1/mentor-pairs/${pair.id}/evaluation`, { token: adminToken, body: { rating: 'great', comment: '' } });
    expect(bad.status).toBe(400);
  });

  it('counts an observation between the two from attendance, without filing it', async () => {
    const pair = (await register('sch-core', { mentorId: 'u-core-principal', menteeId: 'u-core-teacher-1', subject: subject('语文'), schoolYear: YEAR }, 'core-admin')).body;
    expect((await detail(pair.id, 'core-admin')).body.observations.filter((o) => o.sessionId.startsWith('ses-x'))).toEqual([]);
    const { session, organizerToken } = await publishedSession({
      kind: 'lesson_observation',
      title: '四年级语文听评课《观潮》',
      subject: '语文',
      audience: { type: 'schools', schoolIds: ['sch-core'] },
      lesson: { teacherId: 'u-core-teacher-1', teacherName: pair.mentee.name, className: '四年级(1)班', topic: '《观潮》' },
      creditHours: 1,
      geofence: 'off',
    });
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: await token('core-principal'), body: scan(qr.token) })).status).toBe(201);
    const shown = await detail(pair.id, 'core-teacher-1');
    expect(shown.body.observations).toContainEqual(expect.objectContaining({ sessionId: session.id, teacherRole: 'mentee', observerRole: 'mentor', kind: 'lesson_observation' }));
  });
});

describe('师徒结对 counted once', () => {
  it('counts a registered pair once in the reports, shows it in both archives and marks a self-filed duplicate', async () => {
    const before = await east2Report();
    const s = subject('体育');
    const pair = (await register('sch-east2', { mentorId: 'u-east2-teacher-2', menteeId: 'u-east2-principal', subject: s, schoolYear: YEAR }, 'east2-admin')).body;
    const after = await east2Report();
    expect(after.mentorship.mentorPairs).toBe(before.mentorship.mentorPairs + 1);
    const fed = (await api<FederationReport>('GET', '/v1/reports/federations/fed-chengdong', { token: await token('fed-admin') })).body;
    expect(fed.schools.find((r) => r.school.id === 'sch-east2')?.mentorPairs).toBe(after.mentorship.mentorPairs);

    const mentorLine = (await archive('east2-teacher-2')).find((e) => e.pairId === pair.id);
    expect(mentorLine).toMatchObject({ source: 'derived', kind: 'mentorship', title: `带徒：${pair.mentee.name}（${s}）` });
    const menteeLine = (await archive('east2-principal')).find((e) => e.pairId === pair.id);
    expect(menteeLine).toMatchObject({ source: 'derived', kind: 'mentorship', title: `拜师：${pair.mentor.name}（${s}）` });

    // The mentee also files the pair by hand: it shows as a duplicate, and neither archive nor report counts it twice.
    const menteeToken = await token('east2-principal');
    const summaryBefore = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: menteeToken })).body;
    const filed = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: menteeToken, body: { kind: 'mentorship', role: 'apprentice', partnerName: pair.mentor.name, date: today() } });
    expect(filed.status).toBe(201);
    const approved = await api('POST', `/v1/archive/entries/${filed.body.id}/review`, { token: await token('east2-admin'), body: { decision: 'approved' } });
    expect(approved.status).toBe(200);
    const duplicate = (await archive('east2-principal')).find((e) => e.id === filed.body.id);
    expect(duplicate?.duplicateOfPairId).toBe(pair.id);
    const summaryAfter = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token: menteeToken })).body;
    expect(summaryAfter.counts.mentorship).toBe(summaryBefore.counts.mentorship);
    expect(summaryBefore.counts.mentorship).toBeGreaterThanOrEqual(1);
    expect((await east2Report()).mentorship.mentorPairs).toBe(after.mentorship.mentorPairs);
  });
});

describe('the demo of `npm start` (seedMentorPairs)', () => {
  let app: InProcessStack;
  beforeAll(async () => {
    app = await startInProcessStack({ seedHistory: true, seedMentorPairs: true });
  }, 180_000);
  afterAll(async () => {
    await app?.stack.stop();
  });
  const as = async (account: string) => (await app.login(account)).token;

  it('has three pairs with logs, one evaluated, and an observation between a pair from the past 听评课', async () => {
    const lists = await Promise.all(
      [['sch-east2', 'east2-admin'], ['sch-qingshan', 'qingshan-admin'], ['sch-core', 'core-admin']].map(async ([id, account]) => (await app.invoke('listMentorPairs', { token: await as(account!), params: { id: id! } })).json as MentorPairList),
    );
    expect(lists.map((l) => l.items.length)).toEqual([1, 1, 1]);
    const [crossSchool, rural, evaluated] = lists.map((l) => l.items[0]!);
    expect(crossSchool).toMatchObject({ mentor: { id: 'u-core-principal', schoolId: 'sch-core' }, mentee: { id: 'u-east2-teacher-1', schoolId: 'sch-east2' }, subject: '语文' });
    expect(evaluated?.evaluation?.rating).toBe('excellent');
    const detail = (await app.invoke('getMentorPair', { token: await as('east2-teacher-1'), params: { id: crossSchool!.id } })).json as MentorPairDetail;
    expect(detail.logs).toHaveLength(3);
    expect(detail.observations).toEqual([expect.objectContaining({ sessionId: 'ses-past-observe', teacherRole: 'mentee', observerRole: 'mentor' })]);
    expect(((await app.invoke('getMentorPair', { token: await as('qingshan-admin'), params: { id: rural!.id } })).json as MentorPairDetail).logs).toHaveLength(1);
    // Registered through the API again: the same pair, not a second one.
    const again = await app.invoke('createMentorPair', {
      token: await as('east2-admin'),
      params: { id: 'sch-east2' },
      body: { mentorId: 'u-core-principal', menteeId: 'u-east2-teacher-1', subject: '语文', schoolYear: crossSchool!.schoolYear },
    });
    expect(again.status).toBe(200);
    // Both archives show it.
    const mentorArchive = (await app.invoke('getArchive', { token: await as('core-principal') })).json as ArchiveList;
    expect(mentorArchive.entries.find((e) => e.pairId === crossSchool!.id)?.title).toBe(`带徒：${crossSchool!.mentee.name}（语文）`);
    const menteeArchive = (await app.invoke('getArchive', { token: await as('east2-teacher-1') })).json as ArchiveList;
    expect(menteeArchive.entries.find((e) => e.pairId === crossSchool!.id)?.title).toBe(`拜师：${crossSchool!.mentor.name}（语文）`);
  });
});
