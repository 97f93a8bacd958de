import { describe, expect, it } from 'vitest';
import { semesterOf, type Briefing, type BriefingPhotos, type RecordsStatus, type SessionFileList, type UploadTicket } from '@lianyan/shared';
import { api, devLogin } from '../support/api.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// 活动档案情况: the counters a session's record keeps (files by category, first submissions), the organizer's choice
// of briefing photos, and the admin's list of finished sessions missing their record.

const MIN = 60_000;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%活动方案\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const REFLECTION = '两所学校同上一节课，让我看清了自己课堂提问的问题：问题太碎，学生没有思考的时间。下次先抛出一个大问题。';

type ErrorBody = { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } };

async function upload(token: string, bytes: Buffer, contentType: string, fileName: string) {
  const ticket = await api<UploadTicket>('POST', '/v1/uploads', { token, body: { fileName, contentType, size: bytes.length } });
  expect(ticket.status).toBe(201);
  expect((await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: bytes })).status).toBe(200);
  return ticket.body.uploadId;
}

async function attach(token: string, sessionId: string, category: string, uploadIds: string[]) {
  const res = await api<SessionFileList>('POST', `/v1/sessions/${sessionId}/files`, { token, body: { category, uploadIds } });
  expect(res.status).toBe(201);
  return res.body.items;
}

async function signIn(account: string, sessionId: string, organizerToken: string) {
  const { token } = await devLogin(account);
  const res = await api('POST', `/v1/sessions/${sessionId}/sign-ins`, { token, body: scan((await currentQr(sessionId, organizerToken)).token) });
  expect(res.status).toBe(201);
  return token;
}

const semester = semesterOf(new Date());
const statusOf = (token: string, query = '') => api<RecordsStatus & ErrorBody>('GET', `/v1/federations/fed-chengdong/records-status?semester=${semester}${query}`, { token });
const itemOf = (status: RecordsStatus, sessionId: string) => status.items.find((i) => i.sessionId === sessionId);

describe('records status (活动档案情况)', () => {
  it('lists finished sessions without photos, without a plan, or with too few reflections by the deadline', async () => {
    const now = Date.now();
    // Finished five minutes ago: sign-in stays open 30 minutes after the end.
    const finished = { startAt: new Date(now - 65 * MIN).toISOString(), endAt: new Date(now - 5 * MIN).toISOString() };
    const complete = await publishedSession({ title: '档案情况：资料齐全', ...finished });
    const bare = await publishedSession({ title: '档案情况：没有资料', ...finished });
    const upcoming = await publishedSession({ title: '档案情况：还没开始', startAt: new Date(now + 60 * MIN).toISOString(), endAt: new Date(now + 120 * MIN).toISOString() });
    const token = complete.organizerToken;

    await attach(token, complete.session.id, 'plan', [await upload(token, PDF, 'application/pdf', '活动方案.pdf')]);
    await attach(token, complete.session.id, 'photo', [await upload(token, PNG, 'image/png', '现场.png')]);
    const first = await signIn('core-teacher-1', complete.session.id, token);
    const second = await signIn('east2-teacher-2', complete.session.id, token);
    // Asked with a deadline already past: those who submit now are late, and the rate is judged.
    const asked = await api('PUT', `/v1/sessions/${complete.session.id}/reflection-request`, {
      token,
      body: { minLength: 20, deadline: new Date(now - 1 * MIN).toISOString() },
    });
    expect(asked.status).toBe(200);
    expect((await api('PUT', `/v1/sessions/${complete.session.id}/reflections/me`, { token: first, body: { text: REFLECTION, submit: true } })).status).toBe(200);

    const fedAdmin = (await devLogin('fed-admin')).token;
    let status = await statusOf(fedAdmin);
    expect(status.status).toBe(200);
    expect(status.body.minRate).toBe(0.8);
    // One of the two who signed in submitted: 50 % is below the default 80 %.
    expect(itemOf(status.body, complete.session.id)).toMatchObject({
      files: { plan: 1, photo: 1, schedule: 0, courseware: 0, other: 0 },
      signedIn: 2,
      reflection: { submitted: 1, rate: 0.5, due: true, minLength: 20 },
      missing: ['reflections'],
      finished: true,
      hostSchoolName: '明湖区实验小学',
    });
    expect(itemOf(status.body, bare.session.id)).toMatchObject({ files: { plan: 0, photo: 0 }, signedIn: 0, missing: ['photos', 'plan'], finished: true });
    expect(itemOf(status.body, bare.session.id)?.reflection).toBeUndefined();
    expect(itemOf(status.body, upcoming.session.id)).toMatchObject({ missing: [], finished: false });
    const { totals } = status.body;
    expect(totals.complete + totals.missing).toBe(totals.finished);
    expect(totals.sessions).toBe(status.body.items.length);
    expect(status.body.items.map((i) => i.startAt)).toEqual([...status.body.items.map((i) => i.startAt)].sort().reverse());

    // The second submission completes the record; the first, submitted and past the deadline, is closed.
    expect((await api('PUT', `/v1/sessions/${complete.session.id}/reflections/me`, { token: second, body: { text: REFLECTION, submit: true } })).status).toBe(200);
    expect((await api('PUT', `/v1/sessions/${complete.session.id}/reflections/me`, { token: first, body: { text: `${REFLECTION}（补充）`, submit: true } })).status).toBe(409);
    status = await statusOf(fedAdmin);
    expect(itemOf(status.body, complete.session.id)).toMatchObject({ reflection: { submitted: 2, rate: 1 }, missing: [] });
    // A lower bar from the query.
    expect((await statusOf(fedAdmin, '&minRate=0')).body.minRate).toBe(0);
    const badRate = await statusOf(fedAdmin, '&minRate=2');
    expect(badRate.status).toBe(400);
    expect(badRate.body.details?.fieldErrors?.minRate).toEqual(['比例应在 0 到 1 之间，最多保留两位小数']);
    const badSemester = await api<ErrorBody>('GET', '/v1/federations/fed-chengdong/records-status?semester=2026-1', { token: fedAdmin });
    expect(badSemester.status).toBe(400);
    expect(badSemester.body.details?.fieldErrors?.semester).toContain('学期格式应为 2026-2027-1');

    // Removing the only photo brings the gap back; attaching the same upload five times at once counts it once.
    const files = (await api<SessionFileList>('GET', `/v1/sessions/${complete.session.id}/files`, { token })).body.items;
    const photo = files.find((f) => f.category === 'photo')!;
    expect((await api('POST', `/v1/sessions/${complete.session.id}/files/${photo.id}/delete`, { token })).status).toBe(200);
    expect((await api('POST', `/v1/sessions/${complete.session.id}/files/${photo.id}/delete`, { token })).status).toBe(404);
    expect(itemOf((await statusOf(fedAdmin)).body, complete.session.id)).toMatchObject({ files: { photo: 0 }, missing: ['photos'] });
    const again = await upload(token, PNG, 'image/png', '补拍.png');
    const burst = await Promise.all(Array.from({ length: 5 }, () => api('POST', `/v1/sessions/${complete.session.id}/files`, { token, body: { category: 'photo', uploadIds: [again] } })));
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(itemOf((await statusOf(fedAdmin)).body, complete.session.id)).toMatchObject({ files: { photo: 1 }, missing: [] });
  });

  it('shows a school admin the sessions their school hosts, and no one outside the federation', async () => {
    const hosted = await publishedSession({ title: '档案情况：东二小主办', hostSchoolId: 'sch-east2' });
    const byCore = await publishedSession({ title: '档案情况：实验小学主办' });
    const east2Admin = (await devLogin('east2-admin')).token;
    const seen = await statusOf(east2Admin);
    expect(seen.status).toBe(200);
    expect(itemOf(seen.body, hosted.session.id)).toBeDefined();
    expect(itemOf(seen.body, byCore.session.id)).toBeUndefined();
    expect(seen.body.items.every((i) => i.hostSchoolId === 'sch-east2')).toBe(true);
    expect((await statusOf((await devLogin('organizer')).token)).body.items.some((i) => i.sessionId === byCore.session.id)).toBe(true);
    const teacher = await statusOf((await devLogin('core-teacher-1')).token);
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toMatch(/[\u4e00-\u9fa5]/u);
    expect((await api<ErrorBody>('GET', `/v1/federations/fed-none/records-status?semester=${semester}`, { token: (await devLogin('district-admin')).token })).status).toBe(404);
  });
});

describe('briefing photos and who reads a record', () => {
  it('shows the photos the organizer chose, in their order, and lets admins of the schools taking part read the briefing', async () => {
    const { session, organizerToken: token } = await publishedSession({ title: '档案情况：简报照片' });
    const ids: string[] = [];
    for (const name of ['签到处.png', '上课.png', '评课.png']) ids.push((await attach(token, session.id, 'photo', [await upload(token, PNG, 'image/png', name)]))[0]!.id);
    const [plan] = await attach(token, session.id, 'plan', [await upload(token, PDF, 'application/pdf', '方案.pdf')]);

    let briefing = await api<Briefing>('GET', `/v1/sessions/${session.id}/briefing`, { token });
    expect(briefing.body.photos.map((p) => p.name)).toEqual(['签到处.png', '上课.png', '评课.png']);

    const chosen = await api<BriefingPhotos>('PUT', `/v1/sessions/${session.id}/briefing-photos`, { token, body: { fileIds: [ids[2], ids[0]] } });
    expect(chosen.status).toBe(200);
    briefing = await api<Briefing>('GET', `/v1/sessions/${session.id}/briefing`, { token });
    expect(briefing.body.photos.map((p) => p.name)).toEqual(['评课.png', '签到处.png']);
    const listed = (await api<SessionFileList>('GET', `/v1/sessions/${session.id}/files`, { token })).body.items;
    expect(listed.filter((f) => f.featured).map((f) => f.name)).toEqual(['签到处.png', '评课.png']);

    const notPhoto = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/briefing-photos`, { token, body: { fileIds: [ids[1], plan!.id] } });
    expect(notPhoto.status).toBe(400);
    expect(notPhoto.body.details?.fieldErrors?.['fileIds.1']).toEqual(['不是本活动的照片，或已删除']);
    const tooMany = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/briefing-photos`, { token, body: { fileIds: Array.from({ length: 7 }, () => ids[0]) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details?.fieldErrors?.fileIds).toEqual(['简报最多选 6 张照片']);
    // A chosen photo removed later drops out; an empty choice goes back to upload order.
    expect((await api('DELETE', `/v1/sessions/${session.id}/files/${ids[2]}`, { token })).status).toBe(200);
    expect((await api<Briefing>('GET', `/v1/sessions/${session.id}/briefing`, { token })).body.photos.map((p) => p.name)).toEqual(['签到处.png']);
    await api('PUT', `/v1/sessions/${session.id}/briefing-photos`, { token, body: { fileIds: [] } });
    expect((await api<Briefing>('GET', `/v1/sessions/${session.id}/briefing`, { token })).body.photos.map((p) => p.name)).toEqual(['签到处.png', '上课.png']);

    // The session (hosted by the core school) is for the whole federation: the east2 admin reads its briefing and bundle,
    // but does not manage it.
    const east2Admin = (await devLogin('east2-admin')).token;
    expect((await api('GET', `/v1/sessions/${session.id}/briefing`, { token: east2Admin })).status).toBe(200);
    expect((await api('GET', `/v1/sessions/${session.id}/briefing-link`, { token: east2Admin })).status).toBe(200);
    expect((await api('GET', `/v1/sessions/${session.id}/record-bundle`, { token: east2Admin })).status).toBe(200);
    expect((await api('PUT', `/v1/sessions/${session.id}/briefing-photos`, { token: east2Admin, body: { fileIds: [] } })).status).toBe(403);
    // A session for one school's teachers only: another school's admin does not take part.
    const coreOnly = await publishedSession({ title: '档案情况：本校教研', audience: { type: 'schools', schoolIds: ['sch-core'] } });
    expect((await api('GET', `/v1/sessions/${coreOnly.session.id}/briefing`, { token: east2Admin })).status).toBe(403);
  });

  it('shows a reflection request only to the session’s audience and those who signed in, and counts a person once', async () => {
    const { session, organizerToken } = await publishedSession({ title: '档案情况：心得要求', audience: { type: 'schools', schoolIds: ['sch-core'] } });
    expect((await api('GET', `/v1/sessions/${session.id}/reflections/me`, { token: (await devLogin('core-teacher-2')).token })).status).toBe(200);
    await api('PUT', `/v1/sessions/${session.id}/reflection-request`, { token: organizerToken, body: { minLength: 20, deadline: new Date(Date.now() + 60 * MIN).toISOString() } });
    const teacher = await signIn('core-teacher-2', session.id, organizerToken);
    for (const text of [REFLECTION, `${REFLECTION}（修改后）`]) {
      expect((await api('PUT', `/v1/sessions/${session.id}/reflections/me`, { token: teacher, body: { text, submit: true } })).status).toBe(200);
    }
    const item = itemOf((await statusOf((await devLogin('fed-admin')).token)).body, session.id);
    expect(item).toMatchObject({ reflection: { submitted: 1, due: false }, finished: false, missing: [] });
    const outsider = await api<ErrorBody>('GET', `/v1/sessions/${session.id}/reflections/me`, { token: (await devLogin('east2-teacher-1')).token });
    expect(outsider.status).toBe(403);
    expect(outsider.body.message).toBe('只有本活动的参加者可以查看和提交心得');
  });
});
