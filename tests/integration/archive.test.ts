import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ArchiveEntry, ArchiveList, ArchiveSummary, PrintLink, ReviewList, SchoolArchiveOverview, UploadTicket } from '@lianyan/shared';
import { api, devLogin } from '../support/api.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

const MIN = 60_000;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

type ErrorBody = { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } };

async function summary(token: string, userId?: string) {
  const res = await api<ArchiveSummary>('GET', `/v1/archive/summary${userId ? `?userId=${userId}` : ''}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

async function archive(token: string, query = '') {
  const res = await api<ArchiveList>('GET', `/v1/archive${query}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

async function upload(token: string, bytes: Buffer, contentType = 'image/png', fileName = '证书.png') {
  const ticket = await api<UploadTicket>('POST', '/v1/uploads', { token, body: { fileName, contentType, size: bytes.length } });
  expect(ticket.status).toBe(201);
  const put = await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: bytes });
  return { ticket: ticket.body, put };
}

const training = (title: string, hours: number, extra: Record<string, unknown> = {}) => ({
  kind: 'training',
  title,
  provider: '明湖区教师发展中心',
  hours,
  date: today(),
  ...extra,
});

describe('archive entries and evidence', () => {
  it('files a training entry with a verified photo, once, as pending', async () => {
    const { token } = await devLogin('east2-teacher-4');
    const { ticket, put } = await upload(token, PNG);
    expect(put.status).toBe(200);
    const body = training('新课标解读专题培训', 6, { certificateNo: 'MH-2026-118', evidence: [ticket.uploadId] });
    const first = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'pending', source: 'entered', kind: 'training', hours: 6, title: '新课标解读专题培训' });
    expect(first.body.evidenceFiles).toEqual([expect.objectContaining({ id: ticket.uploadId, name: '证书.png', contentType: 'image/png', size: PNG.length })]);

    // The same request again (a double tap, a retry) answers with the entry already filed.
    const again = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const listed = await archive(token);
    expect(listed.entries.filter((e) => e.title === '新课标解读专题培训')).toHaveLength(1);

    // The evidence link serves the bytes that were uploaded.
    const file = await fetch(first.body.evidenceFiles[0]?.url ?? '');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses files of the wrong content, the wrong size or too large, before anything is stored', async () => {
    const { token } = await devLogin('east2-teacher-4');
    const fake = Buffer.from('这不是图片，只是改了扩展名的文本文件');
    const { ticket, put } = await upload(token, fake, 'image/png', '伪装.png');
    expect(put.status).toBe(415);
    expect(((await put.json()) as ErrorBody).code).toBe('UPLOAD_INVALID');
    const withFake = await api<ErrorBody>('POST', '/v1/archive/entries', { token, body: training('带伪装文件的培训', 2, { evidence: [ticket.uploadId] }) });
    expect(withFake.status).toBe(400);
    expect(withFake.body.code).toBe('UPLOAD_INVALID');
    expect(withFake.body.message).toContain('还没有上传完成');

    const tooLarge = await api<ErrorBody>('POST', '/v1/uploads', { token, body: { fileName: '录像.pdf', contentType: 'application/pdf', size: 11 * 1024 * 1024 } });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.details?.fieldErrors?.size).toEqual(['文件不能为空，也不能超过 10 MB']);
    const wrongType = await api<ErrorBody>('POST', '/v1/uploads', { token, body: { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.details?.fieldErrors?.contentType).toEqual(['只能上传 JPG、PNG、WebP 图片或 PDF 文件']);

    const signed = await api<UploadTicket>('POST', '/v1/uploads', { token, body: { fileName: 'a.png', contentType: 'image/png', size: PNG.length } });
    const longer = await fetch(signed.body.url, { method: 'PUT', headers: signed.body.headers, body: Buffer.concat([PNG, PNG]) });
    expect(longer.status).toBe(403);
    const tampered = await fetch(signed.body.url.replace('size=', 'size=9'), { method: 'PUT', headers: signed.body.headers, body: PNG });
    expect(tampered.status).toBe(403);

    // Someone else's upload cannot be attached.
    const other = await devLogin('east2-teacher-5');
    const { ticket: mine } = await upload(token, PNG);
    const stolen = await api<ErrorBody>('POST', '/v1/archive/entries', { token: other.token, body: training('借用别人的证书', 2, { evidence: [mine.uploadId] }) });
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('UPLOAD_INVALID');
  });

  it('explains each invalid field in Chinese', async () => {
    const { token } = await devLogin('east2-teacher-4');
    const res = await api<ErrorBody>('POST', '/v1/archive/entries', {
      token,
      body: { kind: 'lesson_observation', observedTeacher: '钱子涵', observedSchool: '城东二小', subject: '语文', grade: '四年级', rating: 6, comments: '很好', date: '2099-01-01' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details?.fieldErrors?.comments).toEqual(['评课意见至少 30 个字']);
    expect(res.body.details?.fieldErrors?.rating).toEqual(['评分为 1 到 5 星']);
    const future = await api<ErrorBody>('POST', '/v1/archive/entries', { token, body: training('未来的培训', 2, { date: '2099-01-01' }) });
    expect(future.status).toBe(400);
    expect(future.body.details?.fieldErrors?.date).toEqual(['日期不能晚于今天']);
    const unknown = await api<ErrorBody>('POST', '/v1/archive/entries', { token, body: { kind: 'research_attendance', date: today() } });
    expect(unknown.status).toBe(400);
  });

  it('lets a teacher edit and delete a pending entry, never an approved one', async () => {
    const { token } = await devLogin('donghu-teacher-2');
    const before = await summary(token);
    const created = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token, body: { kind: 'award', title: '区优质课一等奖', level: 'district', issuer: '明湖区教育局', date: today() } });
    expect(created.status).toBe(201);
    expect((await summary(token)).pending).toBe(before.pending + 1);
    const edited = await api<ArchiveEntry>('PATCH', `/v1/archive/entries/${created.body.id}`, {
      token,
      body: { kind: 'award', title: '市优质课一等奖', level: 'city', issuer: '明湖市教育局', date: today() },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: created.body.id, title: '市优质课一等奖', level: 'city', status: 'pending' });
    const someoneElse = await devLogin('donghu-teacher-3');
    expect((await api('DELETE', `/v1/archive/entries/${created.body.id}`, { token: someoneElse.token })).status).toBe(404);
    expect((await api('POST', `/v1/archive/entries/${created.body.id}/delete`, { token })).status).toBe(204);
    expect((await summary(token)).pending).toBe(before.pending);
    expect((await api('DELETE', `/v1/archive/entries/${created.body.id}`, { token })).status).toBe(404);
  });
});

describe('review by the school admin', () => {
  it('approves once: the hours count, a second decision is refused', async () => {
    const teacher = await devLogin('qingshan-teacher-3');
    const admin = await devLogin('qingshan-admin');
    const before = await summary(teacher.token);
    const entry = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: teacher.token, body: training('乡村教师信息技术能力提升培训', 8) });
    expect(entry.status).toBe(201);

    const queue = await api<ReviewList>('GET', '/v1/schools/sch-qingshan/archive-reviews', { token: admin.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items.find((e) => e.id === entry.body.id)).toMatchObject({ personName: teacher.user.name, status: 'pending' });

    // Another school's admin and a teacher cannot review or see the queue.
    const otherAdmin = await devLogin('core-admin');
    expect((await api('GET', '/v1/schools/sch-qingshan/archive-reviews', { token: otherAdmin.token })).status).toBe(403);
    expect((await api('POST', `/v1/archive/entries/${entry.body.id}/review`, { token: otherAdmin.token, body: { decision: 'approved' } })).status).toBe(403);
    expect((await api('POST', `/v1/archive/entries/${entry.body.id}/review`, { token: teacher.token, body: { decision: 'approved' } })).status).toBe(403);

    // Two admins deciding at once (the school admin and the federation admin): one wins, the hours count once.
    const fedAdmin = await devLogin('fed-admin');
    const decisions = await Promise.all([
      api<ArchiveEntry | ErrorBody>('POST', `/v1/archive/entries/${entry.body.id}/review`, { token: admin.token, body: { decision: 'approved', comment: '材料齐全' } }),
      api<ArchiveEntry | ErrorBody>('POST', `/v1/archive/entries/${entry.body.id}/review`, { token: fedAdmin.token, body: { decision: 'approved' } }),
    ]);
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
    expect((decisions.find((d) => d.status === 409)?.body as ErrorBody).code).toBe('ALREADY_REVIEWED');

    const after = await summary(teacher.token);
    expect(after.training.hours).toBeCloseTo(before.training.hours + 8);
    expect(after.training.cycleHours).toBeCloseTo(before.training.cycleHours + 8);
    expect(after.counts.training).toBe(before.counts.training + 1);
    expect(after.pending).toBe(before.pending);
    const line = (await archive(teacher.token)).entries.find((e) => e.id === entry.body.id);
    expect(line).toMatchObject({ status: 'approved', review: { decision: 'approved' } });

    const edit = await api<ErrorBody>('PATCH', `/v1/archive/entries/${entry.body.id}`, { token: teacher.token, body: training('改名', 80) });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('ENTRY_NOT_EDITABLE');
    expect((await api<ErrorBody>('DELETE', `/v1/archive/entries/${entry.body.id}`, { token: teacher.token })).body.code).toBe('ENTRY_NOT_EDITABLE');
  });

  it('sends an entry back with a reason; the teacher corrects it and it waits again', async () => {
    const teacher = await devLogin('qingshan-teacher-4');
    const admin = await devLogin('qingshan-admin');
    const entry = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: teacher.token, body: { kind: 'paper', title: '乡村小学整本书阅读的实践', publication: '明湖教育', date: today() } });
    const noReason = await api<ErrorBody>('POST', `/v1/archive/entries/${entry.body.id}/review`, { token: admin.token, body: { decision: 'rejected' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('退回时请填写原因，方便老师修改');
    const rejected = await api<ArchiveEntry>('POST', `/v1/archive/entries/${entry.body.id}/review`, { token: admin.token, body: { decision: 'rejected', comment: '请上传刊物封面和目录页' } });
    expect(rejected.status).toBe(200);
    const seen = (await archive(teacher.token)).entries.find((e) => e.id === entry.body.id);
    expect(seen).toMatchObject({ status: 'rejected', review: { comment: '请上传刊物封面和目录页', byName: admin.user.name } });
    const pendingBefore = (await summary(teacher.token)).pending;
    const fixed = await api<ArchiveEntry>('PATCH', `/v1/archive/entries/${entry.body.id}`, {
      token: teacher.token,
      body: { kind: 'paper', title: '乡村小学整本书阅读的实践', publication: '明湖教育', level: 'city', date: today() },
    });
    expect(fixed.body.status).toBe('pending');
    const queued = await api<ReviewList>('GET', '/v1/schools/sch-qingshan/archive-reviews', { token: admin.token });
    expect(queued.body.items.find((e) => e.id === entry.body.id)?.review?.comment).toBe('请上传刊物封面和目录页');
    expect((await summary(teacher.token)).pending).toBe(pendingBefore + 1);
  });
});

describe('credit from attendance', () => {
  it('keeps an attendance that earned 0 学时 as a line with its reason, counted as the summary counts it', async () => {
    const now = Date.now();
    const { session, organizerToken } = await publishedSession({
      title: '联合教研：迟到不计学时',
      startAt: new Date(now - 30 * MIN).toISOString(),
      endAt: new Date(now + 30 * MIN).toISOString(),
      creditHours: 2,
      creditRule: { mode: 'full_or_none', lateGraceMin: 5, earlyLeaveGraceMin: 5 },
      signOutRequired: true,
      geofence: 'off',
    });
    const teacher = await devLogin('east2-teacher-6');
    const before = await summary(teacher.token);
    const qrIn = await currentQr(session.id, organizerToken, 'in');
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: teacher.token, body: scan(qrIn.token) })).status).toBe(201);
    const qrOut = await currentQr(session.id, organizerToken, 'out');
    expect((await api('POST', `/v1/sessions/${session.id}/sign-outs`, { token: teacher.token, body: scan(qrOut.token) })).status).toBe(201);

    const line = (await archive(teacher.token)).entries.find((e) => e.id === `att-${session.id}`);
    expect(line).toMatchObject({ kind: 'research_attendance', hours: 0, attendanceStatus: 'late', detail: '迟到超过 5 分钟，按本活动的学时规则记 0 学时' });
    const after = await summary(teacher.token);
    expect(after.training.hours).toBeCloseTo(before.training.hours);
    expect(after.sessionsByKind.joint_research).toBe((before.sessionsByKind.joint_research ?? 0) + 1);
  });

  it('shows credited hours after sign-in and sign-out, and follows an organizer correction', async () => {
    const now = Date.now();
    const { session, organizerToken } = await publishedSession({
      title: '联合教研：作业设计与评价',
      startAt: new Date(now - 5 * MIN).toISOString(),
      endAt: new Date(now + 5 * MIN).toISOString(),
      creditHours: 3,
      signOutRequired: true,
      geofence: 'off',
    });
    const teacher = await devLogin('east2-teacher-6');
    const before = await summary(teacher.token);
    const qrIn = await currentQr(session.id, organizerToken, 'in');
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: teacher.token, body: scan(qrIn.token) })).status).toBe(201);
    const qrOut = await currentQr(session.id, organizerToken, 'out');
    expect((await api('POST', `/v1/sessions/${session.id}/sign-outs`, { token: teacher.token, body: scan(qrOut.token) })).status).toBe(201);

    const line = (await archive(teacher.token)).entries.find((e) => e.id === `att-${session.id}`);
    expect(line).toMatchObject({ kind: 'research_attendance', source: 'derived', status: 'approved', hours: 3, title: '联合教研：作业设计与评价', sessionKind: 'joint_research' });
    const after = await summary(teacher.token);
    expect(after.training.hours).toBeCloseTo(before.training.hours + 3);
    expect(after.sessionsByKind.joint_research).toBe((before.sessionsByKind.joint_research ?? 0) + 1);

    // A derived line cannot be edited by the teacher.
    expect((await api('PATCH', `/v1/archive/entries/att-${session.id}`, { token: teacher.token, body: training('改学时', 30) })).status).toBe(404);

    // The organizer corrects the record to 请假 with no hours: the line goes, the hours with it.
    const marked = await api('PUT', `/v1/sessions/${session.id}/attendance/${teacher.user.id}`, {
      token: organizerToken,
      body: { status: 'excused', reason: '临时外出开会，补请假' },
    });
    expect(marked.status).toBe(200);
    expect((await archive(teacher.token)).entries.find((e) => e.id === `att-${session.id}`)).toBeUndefined();
    expect((await summary(teacher.token)).training.hours).toBeCloseTo(before.training.hours);
  });

  it('counts an attended lesson observation for the observer and an open class for the teaching teacher', async () => {
    const teaching = await devLogin('core-teacher-5');
    const dean = await devLogin('core-teacher-2');
    const { session, organizerToken } = await publishedSession({
      kind: 'lesson_observation',
      title: '三年级数学听评课《分数的初步认识》',
      subject: '数学',
      audience: { type: 'schools', schoolIds: ['sch-core'] },
      lesson: { teacherId: teaching.user.id, teacherName: teaching.user.name, className: '三年级(1)班', topic: '《分数的初步认识》' },
      creditHours: 1,
      geofence: 'off',
    });
    const before = await summary(dean.token);
    expect(before.observations.target).toBe(40);
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: dean.token, body: scan(qr.token) })).status).toBe(201);

    const after = await summary(dean.token);
    expect(after.observations.count).toBe(before.observations.count + 1);
    expect(after.counts.lesson_observation).toBe(before.counts.lesson_observation + 1);
    const observed = (await archive(dean.token)).entries.find((e) => e.id === `obs-${session.id}`);
    expect(observed).toMatchObject({ kind: 'lesson_observation', source: 'derived', title: `听${teaching.user.name}数学课《分数的初步认识》` });

    const given = (await archive(teaching.token, '?kind=open_class')).entries.find((e) => e.id === `taught-${session.id}`);
    expect(given).toMatchObject({ kind: 'open_class', source: 'derived', title: '《分数的初步认识》' });
    expect((await summary(teaching.token)).counts.open_class).toBeGreaterThanOrEqual(1);
  });
});

describe('who sees whose archive', () => {
  it('lets a school admin read their teachers, and nobody else', async () => {
    const admin = await devLogin('east2-admin');
    const teacher = await devLogin('east2-teacher-1');
    const other = await devLogin('core-teacher-1');
    const otherAdmin = await devLogin('donghu-admin');
    expect((await api('GET', `/v1/archive/summary?userId=${teacher.user.id}`, { token: admin.token })).status).toBe(200);
    expect((await api('GET', `/v1/archive?userId=${teacher.user.id}`, { token: admin.token })).status).toBe(200);
    expect((await api<ErrorBody>('GET', `/v1/archive?userId=${teacher.user.id}`, { token: other.token })).status).toBe(403);
    expect((await api('GET', `/v1/archive/summary?userId=${teacher.user.id}`, { token: otherAdmin.token })).status).toBe(403);
    expect((await api('GET', `/v1/archive/summary?userId=${teacher.user.id}`, { token: (await devLogin('district-admin')).token })).status).toBe(200);
    const parent = await devLogin('parent-1');
    expect((await api('GET', '/v1/archive', { token: parent.token })).status).toBe(403);
  });
});

describe('school overview', () => {
  it('lists every teacher against the targets and exports them to Excel', async () => {
    const admin = await devLogin('east2-admin');
    const res = await api<SchoolArchiveOverview>('GET', '/v1/schools/sch-east2/archive', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.school.name).toBeTruthy();
    expect(res.body.rows.length).toBeGreaterThanOrEqual(7);
    const principal = res.body.rows.find((r) => r.position === 'principal');
    expect(principal).toMatchObject({ hoursTarget: 24, observationsTarget: 30 });
    const teacher4 = res.body.rows.find((r) => r.userId === 'u-east2-teacher-4');
    expect(teacher4?.pending).toBeGreaterThanOrEqual(1);

    expect((await api('GET', '/v1/schools/sch-east2/archive', { token: (await devLogin('core-admin')).token })).status).toBe(403);
    expect((await api('GET', '/v1/schools/sch-east2/archive', { token: (await devLogin('fed-admin')).token })).status).toBe(200);

    const file = await fetch(`${(await import('../support/api.ts')).stack().url}/v1/schools/sch-east2/archive?format=xlsx`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toMatch(/学年-教师成长档案\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('教师成长档案');
    expect(sheet?.getRow(1).getCell(2).value).toBe('姓名');
    expect(sheet?.getRow(1).getCell(4).value).toBe('本学年学时');
    expect(sheet?.rowCount).toBe(res.body.rows.length + 1);
  });
});

describe('printable archive', () => {
  it('opens without a login from a signed link, and only from one', async () => {
    const teacher = await devLogin('qingshan-teacher-3');
    const link = await api<PrintLink>('GET', '/v1/archive/print-link', { token: teacher.token });
    expect(link.status).toBe(200);
    const page = await fetch(link.body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain(teacher.user.name);
    expect(html).toContain('乡村教师信息技术能力提升培训');
    expect(html).not.toContain('乡村小学整本书阅读的实践'); // still waiting for review

    const tampered = link.body.url.replace(/t=([^.]+)\./, (_m, body: string) => `t=${body.slice(0, -2)}AA.`);
    expect((await fetch(tampered)).status).toBe(403);
    const other = await devLogin('qingshan-teacher-4');
    expect((await api('GET', `/v1/archive/print-link?userId=${teacher.user.id}`, { token: other.token })).status).toBe(403);
  });
});

describe('targets per federation', () => {
  it('lets a federation admin change a target, which summaries then use; nobody else may', async () => {
    const fedAdmin = await devLogin('fed-admin');
    const teacher = await devLogin('donghu-teacher-5');
    const schoolAdmin = await devLogin('donghu-admin');
    expect((await api('PUT', '/v1/federations/fed-chengdong/rules', { token: schoolAdmin.token, body: { trainingHoursPerCycle: 300 } })).status).toBe(403);
    const bad = await api<ErrorBody>('PUT', '/v1/federations/fed-chengdong/rules', { token: fedAdmin.token, body: { coreSchoolWeight: 1.5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details?.fieldErrors?.coreSchoolWeight).toEqual(['核心校权重应在 0 到 1 之间，最多保留两位小数']);
    try {
      const changed = await api<{ trainingHoursPerCycle: number; trainingHoursPerYear: number }>('PUT', '/v1/federations/fed-chengdong/rules', {
        token: fedAdmin.token,
        body: { trainingHoursPerCycle: 300 },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ trainingHoursPerCycle: 300, trainingHoursPerYear: 24 });
      expect((await summary(teacher.token)).training.cycleTarget).toBe(300);
    } finally {
      await api('PUT', '/v1/federations/fed-chengdong/rules', { token: fedAdmin.token, body: { trainingHoursPerCycle: 360 } });
    }
    expect((await summary(teacher.token)).training.cycleTarget).toBe(360);
  });
});
