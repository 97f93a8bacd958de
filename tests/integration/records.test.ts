import { describe, expect, it } from 'vitest';
import type { ArchiveList, Briefing, BriefingLink, MyReflection, PendingReflectionList, RecordBundle, ReflectionList, ReflectionSettings, Roster, SessionFileList, UploadTicket } from '@lianyan/shared';
import { api, devLogin } from '../support/api.ts';
import { pdfText } from '../support/pdf-text.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';
import { unzip } from '../support/zip.ts';

const MIN = 60_000;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
/** A 4 × 3 baseline JPEG. */
const JPEG = Buffer.from(
  'ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112121815182f1a1a2f634238426363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363ffc00011080003000403012200021101031101ffc4001500010100000000000000000000000000000004ffc4001810010101010100000000000000000000000201000331ffc40014010100000000000000000000000000000005ffc400161101010100000000000000000000000000010011ffda000c03010002110311003f0097a35d1d6d54afb6e6667800c23176ffd9',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n%测试活动方案\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type ErrorBody = { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } };

async function upload(token: string, bytes: Buffer, contentType: string, fileName: string) {
  const ticket = await api<UploadTicket>('POST', '/v1/uploads', { token, body: { fileName, contentType, size: bytes.length } });
  expect(ticket.status).toBe(201);
  const put = await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: bytes });
  expect(put.status).toBe(200);
  return ticket.body.uploadId;
}

async function signInAs(account: string, sessionId: string, organizerToken: string) {
  const { token } = await devLogin(account);
  const qr = (await currentQr(sessionId, organizerToken)).token;
  const res = await api('POST', `/v1/sessions/${sessionId}/sign-ins`, { token, body: scan(qr) });
  expect(res.status).toBe(201);
  return token;
}

const saveReflection = (token: string, sessionId: string, text: string, submit: boolean) =>
  api<MyReflection & ErrorBody>('PUT', `/v1/sessions/${sessionId}/reflections/me`, { token, body: { text, submit } });

const REFLECTION =
  '这次联合教研让我看到了同课异构的价值：两位老师对同一篇课文的处理截然不同，一位重在朗读感悟，一位重在思维导图梳理结构。回到课堂，我准备在单元整体教学中尝试把两种方法结合起来。';

describe('session files (活动资料)', () => {
  it('lets the organizer attach a plan and photos, shows them to those who signed in, and removes one', async () => {
    const { session, organizerToken } = await publishedSession({ title: '活动档案：资料与照片' });
    const planId = await upload(organizerToken, PDF, 'application/pdf', '活动方案.pdf');
    const photoId = await upload(organizerToken, PNG, 'image/png', '现场照片1.png');

    const plan = await api<SessionFileList>('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'plan', uploadIds: [planId] } });
    expect(plan.status).toBe(201);
    expect(plan.body.items).toEqual([expect.objectContaining({ id: planId, category: 'plan', name: '活动方案.pdf', contentType: 'application/pdf', size: PDF.length })]);
    const photos = await api<SessionFileList>('POST', `/v1/sessions/${session.id}/files`, {
      token: organizerToken,
      body: { category: 'photo', uploadIds: [photoId], caption: '专家点评环节' },
    });
    expect(photos.status).toBe(201);
    // Attaching the same upload again (a retry) keeps one file.
    const again = await api<SessionFileList>('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'photo', uploadIds: [photoId] } });
    expect(again.status).toBe(201);

    const listed = await api<SessionFileList>('GET', `/v1/sessions/${session.id}/files`, { token: organizerToken });
    expect(listed.body.items.map((f) => [f.category, f.name, f.caption])).toEqual([
      ['plan', '活动方案.pdf', undefined],
      ['photo', '现场照片1.png', '专家点评环节'],
    ]);
    const bytes = await fetch(listed.body.items[1]?.url ?? '');
    expect(bytes.status).toBe(200);
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PNG)).toBe(true);

    // A teacher sees the files only after signing in; a teacher cannot attach.
    const outsider = await devLogin('east2-teacher-3');
    expect((await api<ErrorBody>('GET', `/v1/sessions/${session.id}/files`, { token: outsider.token })).status).toBe(403);
    const attendee = await signInAs('east2-teacher-3', session.id, organizerToken);
    expect((await api<SessionFileList>('GET', `/v1/sessions/${session.id}/files`, { token: attendee })).body.items).toHaveLength(2);
    const ownUpload = await upload(attendee, PNG, 'image/png', '我的照片.png');
    expect((await api('POST', `/v1/sessions/${session.id}/files`, { token: attendee, body: { category: 'photo', uploadIds: [ownUpload] } })).status).toBe(403);

    // Another person's upload cannot be attached, a file of the wrong content neither.
    const stolen = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'photo', uploadIds: [ownUpload] } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('UPLOAD_INVALID');
    const badCategory = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'video', uploadIds: [planId] } });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.details?.fieldErrors?.category).toEqual(['请选择文件类别']);

    const removed = await api('DELETE', `/v1/sessions/${session.id}/files/${photoId}`, { token: organizerToken });
    expect(removed.status).toBe(200);
    expect((await api<SessionFileList>('GET', `/v1/sessions/${session.id}/files`, { token: organizerToken })).body.items.map((f) => f.id)).toEqual([planId]);
    expect((await api('POST', `/v1/sessions/${session.id}/files/${photoId}/delete`, { token: organizerToken })).status).toBe(404);
  });
});

describe('reflections (心得)', () => {
  it('takes drafts and submissions from those who signed in, keeps each submitted version, and lets the organizer publish excerpts', async () => {
    const { session, organizerToken } = await publishedSession({ title: '活动档案：心得' });
    const teacher = await signInAs('core-teacher-3', session.id, organizerToken);
    const notYet = await saveReflection(teacher, session.id, REFLECTION, true);
    expect(notYet.status).toBe(409);
    expect(notYet.body.code).toBe('REFLECTION_NOT_REQUESTED');

    const deadline = new Date(Date.now() + 3 * 24 * 60 * MIN).toISOString();
    const requested = await api<ReflectionSettings>('PUT', `/v1/sessions/${session.id}/reflection-request`, {
      token: organizerToken,
      body: { minLength: 50, deadline, prompt: '结合自己的课堂写一写收获' },
    });
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({ minLength: 50, deadline, prompt: '结合自己的课堂写一写收获', excerpts: [] });
    const byTeacher = await api<ErrorBody>('PUT', `/v1/sessions/${session.id}/reflection-request`, { token: teacher, body: { minLength: 0, deadline } });
    expect(byTeacher.status).toBe(403);

    // Only those who signed in may write one.
    const absent = await devLogin('donghu-teacher-3');
    const refused = await saveReflection(absent.token, session.id, REFLECTION, true);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_SIGNED_IN');

    // A short draft is kept; submitting it is refused with the count.
    const draft = await saveReflection(teacher, session.id, '同课异构很有启发，', false);
    expect(draft.status).toBe(200);
    expect(draft.body.reflection).toMatchObject({ status: 'draft', version: 0, late: false });
    expect(draft.body.editable).toBe(true);
    const short = await saveReflection(teacher, session.id, '同课异构很有启发，', true);
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('CONTENT_TOO_SHORT');
    expect(short.body.message).toContain('至少 50 字');

    const first = await saveReflection(teacher, session.id, REFLECTION, true);
    expect(first.status).toBe(200);
    expect(first.body.reflection).toMatchObject({ status: 'submitted', version: 1, late: false, name: expect.any(String) });
    const edited = `${REFLECTION}另外，课后研讨时专家提出的“以问促思”也值得借鉴。`;
    const second = await saveReflection(teacher, session.id, edited, true);
    expect(second.body.reflection).toMatchObject({ version: 2, text: edited });
    expect(second.body.history.map((v) => [v.version, v.text])).toEqual([
      [1, REFLECTION],
      [2, edited],
    ]);
    // Once submitted, a change is a new submission, never a draft over it.
    expect((await saveReflection(teacher, session.id, '改成草稿', false)).status).toBe(409);

    const mine = await api<MyReflection>('GET', `/v1/sessions/${session.id}/reflections/me`, { token: teacher });
    expect(mine.body).toMatchObject({ editable: true, reflection: { text: edited, version: 2 }, settings: { minLength: 50 } });

    const other = await signInAs('east2-teacher-4', session.id, organizerToken);
    await saveReflection(other, session.id, '还没写完的草稿', false);
    const list = await api<ReflectionList>('GET', `/v1/sessions/${session.id}/reflections`, { token: organizerToken });
    expect(list.status).toBe(200);
    expect(list.body.summary).toEqual({ signedIn: 2, submitted: 1, late: 0, drafts: 1, missing: 1 });
    expect((await api('GET', `/v1/sessions/${session.id}/reflections`, { token: teacher })).status).toBe(403);

    // Excerpts: passages of submitted reflections, word for word.
    const published = await api<ReflectionSettings>('PUT', `/v1/sessions/${session.id}/reflections/excerpts`, {
      token: organizerToken,
      body: { items: [{ userId: 'u-core-teacher-3', text: '回到课堂，我准备在单元整体教学中尝试把两种方法结合起来。' }] },
    });
    expect(published.status).toBe(200);
    expect(published.body.excerpts).toEqual([
      expect.objectContaining({ userId: 'u-core-teacher-3', schoolName: '明湖区实验小学', text: '回到课堂，我准备在单元整体教学中尝试把两种方法结合起来。' }),
    ]);
    const invented = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/reflections/excerpts`, {
      token: organizerToken,
      body: { items: [{ userId: 'u-core-teacher-3', text: '这次活动毫无收获。' }] },
    });
    expect(invented.status).toBe(400);
    const ofDraft = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/reflections/excerpts`, { token: organizerToken, body: { items: [{ userId: 'u-east2-teacher-4' }] } });
    expect(ofDraft.status).toBe(400);
    // Changing the request keeps the excerpts.
    const changed = await api<ReflectionSettings>('POST', `/v1/sessions/${session.id}/reflection-request`, { token: organizerToken, body: { minLength: 30, deadline } });
    expect(changed.body.excerpts).toHaveLength(1);

    // At the same moment: taking the excerpts off and changing the request. Each save is refused (409) or kept whole —
    // never a 200 whose change the other save then undid.
    for (let round = 0; round < 8; round++) {
      const minLength = 40 + round;
      const [unpublished, rerequested] = await Promise.all([
        api<ReflectionSettings & ErrorBody>('PUT', `/v1/sessions/${session.id}/reflections/excerpts`, { token: organizerToken, body: { items: round % 2 ? [{ userId: 'u-core-teacher-3' }] : [] } }),
        api<ReflectionSettings & ErrorBody>('PUT', `/v1/sessions/${session.id}/reflection-request`, { token: organizerToken, body: { minLength, deadline } }),
      ]);
      for (const answer of [unpublished, rerequested]) expect([200, 409], answer.text).toContain(answer.status);
      const stored = (await api<ReflectionSettings>('POST', `/v1/sessions/${session.id}/reflection-request`, { token: organizerToken, body: { minLength, deadline } })).body;
      if (unpublished.status === 200) expect(stored.excerpts).toHaveLength(round % 2);
      if (rerequested.status === 200 && unpublished.status === 200) expect([rerequested.body.excerpts.length, round % 2]).toContain(stored.excerpts.length);
      if (unpublished.status === 409) expect(unpublished.body.code).toBe('CONFLICT');
    }
  });

  it('marks a submission after the deadline late and closes it to edits', async () => {
    const { session, organizerToken } = await publishedSession({ title: '活动档案：逾期心得' });
    const teacher = await signInAs('qingshan-teacher-2', session.id, organizerToken);
    const past = new Date(Date.now() - MIN).toISOString();
    expect((await api('PUT', `/v1/sessions/${session.id}/reflection-request`, { token: organizerToken, body: { minLength: 10, deadline: past } })).status).toBe(200);

    const late = await saveReflection(teacher, session.id, REFLECTION, true);
    expect(late.status).toBe(200);
    expect(late.body.reflection).toMatchObject({ status: 'submitted', late: true, version: 1 });
    expect(late.body.editable).toBe(false);
    const closed = await saveReflection(teacher, session.id, `${REFLECTION}补充一句。`, true);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('REFLECTION_CLOSED');
    const list = await api<ReflectionList>('GET', `/v1/sessions/${session.id}/reflections`, { token: organizerToken });
    expect(list.body.summary).toMatchObject({ submitted: 1, late: 1, missing: 0 });

    const beforeStart = await api<ErrorBody>('PUT', `/v1/sessions/${session.id}/reflection-request`, {
      token: organizerToken,
      body: { minLength: 10, deadline: new Date(Date.parse(session.startAt) - MIN).toISOString() },
    });
    expect(beforeStart.status).toBe(400);
    expect(beforeStart.body.details?.fieldErrors?.deadline).toEqual(['截止时间应晚于活动开始']);
  });
});

describe('待提交心得 (pending reflections)', () => {
  it('lists sessions I signed in to whose reflection is asked for, until I submit it', async () => {
    const asked = await publishedSession({ title: '活动档案：待提交心得' });
    const notAsked = await publishedSession({ title: '活动档案：未布置心得' });
    const teacher = await signInAs('donghu-teacher-5', asked.session.id, asked.organizerToken);
    await signInAs('donghu-teacher-5', notAsked.session.id, notAsked.organizerToken);
    const pending = async () => {
      const res = await api<PendingReflectionList>('GET', '/v1/me/reflections', { token: teacher });
      expect(res.status).toBe(200);
      return res.body.items.filter((i) => i.title.startsWith('活动档案：'));
    };
    expect(await pending()).toEqual([]);

    const deadline = new Date(Date.now() + 2 * 24 * 60 * MIN).toISOString();
    await api('PUT', `/v1/sessions/${asked.session.id}/reflection-request`, { token: asked.organizerToken, body: { minLength: 30, deadline } });
    expect(await pending()).toEqual([
      { sessionId: asked.session.id, title: '活动档案：待提交心得', startAt: asked.session.startAt, deadline, minLength: 30, draft: false, overdue: false },
    ]);
    await saveReflection(teacher, asked.session.id, '先写一个开头', false);
    expect((await pending())[0]?.draft).toBe(true);
    expect((await saveReflection(teacher, asked.session.id, REFLECTION, true)).status).toBe(200);
    expect(await pending()).toEqual([]);
  });
});

describe('briefing (活动简报)', () => {
  it('builds the briefing from the roster, the photos and the published excerpts, and shares it without a login', async () => {
    const { session, organizerToken } = await publishedSession({
      kind: 'lesson_observation',
      title: '活动档案：简报听评课',
      subject: '数学',
      grade: '三年级',
      lesson: { teacherId: 'u-core-teacher-2', teacherName: '叶春兰', className: '三年级(1)班', topic: '《分数的初步认识》' },
    });
    const first = await signInAs('core-teacher-4', session.id, organizerToken);
    const second = await signInAs('east2-teacher-5', session.id, organizerToken);
    await signInAs('qingshan-teacher-3', session.id, organizerToken);
    const marked = await api('PUT', `/v1/sessions/${session.id}/attendance/u-qingshan-teacher-3`, { token: organizerToken, body: { status: 'late', reason: '山区路远，迟到 15 分钟' } });
    expect(marked.status).toBe(200);

    const photoId = await upload(organizerToken, PNG, 'image/png', '课堂.png');
    await api('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'photo', uploadIds: [photoId], caption: '课堂教学' } });
    await api('PUT', `/v1/sessions/${session.id}/reflection-request`, { token: organizerToken, body: { minLength: 20, deadline: new Date(Date.now() + 60 * MIN).toISOString() } });
    expect((await saveReflection(first, session.id, REFLECTION, true)).status).toBe(200);
    const unpublished = '这是一篇没有被选入简报的心得，里面的话不应该出现在分享页面上，无论谁打开链接都一样。';
    expect((await saveReflection(second, session.id, unpublished, true)).status).toBe(200);
    const excerpt = '两位老师对同一篇课文的处理截然不同';
    await api('PUT', `/v1/sessions/${session.id}/reflections/excerpts`, { token: organizerToken, body: { items: [{ userId: 'u-core-teacher-4', text: excerpt }] } });

    // The submitted reflection shows with the attended session's line of the growth archive.
    const archive = await api<ArchiveList>('GET', '/v1/archive', { token: first });
    expect(archive.body.entries.find((e) => e.id === `obs-${session.id}`)?.sessionReflection).toEqual({ text: REFLECTION, submittedAt: expect.any(String), late: false });

    const roster = await api<{ summary: { expected: number; signedIn: number; late: number } }>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken });
    const briefing = await api<Briefing>('GET', `/v1/sessions/${session.id}/briefing`, { token: organizerToken });
    expect(briefing.status).toBe(200);
    const { figures } = briefing.body;
    expect({ expected: figures.expected, signedIn: figures.signedIn, late: figures.late }).toEqual({
      expected: roster.body.summary.expected,
      signedIn: roster.body.summary.signedIn,
      late: roster.body.summary.late,
    });
    expect(figures.signedIn).toBe(3);
    expect(figures.late).toBe(1);
    expect(figures.bySchool.reduce((sum, r) => sum + r.signedIn, 0)).toBe(3);
    expect(figures.bySchool[0]?.schoolName).toBe('明湖区实验小学');
    expect(figures.bySchool.find((r) => r.schoolName === '青山乡中心小学')).toMatchObject({ signedIn: 1, late: 1 });
    expect(briefing.body.session.lesson).toEqual({ teacherName: '叶春兰', className: '三年级(1)班', topic: '《分数的初步认识》' });
    expect(briefing.body.schools).toHaveLength(3);
    expect(briefing.body.photos).toEqual([expect.objectContaining({ id: photoId, caption: '课堂教学' })]);
    expect(briefing.body.excerpts.map((e) => e.text)).toEqual([excerpt]);
    expect(briefing.body.reflections).toEqual({ requested: true, submitted: 2 });
    const teacherToken = (await devLogin('core-teacher-4')).token;
    expect((await api('GET', `/v1/sessions/${session.id}/briefing-link`, { token: teacherToken })).status).toBe(403);

    const link = await api<BriefingLink>('GET', `/v1/sessions/${session.id}/briefing-link`, { token: organizerToken });
    expect(link.status).toBe(200);
    const page = await fetch(link.body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    for (const text of ['活动简报', '活动档案：简报听评课', '叶春兰（三年级(1)班）', '《分数的初步认识》', '青山乡中心小学', excerpt, '课堂教学']) expect(html).toContain(text);
    expect(html).toContain(`<b data-figure="signedIn">${figures.signedIn}</b>`);
    expect(html).toContain(`<b data-figure="expected">${figures.expected}</b>`);
    expect(html).not.toContain('没有被选入简报');
    expect(html).not.toMatch(/u-core-teacher|u-east2-teacher|openid|1[3-9]\d{9}/);

    const forged = await fetch(link.body.url.replace(/t=(.)/, (_m, c: string) => `t=${c === 'A' ? 'B' : 'A'}`));
    expect(forged.status).toBe(403);
    const archiveLink = await api<{ url: string }>('GET', '/v1/archive/print-link', { token: teacherToken });
    const crossed = await fetch(`${link.body.url.split('?')[0]}?t=${new URL(archiveLink.body.url).searchParams.get('t')}`);
    expect(crossed.status).toBe(403);
  });
});

describe('record bundle (活动档案 ZIP)', () => {
  it('packs the plan, courseware, sign-in sheet, photos, reflections and the briefing, named by date and title', async () => {
    const { session, organizerToken } = await publishedSession({ title: '活动档案：打包下载' });
    const teacher = await signInAs('donghu-teacher-4', session.id, organizerToken);
    const planId = await upload(organizerToken, PDF, 'application/pdf', '活动方案.pdf');
    const coursewareId = await upload(organizerToken, PDF, 'application/pdf', '教学设计.pdf');
    const photoIds = [
      await upload(organizerToken, PNG, 'image/png', '现场.png'),
      await upload(organizerToken, PNG, 'image/png', '现场.png'),
      await upload(organizerToken, JPEG, 'image/jpeg', '课堂.jpg'),
    ];
    await api('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'plan', uploadIds: [planId] } });
    await api('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'courseware', uploadIds: [coursewareId] } });
    await api('POST', `/v1/sessions/${session.id}/files`, { token: organizerToken, body: { category: 'photo', uploadIds: photoIds } });
    await api('PUT', `/v1/sessions/${session.id}/reflection-request`, { token: organizerToken, body: { minLength: 20, deadline: new Date(Date.now() + 60 * MIN).toISOString() } });
    expect((await saveReflection(teacher, session.id, REFLECTION, true)).status).toBe(200);

    const teacherAsks = await api('GET', `/v1/sessions/${session.id}/record-bundle`, { token: teacher });
    expect(teacherAsks.status).toBe(403);
    const res = await api<RecordBundle>('GET', `/v1/sessions/${session.id}/record-bundle`, { token: organizerToken });
    expect(res.status).toBe(200);
    const day = new Date(Date.parse(session.startAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(res.body.fileName).toBe(`${day}-活动档案：打包下载-活动档案.zip`);
    const download = await fetch(res.body.url);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(res.body.size);
    const files = unzip(bytes);
    expect([...files.keys()]).toEqual(res.body.entries);
    expect([...files.keys()]).toEqual([
      '01-活动方案/活动方案.pdf',
      '03-课件与教学设计/教学设计.pdf',
      `04-签到表/${day}-活动档案：打包下载-签到表.xlsx`,
      '05-活动照片/现场.png',
      '05-活动照片/现场(2).png',
      '05-活动照片/课堂.jpg',
      expect.stringMatching(/^06-心得体会\/.+\.txt$/),
      '07-活动简报/活动简报.html',
      '07-活动简报/活动简报.pdf',
    ]);
    expect(files.get('01-活动方案/活动方案.pdf')?.equals(PDF)).toBe(true);
    expect(files.get('05-活动照片/现场.png')?.equals(PNG)).toBe(true);
    const reflection = [...files.entries()].find(([n]) => n.startsWith('06-'))?.[1].toString('utf8') ?? '';
    expect(reflection).toContain(REFLECTION);
    const briefing = files.get('07-活动简报/活动简报.html')?.toString('utf8') ?? '';
    expect(briefing).toContain('src="../05-%E6%B4%BB');
    // The PDF: the roster's figures, the JPEG embedded as uploaded, the PNGs with alpha left to the photo folder.
    const pdf = files.get('07-活动简报/活动简报.pdf') ?? Buffer.alloc(0);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const { summary } = (await api<Roster>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken })).body;
    const text = pdfText(pdf).join('\n').split('\n');
    expect(text).toContain('活动档案：打包下载');
    expect(text.find((l) => l.startsWith('签到 '))).toMatch(new RegExp(`^签到 ${summary.signedIn} / 应到 ${summary.expected} / 迟到 ${summary.late} / 出勤率 `));
    expect(text).toContain('（另有 2 张照片未能放入 PDF，见 05-活动照片 文件夹）');
    expect(pdf.toString('latin1')).toContain('/Subtype /Image /Width 4 /Height 3');
    expect(pdf.includes(JPEG)).toBe(true);
    const sheet = files.get(`04-签到表/${day}-活动档案：打包下载-签到表.xlsx`);
    expect(sheet?.subarray(0, 2).toString()).toBe('PK');
  });
});
