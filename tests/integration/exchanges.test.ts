import { beforeAll, describe, expect, it } from 'vitest';
import { semesterOf, shanghaiDay, type ArchiveEntry, type ArchiveList, type Attendance, type AuthResult, type Exchange, type ExchangeList, type Federation, type RoleGrant, type School, type SchoolReport, type Session } from '@lianyan/shared';
import { randomUUID } from 'node:crypto';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeRateLimitRepository } from '@lianyan/functions/repositories/rate-limits';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository, tokenRoles } from '@lianyan/functions/repositories/users';
import { makeSignInService } from '@lianyan/functions/services/sign-in';
import { api, devLogin, stack, uniqueId } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { currentQr, makeSessionInput, qrTokenAt, scan } from '../support/sessions.ts';

// 交流轮岗 (issue 16) in a federation of its own: the demo federation's figures stay as they are.
const DAY = 86_400_000;
const day = (offset: number) => shanghaiDay(new Date(Date.now() + offset * DAY));
const semester = semesterOf(new Date());
const token = async (account: string) => (await devLogin(account)).token;

const tag = uniqueId('x').slice(-8);
const acct = (name: string) => `ex-${tag}-${name}`;
let fed: Federation;
let home: School;
let host: School;
let third: School;
const ids: Record<string, string> = {};

async function person(name: string, roles: RoleGrant[]) {
  const users = makeUserRepository(testTable());
  const id = `u-${acct(name)}`;
  await users.createUserWithIdentities({ id, name: `交流${name}`, createdAt: new Date().toISOString() }, [{ provider: 'dev', externalId: acct(name) }], roles);
  ids[name] = id;
  return id;
}

const create = async (body: Record<string, unknown>, account = acct('fedadmin')) =>
  api<Exchange & { code?: string; message?: string; details?: { fieldErrors?: Record<string, string[]> } }>('POST', `/v1/federations/${fed.id}/exchanges`, { token: await token(account), body: { fromSchoolId: home.id, toSchoolId: host.id, kind: 'cadre', ...body } });
const list = async (account = acct('fedadmin'), query = `?semester=${semester}`) => api<ExchangeList>('GET', `/v1/federations/${fed.id}/exchanges${query}`, { token: await token(account) });

beforeAll(async () => {
  const district = await token('district-admin');
  const made = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `交流测试校联体${tag}`, kind: 'group' } });
  fed = made.body;
  const school = async (name: string, rural: boolean) =>
    (await api<School>('POST', `/v1/federations/${fed.id}/schools`, { token: district, body: { name: `${name}${tag}`, stage: 'primary', rural } })).body;
  home = await school('城区派出小学', false);
  host = await school('乡村接收小学', true);
  third = await school('第三小学', true);
  await person('fedadmin', [{ role: 'federationAdmin', scope: { federationId: fed.id } }]);
  await person('organizer', [{ role: 'organizer', scope: { federationId: fed.id } }]);
  await person('homeadmin', [{ role: 'schoolAdmin', scope: { schoolId: home.id } }]);
  await person('hostadmin', [{ role: 'schoolAdmin', scope: { schoolId: host.id } }]);
  for (const name of ['cadre', 'racer', 'done', 'waiting', 'moved', 'backbone']) await person(name, [{ role: 'teacher', scope: { schoolId: home.id } }]);
}, 60_000);

describe('交流轮岗: registering exchanges', () => {
  it('registers a running exchange and refuses an overlapping one of the same person with a clear error', async () => {
    const first = await create({ userId: ids.cadre, startDate: day(-10), endDate: day(40), duties: '分管教学' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ federationId: fed.id, userId: ids.cadre, kind: 'cadre', startDate: day(-10), endDate: day(40) });
    const overlap = await create({ userId: ids.cadre, kind: 'backbone', startDate: day(30), endDate: day(60) });
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({ code: 'EXCHANGE_OVERLAPS', message: expect.stringContaining('不能重叠'), details: { exchangeId: first.body.id } });
    const after = await create({ userId: ids.cadre, kind: 'shadow', startDate: day(41), endDate: day(50) });
    expect(after.status).toBe(201);
  });

  it('lets only one of two concurrent overlapping exchanges of a person succeed', async () => {
    const both = await Promise.all([
      create({ userId: ids.racer, kind: 'backbone', startDate: day(-5), endDate: day(20) }),
      create({ userId: ids.racer, kind: 'itinerant', startDate: day(0), endDate: day(30) }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('refuses bad input, a person not of the sending school, schools of another federation and people who may not register', async () => {
    const dates = await create({ userId: ids.backbone, startDate: day(5), endDate: day(1) });
    expect(dates.status).toBe(400);
    for (const [startDate, endDate, field] of [[day(-800), day(-700), 'startDate'], ['1971-01-01', '1971-02-01', 'startDate'], [day(1), day(1200), 'endDate'], [day(1), '2099-02-01', 'endDate'], [day(800), day(830), 'startDate']] as const) {
      const typo = await create({ userId: ids.backbone, startDate, endDate });
      expect(typo.status, `${startDate}…${endDate}`).toBe(400);
      expect(typo.body.details?.fieldErrors?.[field], `${startDate}…${endDate}`).toBeDefined();
    }
    expect(dates.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const same = await create({ userId: ids.backbone, toSchoolId: home.id, startDate: day(1), endDate: day(5) });
    expect(same.status).toBe(400);
    const notTheirs = await create({ userId: ids.hostadmin, startDate: day(1), endDate: day(5) });
    expect(notTheirs.status).toBe(400);
    const foreign = await create({ userId: ids.backbone, toSchoolId: 'sch-core', startDate: day(1), endDate: day(5) });
    expect(foreign.status).toBe(400);
    for (const account of [acct('homeadmin'), acct('cadre'), 'fed-admin']) {
      expect((await create({ userId: ids.backbone, startDate: day(1), endDate: day(5) }, account)).status).toBe(403);
    }
    const organizer = await create({ userId: ids.backbone, kind: 'backbone', startDate: day(-2), endDate: day(60) }, acct('organizer'));
    expect(organizer.status).toBe(201);
  });

  it('changes and deletes an exchange, still refusing overlaps', async () => {
    const made = await create({ userId: ids.moved, kind: 'itinerant', startDate: day(100), endDate: day(110) });
    const other = await create({ userId: ids.moved, kind: 'itinerant', startDate: day(120), endDate: day(130) });
    const clash = await api('PATCH', `/v1/exchanges/${made.body.id}`, { token: await token(acct('fedadmin')), body: { endDate: day(125) } });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'EXCHANGE_OVERLAPS' });
    const moved = await api<Exchange>('POST', `/v1/exchanges/${made.body.id}`, { token: await token(acct('fedadmin')), body: { endDate: day(115), toSchoolId: third.id } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ endDate: day(115), toSchoolId: third.id });
    expect((await api('DELETE', `/v1/exchanges/${other.body.id}`, { token: await token(acct('homeadmin')) })).status).toBe(403);
    expect((await api('DELETE', `/v1/exchanges/${other.body.id}`, { token: await token(acct('fedadmin')) })).status).toBe(204);
    const again = await api<Exchange>('PATCH', `/v1/exchanges/${made.body.id}`, { token: await token(acct('fedadmin')), body: { endDate: day(125) } });
    expect(again.status).toBe(200);
    expect((await api('DELETE', `/v1/exchanges/${other.body.id}`, { token: await token(acct('fedadmin')) })).status).toBe(404);
  });
});

describe('交流轮岗: assessment, the list and its quota', () => {
  let done: Exchange;
  let waiting: Exchange;
  beforeAll(async () => {
    done = (await create({ userId: ids.done, kind: 'backbone', startDate: day(-30), endDate: day(-3) })).body;
    waiting = (await create({ userId: ids.waiting, kind: 'itinerant', startDate: day(-20), endDate: day(-1) })).body;
  });

  it('is assessed by the host school admin once it has ended, and once', async () => {
    const running = (await list()).body.items.find((e) => e.userId === ids.cadre && e.kind === 'cadre');
    const early = await api('POST', `/v1/exchanges/${running?.id}/assessment`, { token: await token(acct('hostadmin')), body: { rating: 'pass', comment: '好' } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'EXCHANGE_NOT_ENDED' });
    const home = await api('POST', `/v1/exchanges/${done.id}/assessment`, { token: await token(acct('homeadmin')), body: { rating: 'pass', comment: '好' } });
    expect(home.status).toBe(403);
    const bad = await api('POST', `/v1/exchanges/${done.id}/assessment`, { token: await token(acct('hostadmin')), body: { rating: 'great', comment: '' } });
    expect(bad.status).toBe(400);
    const filed = await api<Exchange>('POST', `/v1/exchanges/${done.id}/assessment`, { token: await token(acct('hostadmin')), body: { rating: 'excellent', comment: '支教成效显著' } });
    expect(filed.status).toBe(201);
    expect(filed.body.assessment).toMatchObject({ rating: 'excellent', comment: '支教成效显著', assessedBy: ids.hostadmin });
    const twice = await api('POST', `/v1/exchanges/${done.id}/assessment`, { token: await token(acct('hostadmin')), body: { rating: 'fail', comment: '再来' } });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'EXCHANGE_ALREADY_ASSESSED' });
  });

  it('lists the semester with names, schools and status against the quota, people counted once; both school admins see 待考核', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const byUser = (id: string) => res.body.items.filter((e) => e.userId === id);
    expect(byUser(String(ids.cadre))[0]).toMatchObject({ name: '交流cadre', fromSchoolName: home.name, toSchoolName: host.name, status: 'running', duties: '分管教学' });
    expect(byUser(String(ids.done))[0]).toMatchObject({ status: 'assessed', assessment: { rating: 'excellent' } });
    expect(byUser(String(ids.waiting))[0]).toMatchObject({ status: 'awaiting' });
    // cadres: one person; backbone (支教 + 走教): racer, backbone, done, waiting (+ moved when its days fall in the semester).
    expect(res.body.quota.cadres).toMatchObject({ done: 1, target: 2, met: false });
    expect(res.body.quota.backbone.target).toBe(3);
    expect(res.body.quota.backbone.done).toBeGreaterThanOrEqual(4);
    expect(res.body.quota.backbone.met).toBe(true);
    expect(res.body.quota.awaitingAssessment).toBe(1);
    for (const account of [acct('homeadmin'), acct('hostadmin')]) {
      const seen = await list(account);
      expect(seen.status).toBe(200);
      expect(seen.body.items.find((e) => e.id === waiting.id)?.status).toBe('awaiting');
    }
    expect((await list(acct('cadre'))).status).toBe(403);
    expect((await list('fed-admin')).status).toBe(403);
    expect((await list('core-admin')).status).toBe(403);
    expect((await list('district-admin')).status).toBe(200);
  });

  it('shows a derived 交流轮岗 line with its assessment in the archive; a self-filed rotation repeating it is marked a duplicate', async () => {
    const teacher = await token(acct('done'));
    const filed = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: teacher, body: { kind: 'rotation', fromSchool: home.name, toSchool: host.name, date: day(-30), until: day(-3) } });
    expect(filed.status).toBe(201);
    const other = await api<ArchiveEntry>('POST', '/v1/archive/entries', { token: teacher, body: { kind: 'rotation', fromSchool: home.name, toSchool: '别的学校', date: day(-30) } });
    expect(other.status).toBe(201);
    const own = await api<ArchiveList>('GET', `/v1/archive?from=${day(-60)}&to=${day(0)}`, { token: teacher });
    expect(own.status).toBe(200);
    const line = own.body.entries.find((e) => e.exchangeId === done.id);
    expect(line).toMatchObject({ source: 'derived', kind: 'rotation', title: `交流轮岗（支教）：${home.name} → ${host.name}`, detail: `${day(-30)} 至 ${day(-3)} · 考核：优秀` });
    expect(own.body.entries.find((e) => e.id === filed.body.id)?.duplicateOf).toBe(done.id);
    expect(own.body.entries.find((e) => e.id === other.body.id)?.duplicateOf).toBeUndefined();
    // The home school's admin sees it in the teacher's archive too; the waiting one shows 待考核.
    const byHome = await api<ArchiveList>('GET', `/v1/archive?userId=${ids.done}&from=${day(-60)}&to=${day(0)}`, { token: await token(acct('homeadmin')) });
    expect(byHome.body.entries.find((e) => e.exchangeId === done.id)).toMatchObject({ detail: expect.stringContaining('优秀') });
    const waitingLine = await api<ArchiveList>('GET', `/v1/archive?from=${day(-60)}&to=${day(0)}`, { token: await token(acct('waiting')) });
    expect(waitingLine.body.entries.find((e) => e.exchangeId === waiting.id)).toMatchObject({ detail: expect.stringContaining('待考核') });
  });

  it('exports 交流教师名单 as xlsx and csv with the dates as dates', async () => {
    const xlsx = await api('GET', `/v1/federations/${fed.id}/exchanges?semester=${semester}&format=xlsx`, { token: await token(acct('fedadmin')) });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(xlsx.headers.get('content-disposition') ?? '')).toContain('交流教师名单');
    const csv = await api('GET', `/v1/federations/${fed.id}/exchanges?semester=${semester}&format=csv`, { token: await token(acct('fedadmin')) });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('交流cadre');
    expect(csv.text).toContain(`${home.name},${host.name},挂职,${day(-10)},${day(40)}`);
    const bad = await api('GET', `/v1/federations/${fed.id}/exchanges?format=pdf`, { token: await token(acct('fedadmin')) });
    expect(bad.status).toBe(400);
  });
});

describe('交流轮岗: while it runs the person belongs to the host school', () => {
  it('carries the exchange in me, puts them in the host school sessions and counts their attendance for the host school', async () => {
    const login: AuthResult = await devLogin(acct('cadre'));
    expect(login.user.exchange).toMatchObject({ toSchoolId: host.id, fromSchoolId: home.id, kind: 'cadre', toSchoolName: host.name });
    expect(login.user.roles).toEqual([{ role: 'teacher', scope: { schoolId: home.id } }]);
    const me = await api<{ exchange?: unknown }>('GET', '/v1/me', { token: login.token });
    expect(me.body.exchange).toMatchObject({ toSchoolId: host.id });

    const organizer = await token(acct('organizer'));
    const created = await api<Session>('POST', '/v1/sessions', {
      token: organizer,
      body: makeSessionInput({ hostSchoolId: host.id, audience: { type: 'schools', schoolIds: [host.id] }, title: '乡村学校教研：交流教师参加' }),
    });
    expect(created.status).toBe(201);
    const published = await api<Session>('POST', `/v1/sessions/${created.body.id}/publish`, { token: organizer });
    expect(published.status).toBe(200);
    const roster = await api<{ missing: Array<{ userId: string; schoolId: string }> }>('GET', `/v1/sessions/${created.body.id}/attendance?include=missing`, { token: organizer });
    expect(roster.body.missing.find((i) => i.userId === ids.cadre)).toMatchObject({ schoolId: host.id });
    expect(roster.body.missing.find((i) => i.userId === ids.moved)).toBeUndefined();

    const qr = await currentQr(created.body.id, organizer);
    const signed = await api<{ attendance: Attendance }>('POST', `/v1/sessions/${created.body.id}/sign-ins`, { token: login.token, body: scan(qr.token) });
    expect(signed.status).toBe(201);
    expect(signed.body.attendance.schoolId).toBe(host.id);
    // Someone of the home school without an exchange is not in that audience.
    const outsider = await api('POST', `/v1/sessions/${created.body.id}/sign-ins`, { token: await token(acct('moved')), body: scan(qr.token) });
    expect(outsider.status).toBe(403);

    const report = await api<SchoolReport>('GET', `/v1/reports/schools/${host.id}?semester=${semester}`, { token: await token(acct('hostadmin')) });
    expect(report.status).toBe(200);
    expect(report.body.teachers.find((t) => t.userId === ids.cadre)).toMatchObject({ attended: 1 });
    expect(report.body.attendance.attended).toBeGreaterThanOrEqual(1);
  });

  it('keeps the sign-in path at one read and one write for a person on exchange (the host school comes with the token)', async () => {
    const ctx = testTable();
    const commands: string[] = [];
    ctx.db.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countExchangeSignIn' },
    );
    const sessions = makeSessionRepository(ctx);
    const service = makeSignInService({
      sessions,
      attendance: makeAttendanceRepository(ctx),
      rateLimits: makeRateLimitRepository(ctx),
      clock: { now: () => new Date() },
      settings: { getQrSecret: async () => stack().qrSecret, clockMarginMs: 5000, replayLimitMs: 86_400_000, sessionCacheMs: 5000, failureLimit: 3, failureWindowMs: 60_000 },
    });
    const organizer = await token(acct('organizer'));
    const created = await api<Session>('POST', '/v1/sessions', { token: organizer, body: makeSessionInput({ hostSchoolId: host.id, audience: { type: 'schools', schoolIds: [host.id] }, title: '成本：交流教师签到' }) });
    await api('POST', `/v1/sessions/${created.body.id}/publish`, { token: organizer });
    // What the login put in the token: read once at login, not on the sign-in path.
    const user = await makeUserRepository(testTable()).getUserWithRoles(ids.cadre as string);
    const auth = { userId: ids.cadre as string, name: '交流cadre', roles: tokenRoles(user!) };
    commands.length = 0;
    const result = await service.signIn(auth, created.body.id, { token: qrTokenAt(created.body.id, 'in', Date.now()), deviceId: randomUUID(), nonce: randomUUID() });
    expect(result.created).toBe(true);
    expect(result.body.attendance.schoolId).toBe(host.id);
    expect(commands).toEqual(['GetItemCommand', 'PutItemCommand']);
  });
});
