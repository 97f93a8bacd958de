import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ERASED_NAME, type Attendance, type AuthResult, type AccessTrailEntry, type DataExportLink, type DeletionPreview, type Federation, type UploadTicket, type PeoplePage, type Person, type School, type SchoolReport, type User } from '@lianyan/shared';
import { eraseDueAccounts } from '@lianyan/infra/admin/deletions';
import { api, devLogin, uniqueId, wechatCode, wechatLogin, wechatPhoneCode } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { freshClass, newParent, parentInvite } from '../support/family.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

type ErrorBody = { code: string; message: string };
const as = async (account: string) => (await devLogin(account)).token;
let phones = 0;
const newPhone = () => `136${String((Date.now() % 1e6) * 100 + (++phones % 100)).padStart(8, '0')}`;
/** The erasure job as it runs 16 days from now (the cooling-off is 15). */
const eraseLater = () => eraseDueAccounts(testTable(), { clock: { now: () => new Date(Date.now() + 16 * 86_400_000) } });

async function ownSchool() {
  const district = await as('district-admin');
  const fed = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `注销测试${uniqueId('f').slice(-6)}`, kind: 'alliance' } });
  expect(fed.status).toBe(201);
  const school = await api<School>('POST', `/v1/federations/${fed.body.id}/schools`, { token: district, body: { name: `注销测试小学${uniqueId('s').slice(-8)}`, stage: 'primary' } });
  expect(school.status).toBe(201);
  return { district, federationId: fed.body.id, schoolId: school.body.id };
}

async function teacherOf(schoolId: string, district: string, name: string) {
  const phone = newPhone();
  const person = await api<Person>('POST', `/v1/schools/${schoolId}/people`, { token: district, body: { name, phone, position: 'teacher' } });
  expect(person.status).toBe(201);
  const openid = uniqueId('o-del');
  const login = await api<AuthResult>('POST', '/v1/auth/wechat', { body: { code: await wechatCode(openid), phoneCode: await wechatPhoneCode(phone) } });
  expect(login.status).toBe(200);
  expect(login.body.user.id).toBe(person.body.id);
  return { id: person.body.id, phone, openid, token: login.body.token, refreshToken: login.body.refreshToken };
}

const relogin = (openid: string) => wechatLogin(openid);

describe('account deletion (注销): confirmation, cooling-off, erasure', () => {
  it('asks for 注销, shows what is kept, is cancelled by a login or by DELETE, and only then queued for good', async () => {
    const { district, schoolId } = await ownSchool();
    const t = await teacherOf(schoolId, district, '冷静期老师');

    const wrong = await api<ErrorBody>('POST', '/v1/me/deletion', { token: t.token, body: { confirm: '确定' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('DELETION_NOT_CONFIRMED');
    expect(wrong.body.message).toMatch(/请输入“注销”/);
    expect((await api('POST', '/v1/me/deletion', { token: t.token, body: {} })).status).toBe(400);
    expect((await api('POST', '/v1/me/deletion', { body: { confirm: '注销' } })).status).toBe(401);

    const first = await api<DeletionPreview>('POST', '/v1/me/deletion', { token: t.token, body: { confirm: '注销' } });
    expect(first.status).toBe(201);
    expect(first.body.pending).toBeDefined();
    const days = (Date.parse(first.body.pending!.dueAt) - Date.parse(first.body.pending!.requestedAt)) / 86_400_000;
    expect(days).toBe(15);
    const again = await api<DeletionPreview>('POST', '/v1/me/deletion', { token: t.token, body: { confirm: '注销' } });
    expect(again.status).toBe(200);
    expect(again.body.pending).toEqual(first.body.pending);
    expect((await api<User>('GET', '/v1/me', { token: t.token })).body.deletion).toEqual(first.body.pending);

    // A login during the cooling-off cancels it.
    const back = await relogin(t.openid);
    expect(back.deletionCancelled).toBe(true);
    expect(back.user.id).toBe(t.id);
    expect(back.user.deletion).toBeUndefined();
    expect((await api<DeletionPreview>('GET', '/v1/me/deletion', { token: back.token })).body.pending).toBeUndefined();
    // Nothing is due any more: the job erases nothing of this account.
    await eraseLater();
    expect((await api<User>('GET', '/v1/me', { token: back.token })).body.name).toBe('冷静期老师');

    // DELETE cancels explicitly; a second DELETE has nothing to cancel.
    expect((await api('POST', '/v1/me/deletion', { token: back.token, body: { confirm: '注销' } })).status).toBe(201);
    expect((await api('DELETE', '/v1/me/deletion', { token: back.token })).status).toBe(200);
    const none = await api<ErrorBody>('DELETE', '/v1/me/deletion', { token: back.token });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('DELETION_NOT_PENDING');
    await eraseLater();
    expect((await api<User>('GET', '/v1/me', { token: back.token })).status).toBe(200);
  });

  it('erases a teacher: gone from me, the roster and the attendance list by name and phone; the school report keeps its numbers', async () => {
    const { district, schoolId } = await ownSchool();
    const t = await teacherOf(schoolId, district, '注销甲老师');
    const stays = await teacherOf(schoolId, district, '留任乙老师');
    const { session, organizerToken } = await publishedSession(
      { hostSchoolId: schoolId, geofence: 'off', title: '联合教研：注销测试' },
      'district-admin',
    );
    const qr = await currentQr(session.id, organizerToken);
    for (const who of [t, stays]) expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: who.token, body: scan(qr.token) })).status).toBe(201);

    // Archive: an approved training (kept: the school credits it) and a paper waiting for review (deleted).
    const training = await api<{ id: string }>('POST', '/v1/archive/entries', {
      token: t.token,
      body: { kind: 'training', title: '信息技术 2.0 培训', provider: '区教师进修学校', hours: 12, date: '2026-10-10' },
    });
    expect(training.status).toBe(201);
    expect((await api('POST', `/v1/archive/entries/${training.body.id}/review`, { token: district, body: { decision: 'approved' } })).status).toBe(200);
    const paper = await api<{ id: string }>('POST', '/v1/archive/entries', {
      token: t.token,
      body: { kind: 'paper', title: '小学语文整本书阅读的实践', publication: '明湖教育', date: '2026-10-12' },
    });
    expect(paper.status).toBe(201);

    const reportOf = async () => {
      const res = await api<SchoolReport>('GET', `/v1/reports/schools/${schoolId}`, { token: district });
      expect(res.status).toBe(200);
      const { generatedAt: _g, ...rest } = res.body as SchoolReport & { generatedAt: string };
      return rest;
    };
    const before = await reportOf();

    const preview = await api<DeletionPreview>('GET', '/v1/me/deletion', { token: t.token });
    expect(preview.status).toBe(200);
    expect(preview.body.retainedEntries.map((e) => e.id)).toEqual([training.body.id]);
    expect(preview.body.deletedEntries).toBe(1);
    expect(preview.body.kept.join('')).toMatch(/培训学时/);
    expect((await api('POST', '/v1/me/deletion', { token: t.token, body: { confirm: '注销' } })).status).toBe(201);

    const run = await eraseLater();
    expect(run.erased).toBeGreaterThanOrEqual(1);

    // The account is no one: its token and refresh token stop working; the same WeChat makes a new account.
    expect((await api('GET', '/v1/me', { token: t.token })).status).toBe(404);
    expect((await api('POST', '/v1/auth/refresh', { body: { refreshToken: t.refreshToken } })).status).toBe(401);
    const fresh = await wechatLogin(t.openid);
    expect(fresh.user.id).not.toBe(t.id);
    expect(fresh.isNew).toBe(true);

    const roster = await api<PeoplePage>('GET', `/v1/schools/${schoolId}/people`, { token: district });
    expect(roster.body.items.map((p) => p.id)).toEqual([stays.id]);
    expect(JSON.stringify(roster.body)).not.toContain('注销甲老师');
    const byPhone = await api<PeoplePage>('GET', `/v1/schools/${schoolId}/people?q=${t.phone.slice(-6)}`, { token: district });
    expect(byPhone.body.items).toHaveLength(0);

    const attendance = await api<Attendance[] | { items: Attendance[] }>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken });
    expect(attendance.status).toBe(200);
    const text = JSON.stringify(attendance.body);
    expect(text).not.toContain('注销甲老师');
    expect(text).toContain(ERASED_NAME);
    expect(text).toContain('留任乙老师');

    const after = await reportOf();
    expect(JSON.stringify(after)).not.toContain('注销甲老师');
    expect(after).toEqual(JSON.parse(JSON.stringify(before).replaceAll('注销甲老师', ERASED_NAME)));

    const { db, table } = testTable();
    expect((await db.send(new GetCommand({ TableName: table, Key: { PK: `PHONE#${t.phone}`, SK: 'PHONE' } }))).Item).toBeUndefined();
    expect((await db.send(new GetCommand({ TableName: table, Key: { PK: `ENTRY#${paper.body.id}`, SK: 'META' } }))).Item).toBeUndefined();
    expect((await db.send(new GetCommand({ TableName: table, Key: { PK: `ENTRY#${training.body.id}`, SK: 'META' } }))).Item).toMatchObject({ status: 'approved' });
    const profile = (await db.send(new GetCommand({ TableName: table, Key: { PK: `USER#${t.id}`, SK: 'PROFILE' } }))).Item;
    expect(profile).toMatchObject({ name: ERASED_NAME, status: 'deleted' });
    expect(JSON.stringify(profile)).not.toContain(t.phone);
    const idents = await db.send(
      new QueryCommand({ TableName: table, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :p)', ExpressionAttributeValues: { ':pk': `USER#${t.id}`, ':p': 'IDENT#' } }),
    );
    expect(idents.Items).toHaveLength(0);
    expect((await db.send(new GetCommand({ TableName: table, Key: { PK: `SESSION#${session.id}`, SK: `ATT#${t.id}` } }))).Item).not.toHaveProperty('deviceId');
  });

  it('erases a parent: the child is unbound, and its record deleted when no guardian is left', async () => {
    const invite = await parentInvite({ maxUses: 3 });
    const className = freshClass();
    const parent = await newParent(invite.code, { className, childName: '注销孩子', name: '注销家长' });
    const childId = parent.user.children![0]!.id;
    const { db, table } = testTable();
    expect((await db.send(new GetCommand({ TableName: table, Key: { PK: `CHILD#${childId}`, SK: 'META' } }))).Item).toBeDefined();

    const preview = await api<DeletionPreview>('GET', '/v1/me/deletion', { token: parent.token });
    expect(preview.body.children.map((c) => c.id)).toEqual([childId]);
    expect((await api('POST', '/v1/me/deletion', { token: parent.token, body: { confirm: '注销' } })).status).toBe(201);
    await eraseLater();

    expect((await db.send(new GetCommand({ TableName: table, Key: { PK: `CHILD#${childId}`, SK: 'META' } }))).Item).toBeUndefined();
    expect((await db.send(new GetCommand({ TableName: table, Key: { PK: `USER#${parent.user.id}`, SK: `CHILD#${childId}` } }))).Item).toBeUndefined();
    expect((await api('GET', '/v1/me', { token: parent.token })).status).toBe(404);
  });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('a copy of one’s data (GET /v1/me/data-export)', () => {
  it('packs profile, attendance, archive entries with their files, reflections, consents as a ZIP with UTF-8 names', async () => {
    const { district, schoolId } = await ownSchool();
    const t = await teacherOf(schoolId, district, '副本老师');
    await api('POST', '/v1/me/consents', { token: t.token, body: { version: (await import('@lianyan/shared')).LEGAL_VERSION } });
    const { session, organizerToken } = await publishedSession({ hostSchoolId: schoolId, geofence: 'off', title: '联合教研：副本测试' }, 'district-admin');
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: t.token, body: scan(qr.token) })).status).toBe(201);
    const ticket = await api<UploadTicket>('POST', '/v1/uploads', { token: t.token, body: { fileName: '结业证书.png', contentType: 'image/png', size: PNG.length } });
    expect((await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: PNG })).ok).toBe(true);
    const entry = await api<{ id: string }>('POST', '/v1/archive/entries', {
      token: t.token,
      body: { kind: 'training', title: '班主任能力提升培训', provider: '区教师进修学校', hours: 8, date: '2026-11-02', evidence: [ticket.body.uploadId] },
    });
    expect(entry.status).toBe(201);

    expect((await api('GET', '/v1/me/data-export')).status).toBe(401);
    const started = performance.now();
    const res = await api<DataExportLink>('GET', '/v1/me/data-export', { token: t.token });
    // Reported, not asserted (speed belongs in bench/): one request builds the whole copy.
    process.stdout.write(`data-export: ${Math.round(performance.now() - started)} ms\n`);
    expect(res.status).toBe(200);
    expect(res.body.fileName).toMatch(/^联研-个人信息副本-\d{4}-\d{2}-\d{2}\.zip$/);
    const download = await fetch(res.body.url);
    expect(download.status).toBe(200);
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const names = Object.keys(files);
    expect(names.length).toBe(res.body.files);
    expect(names).toEqual(expect.arrayContaining(['说明.txt', '个人资料.json', '签到记录.json', '成长档案/档案记录.json', '打卡记录.json', '报名记录.json', '同意记录.json']));
    const read = (name: string) => JSON.parse(Buffer.from(files[name]!).toString('utf8')) as unknown;
    expect(read('个人资料.json')).toMatchObject({ id: t.id, name: '副本老师', phone: t.phone });
    expect(read('签到记录.json')).toEqual([expect.objectContaining({ sessionId: session.id, sessionTitle: '联合教研：副本测试' })]);
    const archive = read('成长档案/档案记录.json') as Array<{ id: string; files: string[] }>;
    expect(archive).toHaveLength(1);
    expect(archive[0]!.id).toBe(entry.body.id);
    expect(archive[0]!.files).toEqual(['成长档案/证明材料/2026-11-02-培训学时-班主任能力提升培训/结业证书.png']);
    expect(Buffer.from(files[archive[0]!.files[0]!]!)).toEqual(PNG);
    expect(read('同意记录.json')).toEqual([expect.objectContaining({ version: expect.any(String), agreedAt: expect.any(String) })]);
    // Only the person's own data: nobody else's name.
    expect(names.join('|')).not.toContain('留任');
  });
});

describe('the admin access trail (GET /v1/access-trail)', () => {
  type Trail = { items: AccessTrailEntry[]; nextCursor?: string; from: string; to: string };
  it('records each view and export of other people’s data once, for the district and the federation; kept 180 days', async () => {
    const { district, federationId, schoolId } = await ownSchool();
    const t = await teacherOf(schoolId, district, '留痕老师');
    const { session, organizerToken } = await publishedSession({ hostSchoolId: schoolId, geofence: 'off', title: '联合教研：留痕测试' }, 'district-admin');
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: t.token, body: scan(qr.token) })).status).toBe(201);

    expect((await api('GET', `/v1/schools/${schoolId}/people`, { token: district })).status).toBe(200);
    expect((await api('GET', `/v1/sessions/${session.id}/attendance?format=xlsx`, { token: district })).status).toBe(200);
    expect((await api('GET', `/v1/archive?userId=${t.id}`, { token: district })).status).toBe(200);
    // Exports of 交流教师名单 and 听课覆盖 name teachers too; their JSON views are not exports.
    expect((await api('GET', `/v1/federations/${federationId}/exchanges`, { token: district })).status).toBe(200);
    expect((await api('GET', `/v1/federations/${federationId}/exchanges?format=csv`, { token: district })).status).toBe(200);
    expect((await api('GET', `/v1/schools/${schoolId}/observation-coverage?format=xlsx`, { token: district })).status).toBe(200);
    // Refused reads leave no trace; one's own archive is not someone else's.
    expect((await api('GET', `/v1/schools/${schoolId}/people`, { token: await as('core-admin') })).status).toBe(403);
    expect((await api('GET', '/v1/archive', { token: t.token })).status).toBe(200);

    const trail = await api<Trail>('GET', '/v1/access-trail', { token: district });
    expect(trail.status).toBe(200);
    const mine = trail.body.items.filter((e) => e.federationId === federationId || e.scope === `user:${t.id}`);
    expect(mine.map((e) => [e.kind, e.scope, e.format ?? null])).toEqual([
      ['coverage_export', `school:${schoolId}`, 'xlsx'],
      ['exchange_export', `federation:${federationId}`, 'csv'],
      ['archive_view', `user:${t.id}`, null],
      ['attendance_export', `session:${session.id}`, 'xlsx'],
      ['people_list', `school:${schoolId}`, null],
    ]);
    const districtUser = (await devLogin('district-admin')).user;
    expect(mine.every((e) => e.actorId === districtUser.id && e.actorName === districtUser.name)).toBe(true);

    // 城东's federation admin sees 城东's entries only, not this federation's.
    const fedAdmin = await as('fed-admin');
    expect((await api('GET', '/v1/schools/sch-core/people', { token: fedAdmin })).status).toBe(200);
    const theirs = await api<Trail>('GET', '/v1/access-trail', { token: fedAdmin });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.some((e) => e.kind === 'people_list' && e.scope === 'school:sch-core')).toBe(true);
    expect(theirs.body.items.every((e) => e.federationId === 'fed-chengdong')).toBe(true);

    // Others may not read it; a range in the past is empty.
    expect((await api('GET', '/v1/access-trail', { token: t.token })).status).toBe(403);
    expect((await api('GET', '/v1/access-trail', { token: await as('core-admin') })).status).toBe(403);
    const old = await api<Trail>('GET', '/v1/access-trail?from=2020-01-01&to=2020-01-31', { token: district });
    expect(old.body.items).toEqual([]);
    expect((await api('GET', '/v1/access-trail?from=yesterday', { token: district })).status).toBe(400);

    const { db, table } = testTable();
    const entry = mine[0]!;
    const stored = (await db.send(new GetCommand({ TableName: table, Key: { PK: 'TRAIL', SK: `${entry.at}#${entry.id}` } }))).Item!;
    const days = (Number(stored.expiresAt) * 1000 - Date.parse(entry.at)) / 86_400_000;
    expect(Math.round(days)).toBe(180);
  });
});
