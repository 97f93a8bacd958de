import ExcelJS from 'exceljs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ArchiveList, ArchiveSummary, AuthResult, Campaign, CampaignCompletion, CampaignFeed, CampaignList, CampaignProgress, CheckInResult, SchoolArchiveOverview, UploadTicket } from '@lianyan/shared';
import { api, devLogin, stack, uniqueId, wechatLogin } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { freshClass, newParent, parentInvite } from '../support/family.ts';

type ErrorBody = { code: string; message: string; details?: Record<string, unknown> };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const DAY = 86_400_000;
/** A calendar day in Asia/Shanghai, `offset` days from today. */
const day = (offset = 0) => new Date(Date.now() + offset * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

async function createCampaign(overrides: Record<string, unknown> = {}, account = 'organizer') {
  const { token } = await devLogin(account);
  const res = await api<Campaign & ErrorBody>('POST', '/v1/campaigns', {
    token,
    body: {
      federationId: 'fed-chengdong',
      title: '测试打卡',
      audience: { type: 'schools', schoolIds: ['sch-core'] },
      period: 'daily',
      requiredCount: 3,
      startDate: day(-5),
      endDate: day(20),
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`campaign: ${res.status} ${res.text}`);
  return res.body;
}

const checkIn = (token: string, id: string, body: Record<string, unknown>) => api<CheckInResult & ErrorBody>('POST', `/v1/campaigns/${id}/check-ins`, { token, body });

/** Every check-in item of a campaign, read straight from the table. */
async function storedCheckIns(campaignId: string) {
  const { db, table } = testTable();
  const out = await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':sk': 'CHK#' } }));
  return out.Items ?? [];
}

async function photo(token: string) {
  const ticket = await api<UploadTicket>('POST', '/v1/uploads', { token, body: { fileName: '读书笔记.png', contentType: 'image/png', size: PNG.length } });
  expect(ticket.status).toBe(201);
  expect((await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: PNG })).ok).toBe(true);
  return ticket.body.uploadId;
}

/** A new WeChat user who becomes a teacher of the school (so reminders can reach them). */
async function wechatTeacher(schoolId: string, name: string) {
  const { token: adminToken } = await devLogin('fed-admin');
  const invite = await api<{ code: string }>('POST', '/v1/invites', { token: adminToken, body: { role: 'teacher', scope: { schoolId } } });
  const openid = uniqueId('o-teacher');
  const login = await wechatLogin(openid);
  const res = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name } });
  if (res.status !== 200) throw new Error(`redeem: ${res.status} ${res.text}`);
  return { ...res.body, openid };
}

describe('creating campaigns (POST /v1/campaigns)', () => {
  it('lets organizers create one for the federation, and a school admin only for their own school', async () => {
    const campaign = await createCampaign({ title: '每月师德学习', period: 'monthly', requiredCount: 1, audience: { type: 'federation' }, reminderTime: '20:00', minTextLength: 50 });
    expect(campaign).toMatchObject({ title: '每月师德学习', createdBy: 'u-organizer', minTextLength: 50, minPhotos: 0, makeupAllowance: 0 });
    expect(campaign.audienceSchoolIds).toEqual(expect.arrayContaining(['sch-core', 'sch-east2', 'sch-donghu', 'sch-qingshan']));

    const own = await createCampaign({ audience: { type: 'schools', schoolIds: ['sch-donghu'] } }, 'donghu-admin');
    expect(own.federationId).toBe('fed-chengdong');
    const { token: schoolAdmin } = await devLogin('donghu-admin');
    const other = await api<ErrorBody>('POST', '/v1/campaigns', { token: schoolAdmin, body: { federationId: 'fed-chengdong', title: '越权', audience: { type: 'schools', schoolIds: ['sch-core'] }, period: 'daily', requiredCount: 1, startDate: day(), endDate: day(3) } });
    expect(other.status).toBe(403);
    const { token: teacher } = await devLogin('core-teacher-1');
    expect((await api('POST', '/v1/campaigns', { token: teacher, body: {} })).status).toBe(403);
  });

  it('refuses impossible dates and more required check-ins than periods', async () => {
    const { token } = await devLogin('organizer');
    const base = { federationId: 'fed-chengdong', title: '读书', audience: { type: 'schools', schoolIds: ['sch-core'] }, period: 'weekly', requiredCount: 2, startDate: day(), endDate: day(13) };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ endDate: day(-1), startDate: day(-3) }, 'endDate'],
      [{ endDate: day(-1) }, 'endDate'],
      [{ requiredCount: 5 }, 'requiredCount'],
      [{ hoursPerCheckIn: 1 }, 'hoursPerCheckIn'],
      [{ audience: { type: 'schools', schoolIds: ['sch-elsewhere'] } }, 'audience'],
    ];
    for (const [change, field] of cases) {
      const res = await api<ErrorBody & { details: { fieldErrors: Record<string, string[]> } }>('POST', '/v1/campaigns', { token, body: { ...base, ...change } });
      expect(res.status, field).toBe(400);
      expect(Object.keys(res.body.details.fieldErrors)).toContain(field);
    }
  });
});

describe('checking in (POST /v1/campaigns/{id}/check-ins)', () => {
  it('answers every refusal with its code and a Chinese message, and writes nothing', async () => {
    const campaign = await createCampaign({ minTextLength: 10, minPhotos: 1, makeupAllowance: 0 });
    const { token } = await devLogin('core-teacher-3');
    const upload = await photo(token);
    const cases: Array<[Record<string, unknown>, number, string, RegExp]> = [
      [{ text: '太短了', photos: [upload] }, 400, 'CONTENT_TOO_SHORT', /至少 10 个字，现在 3 个字/],
      [{ text: '今天读了《给教师的建议》第三章。', photos: [] }, 400, 'PHOTOS_REQUIRED', /至少上传 1 张照片/],
      [{ text: '今天读了《给教师的建议》第三章。', photos: [upload], period: day(1) }, 409, 'PERIOD_CLOSED', /不能提前打卡/],
      [{ text: '今天读了《给教师的建议》第三章。', photos: [upload], period: day(-9) }, 409, 'PERIOD_CLOSED', /不在打卡活动的时间范围/],
      [{ text: '今天读了《给教师的建议》第三章。', photos: [upload], period: day(-2) }, 409, 'MAKEUP_EXHAUSTED', /不能补卡/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await checkIn(token, campaign.id, body);
      expect({ status: res.status, code: res.body.code }, code).toEqual({ status, code });
      expect(res.body.message).toMatch(message);
    }
    expect(await storedCheckIns(campaign.id)).toHaveLength(0);

    const later = await createCampaign({ startDate: day(2), endDate: day(9) });
    const notYet = await checkIn(token, later.id, { text: '提前打卡' });
    expect(notYet.status).toBe(409);
    expect(notYet.body).toMatchObject({ code: 'PERIOD_CLOSED', message: expect.stringContaining(`${day(2)} 开始`) });

    const ok = await checkIn(token, campaign.id, { text: '今天读了《给教师的建议》第三章。', photos: [upload] });
    expect(ok.status).toBe(201);
    expect(ok.body.checkIn).toMatchObject({ period: day(), makeup: false, mine: true, photos: [expect.objectContaining({ id: upload, contentType: 'image/png', url: expect.any(String) })] });
    const again = await checkIn(token, campaign.id, { text: '今天读了《给教师的建议》第四章。', photos: [upload] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_CHECKED_IN', message: expect.stringMatching(/已经打过卡/), details: { period: day() } });
    const items = await storedCheckIns(campaign.id);
    expect(items).toHaveLength(1);
    expect(items[0]?.text).toBe('今天读了《给教师的建议》第三章。');
  });

  it('refuses people outside the audience', async () => {
    const campaign = await createCampaign();
    const { token: outsider } = await devLogin('qingshan-teacher-2');
    const res = await checkIn(outsider, campaign.id, { text: '我也想打卡' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'NOT_IN_AUDIENCE', message: '你不在这个打卡活动的参与范围' });
    expect((await api('GET', `/v1/campaigns/${campaign.id}/progress`, { token: outsider })).status).toBe(403);
    const { token: parent } = await devLogin('parent-1');
    expect((await checkIn(parent, campaign.id, { text: '家长打卡' })).status).toBe(403);
    expect(await storedCheckIns(campaign.id)).toHaveLength(0);
  });

  it('makes exactly one check-in of many concurrent requests: one 201, retries of it 200, other requests 409', async () => {
    const campaign = await createCampaign();
    const { token } = await devLogin('core-teacher-4');
    const requestId = uniqueId('req');
    const sameRequest = await Promise.all(Array.from({ length: 8 }, () => checkIn(token, campaign.id, { text: '双击提交', requestId })));
    const others = await Promise.all(Array.from({ length: 8 }, (_, i) => checkIn(token, campaign.id, { text: `另一台手机 ${i}`, requestId: uniqueId('req') })));
    const statuses = [...sameRequest, ...others].map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(sameRequest.filter((r) => r.status === 200).every((r) => r.body.alreadyCheckedIn === true)).toBe(true);
    expect(sameRequest.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(others.every((r) => r.status === 409 && r.body.code === 'ALREADY_CHECKED_IN')).toBe(true);
    expect(await storedCheckIns(campaign.id)).toHaveLength(1);

    const racing = await createCampaign();
    const bare = await Promise.all(Array.from({ length: 10 }, () => checkIn(token, racing.id, { text: '没有请求编号' })));
    expect(bare.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    expect(await storedCheckIns(racing.id)).toHaveLength(1);
  });

  it('makes up missed periods within the allowance, even when make-ups race, and the streak closes the gap', async () => {
    const campaign = await createCampaign({ makeupAllowance: 2, requiredCount: 5 });
    const { token } = await devLogin('core-teacher-5');
    expect((await checkIn(token, campaign.id, { text: '今天' })).status).toBe(201);
    expect((await checkIn(token, campaign.id, { text: '前天补卡', period: day(-2) })).body.progress).toMatchObject({ count: 2, streak: 1, makeupsUsed: 1, makeupsLeft: 1 });
    const made = await checkIn(token, campaign.id, { text: '昨天补卡', period: day(-1) });
    expect(made.status).toBe(201);
    expect(made.body.checkIn.makeup).toBe(true);
    expect(made.body.progress).toMatchObject({ count: 3, streak: 3, makeupsUsed: 2, makeupsLeft: 0, canMakeUp: [] });
    const over = await checkIn(token, campaign.id, { text: '再补一次', period: day(-3) });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'MAKEUP_EXHAUSTED', message: expect.stringContaining('共 2 次') });
    expect(await storedCheckIns(campaign.id)).toHaveLength(3);

    const progress = await api<CampaignProgress>('GET', `/v1/campaigns/${campaign.id}/progress`, { token });
    expect(progress.status).toBe(200);
    expect(progress.body.calendar.map((c) => c.state).slice(0, 7)).toEqual(['missed', 'missed', 'missed', 'makeup', 'makeup', 'done', 'upcoming']);
    expect(progress.body).toMatchObject({ checkedInThisPeriod: true, streak: 3, longestStreak: 3, required: 5, completed: false });
    expect(progress.body.checkIns.map((c) => c.text)).toEqual(['昨天补卡', '前天补卡', '今天']);

    const raced = await createCampaign({ makeupAllowance: 1 });
    const attempts = await Promise.all([-1, -2, -3, -4].map((offset) => checkIn(token, raced.id, { text: '并发补卡', period: day(offset) })));
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(attempts.filter((r) => r.status === 409).every((r) => r.body.code === 'MAKEUP_EXHAUSTED')).toBe(true);
    expect(await storedCheckIns(raced.id)).toHaveLength(1);
  });
});

describe('my campaigns, feed and archive', () => {
  it('lists my campaigns with this period and the streak, and the ones an organizer manages', async () => {
    const campaign = await createCampaign({ title: '列表测试打卡' });
    const { token } = await devLogin('core-teacher-6');
    await checkIn(token, campaign.id, { text: '打卡' });
    const list = await api<CampaignList>('GET', '/v1/campaigns', { token });
    expect(list.status).toBe(200);
    expect(list.body.mine.find((c) => c.campaign.id === campaign.id)).toMatchObject({ status: 'running', checkedInThisPeriod: true, count: 1, required: 3, streak: 1 });
    expect(list.body.managed).toEqual([]);
    const { token: qingshan } = await devLogin('qingshan-teacher-1');
    expect((await api<CampaignList>('GET', '/v1/campaigns', { token: qingshan })).body.mine.some((c) => c.campaign.id === campaign.id)).toBe(false);
    const { token: organizer } = await devLogin('organizer');
    expect((await api<CampaignList>('GET', '/v1/campaigns', { token: organizer })).body.managed.some((c) => c.id === campaign.id)).toBe(true);
  });

  it('shows parents the feed of their school with other parents’ given names only, never full names or phones', async () => {
    const invite = await parentInvite();
    const className = freshClass('二年级');
    const mother = await newParent(invite.code, { className, name: '王芳', phone: '13811112222' });
    const father = await newParent(invite.code, { className, name: '李建国', phone: '13933334444' });
    const campaign = await createCampaign({ title: '家长学校学习打卡', audience: { type: 'parents', schoolIds: ['sch-core'], grades: ['二年级'] }, period: 'weekly', requiredCount: 1, endDate: day(30) });
    expect((await checkIn(mother.token, campaign.id, { text: '今天学习了《正面管教》第一章' })).status).toBe(201);
    expect((await checkIn(father.token, campaign.id, { text: '陪孩子读绘本二十分钟' })).status).toBe(201);

    const feed = await api<CampaignFeed>('GET', `/v1/campaigns/${campaign.id}/feed`, { token: mother.token });
    expect(feed.status).toBe(200);
    expect(feed.body.items.map((i) => [i.displayName, i.mine])).toEqual([
      ['建国', false],
      ['王芳', true],
    ]);
    expect(feed.text).not.toContain('李建国');
    expect(feed.text).not.toMatch(/13[89]\d{8}/);
    expect(feed.text).not.toContain(father.user.id);

    const { token: admin } = await devLogin('core-admin');
    const adminFeed = await api<CampaignFeed>('GET', `/v1/campaigns/${campaign.id}/feed`, { token: admin });
    expect(adminFeed.body.items.map((i) => i.displayName)).toContain('李建国');
    const { token: otherSchoolParent } = await devLogin('parent-2');
    expect((await api('GET', `/v1/campaigns/${campaign.id}/feed?schoolId=sch-core`, { token: otherSchoolParent })).status).toBe(403);
    expect((await api('GET', `/v1/campaigns/${campaign.id}/feed?schoolId=sch-qingshan`, { token: mother.token })).status).toBe(403);
  });

  it('feeds the reading kind of the growth archive with the campaign’s hours per check-in', async () => {
    const { token } = await devLogin('east2-teacher-4');
    const { token: admin } = await devLogin('east2-admin');
    const overviewHours = async () =>
      (await api<SchoolArchiveOverview>('GET', '/v1/schools/sch-east2/archive', { token: admin })).body.rows.find((r) => r.userId === 'u-east2-teacher-4')?.hours ?? NaN;
    const before = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token })).body;
    const schoolBefore = await overviewHours();
    const campaign = await createCampaign({ title: '每学期精读一本教育经典', audience: { type: 'schools', schoolIds: ['sch-east2'] }, archiveKind: 'reading', hoursPerCheckIn: 1.5 });
    expect((await checkIn(token, campaign.id, { text: '读《给教师的建议》' })).status).toBe(201);
    const after = (await api<ArchiveSummary>('GET', '/v1/archive/summary', { token })).body;
    expect(after.counts.reading).toBe(before.counts.reading + 1);
    expect(after.training.hours).toBeCloseTo(before.training.hours + 1.5);
    expect(await overviewHours()).toBeCloseTo(schoolBefore + 1.5);
    const timeline = await api<ArchiveList>('GET', '/v1/archive?kind=reading', { token });
    expect(timeline.body.entries).toContainEqual(expect.objectContaining({ source: 'derived', kind: 'reading', title: '每学期精读一本教育经典', hours: 1.5, date: day(), campaignId: campaign.id }));
  });
});

describe('admin completion and reminders', () => {
  it('reports completion by school and person, who has not checked in, as JSON and as XLSX; school admins see their school only', async () => {
    const campaign = await createCampaign({ title: '完成情况测试', audience: { type: 'schools', schoolIds: ['sch-core', 'sch-qingshan'] }, requiredCount: 1 });
    const { token: t1 } = await devLogin('core-teacher-1');
    const { token: t2 } = await devLogin('qingshan-teacher-4');
    await checkIn(t1, campaign.id, { text: '完成' });
    await checkIn(t2, campaign.id, { text: '完成' });
    const { token: organizer } = await devLogin('organizer');
    const res = await api<CampaignCompletion>('GET', `/v1/campaigns/${campaign.id}/completion`, { token: organizer });
    expect(res.status).toBe(200);
    expect(res.body.period.period).toBe(day());
    const core = res.body.schools.find((s) => s.schoolId === 'sch-core');
    expect(core).toMatchObject({ schoolName: '明湖区实验小学', checkedInThisPeriod: 1, completed: 1 });
    expect(core?.members).toBeGreaterThanOrEqual(7);
    expect(res.body.people.find((p) => p.userId === 'u-core-teacher-1')).toMatchObject({ count: 1, completed: true, checkedInThisPeriod: true, streak: 1 });
    expect(res.body.missing.some((p) => p.userId === 'u-core-teacher-1')).toBe(false);
    expect(res.body.missing.some((p) => p.userId === 'u-core-teacher-2')).toBe(true);
    expect(res.body.missing).toHaveLength(res.body.people.length - 2);

    const file = await fetch(`${stack().url}/v1/campaigns/${campaign.id}/completion?format=xlsx`, { headers: { authorization: `Bearer ${organizer}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按学校', '说明', '按人员', '本期未打卡']);
    const bySchool = book.getWorksheet('按学校');
    expect(bySchool?.getRow(2).getCell(1).value).toBe('明湖区实验小学');
    expect(bySchool?.getRow(2).getCell(3).value).toBe(1);
    // One table a sheet: the school rows end the sheet; 本期打卡率 is a number with a percent format.
    expect(bySchool?.rowCount).toBe(res.body.schools.length + 1);
    const rate = bySchool?.getRow(2).getCell(4);
    expect(rate?.value).toBeCloseTo(res.body.schools.find((s) => s.schoolName === '明湖区实验小学')?.periodRate ?? -1, 6);
    expect(rate?.numFmt).toBe('0.0%');
    // Dates are date cells (Excel's day numbers, which exceljs reads as Dates) with a Chinese format.
    const notes = book.getWorksheet('说明');
    expect(notes?.getRow(5).getCell(2).value).toBeInstanceOf(Date);
    expect((notes?.getRow(5).getCell(2).value as Date).toISOString().slice(0, 10)).toBe(campaign.endDate);
    expect(notes?.getRow(5).getCell(2).numFmt).toBe('yyyy"年"m"月"d"日"');
    const missingSheet = book.getWorksheet('本期未打卡');
    expect(missingSheet?.rowCount).toBe(res.body.missing.length + 1);
    const people = book.getWorksheet('按人员');
    const names = Array.from({ length: (people?.rowCount ?? 1) - 1 }, (_, i) => String(people?.getRow(i + 2).getCell(2).value));
    expect(names).toContain(res.body.people.find((p) => p.userId === 'u-core-teacher-1')?.name);

    const { token: qingshanAdmin } = await devLogin('qingshan-admin');
    const own = await api<CampaignCompletion>('GET', `/v1/campaigns/${campaign.id}/completion`, { token: qingshanAdmin });
    expect(own.status).toBe(200);
    expect(own.body.schools.map((s) => s.schoolId)).toEqual(['sch-qingshan']);
    expect(own.body.people.every((p) => p.schoolId === 'sch-qingshan')).toBe(true);
    const { token: east2Admin } = await devLogin('east2-admin');
    expect((await api('GET', `/v1/campaigns/${campaign.id}/completion`, { token: east2Admin })).status).toBe(403);
    expect((await api('GET', `/v1/campaigns/${campaign.id}/completion`, { token: t1 })).status).toBe(403);
  });

  it('reminds by WeChat subscribe message those who have not checked in this period, once', async () => {
    const done = await wechatTeacher('sch-donghu', '赵已打');
    const waiting = await wechatTeacher('sch-donghu', '钱未打');
    const campaign = await createCampaign({ title: '提醒测试：每日读书打卡（标题很长很长很长）', audience: { type: 'schools', schoolIds: ['sch-donghu'] }, reminderTime: '00:00' });
    expect((await checkIn(done.token, campaign.id, { text: '今天已读' })).status).toBe(201);

    // Only this campaign's reminders: other test files share the stack and its WeChat fake.
    const job = `/v1/dev/jobs/campaign-reminders?campaignId=${campaign.id}`;
    const run = await api<{ campaigns: number; sent: number; skipped: number; failed: number }>('POST', job);
    expect(run.status).toBe(200);
    expect(run.body.sent).toBeGreaterThanOrEqual(1);
    expect(run.body.failed).toBe(0);
    expect(run.body.campaigns).toBe(1);
    expect((await api<{ sent: number }>('POST', job)).body.sent).toBe(0);

    const res = await fetch(`${stack().wechatUrl}/__fake/messages`);
    const messages = ((await res.json()) as { messages: Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }> }).messages;
    const ofCampaign = messages.filter((m) => m.page?.endsWith(campaign.id));
    const toWaiting = ofCampaign.filter((m) => m.touser === waiting.openid);
    expect(toWaiting).toHaveLength(1);
    expect(toWaiting[0]).toMatchObject({
      template_id: 'tmpl-local-checkin-reminder',
      page: `packages/checkin/campaign/index?id=${campaign.id}`,
      data: { thing1: { value: '提醒测试：每日读书打卡（标题很长很长很…' }, thing3: { value: expect.stringContaining('还未打卡') }, time2: { value: expect.stringMatching(/23:59$/) } },
    });
    expect(ofCampaign.some((m) => m.touser === done.openid)).toBe(false);
  });
});
