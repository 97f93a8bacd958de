import { describe, expect, it } from 'vitest';
import type { Attendance, LandingView, MySessions, Roster, Session } from '@lianyan/shared';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { api, devLogin, uniqueId } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { currentQr, publishedSession, qrTokenAt, scan, signInCodeAt } from '../support/sessions.ts';

type SignInBody = { attendance: Attendance; alreadySignedIn: boolean };
const MIN = 60_000;

async function signIn(account: string, sessionId: string, body: Record<string, unknown>, path = 'sign-ins') {
  const { token } = await devLogin(account);
  return api<SignInBody & { code?: string; details?: Record<string, unknown> }>('POST', `/v1/sessions/${sessionId}/${path}`, { token, body });
}

async function roster(sessionId: string, organizerToken: string) {
  const res = await api<Roster>('GET', `/v1/sessions/${sessionId}/attendance`, { token: organizerToken });
  expect(res.status).toBe(200);
  return res.body;
}

describe('creating and publishing a session', () => {
  it('creates a draft with the resolved audience, then publishes it with the expected count', async () => {
    const { session } = await publishedSession();
    expect(session.status).toBe('published');
    expect(session.audienceSchoolIds?.sort()).toEqual(['sch-core', 'sch-donghu', 'sch-east2', 'sch-qingshan']);
    expect(session.expectedCount).toBeGreaterThanOrEqual(29);
  });

  it('refuses a teacher creating a session, and an end before the start', async () => {
    const teacher = await devLogin('core-teacher-1');
    const organizer = await devLogin('organizer');
    const base = { kind: 'joint_research', mode: 'online', title: '线上教研', hostSchoolId: 'sch-core', creditHours: 1, audience: { type: 'federation' } };
    const times = { startAt: new Date(Date.now() + 3_600_000).toISOString(), endAt: new Date(Date.now() + 7_200_000).toISOString() };
    expect((await api('POST', '/v1/sessions', { token: teacher.token, body: { ...base, ...times } })).status).toBe(403);
    const backwards = await api<{ details: { fieldErrors: Record<string, string[]> } }>('POST', '/v1/sessions', {
      token: organizer.token,
      body: { ...base, startAt: times.endAt, endAt: times.startAt },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details.fieldErrors.endAt).toEqual(['结束时间必须晚于开始时间']);
  });
});

describe('QR sign-in', () => {
  it('signs a teacher in with the current code, and a repeat returns the same record', async () => {
    const { session, organizerToken } = await publishedSession();
    const qr = await currentQr(session.id, organizerToken);
    expect(qr.url).toMatch(new RegExp(`/s/${session.id}/${qr.token}$`));
    const first = await signIn('east2-teacher-3', session.id, scan(qr.token, { location: { lat: 30.2742, lng: 120.1552 } }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ alreadySignedIn: false, attendance: { userId: 'u-east2-teacher-3', status: 'on_time', method: 'qr', schoolId: 'sch-east2', flags: [] } });
    expect(first.body.attendance.name).toBe('杨文博');
    const again = await signIn('east2-teacher-3', session.id, scan(qr.token));
    expect(again.status).toBe(200);
    expect(again.body.alreadySignedIn).toBe(true);
    expect(again.body.attendance.signedInAt).toBe(first.body.attendance.signedInAt);
    const list = await roster(session.id, organizerToken);
    expect(list.items).toHaveLength(1);
    expect(list.summary.signedIn).toBe(1);
  });

  it('records lateness after the late minutes', async () => {
    const now = Date.now();
    const { session, organizerToken } = await publishedSession({ startAt: new Date(now - 30 * MIN).toISOString(), endAt: new Date(now + 60 * MIN).toISOString() });
    const res = await signIn('core-teacher-2', session.id, scan((await currentQr(session.id, organizerToken)).token));
    expect(res.body.attendance.status).toBe('late');
  });

  it('gives each bad scan its own error and writes nothing', async () => {
    const { session, organizerToken } = await publishedSession();
    const other = await publishedSession();
    const qr = await currentQr(session.id, organizerToken);
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['another session’s code', scan((await currentQr(other.session.id, other.organizerToken)).token), 400, 'TOKEN_INVALID'],
      ['the sign-out code', scan((await currentQr(session.id, organizerToken, 'out')).token), 400, 'TOKEN_INVALID'],
      ['a forged code', scan('A'.repeat(22)), 400, 'TOKEN_INVALID'],
      ['a code two windows old', scan(qrTokenAt(session.id, 'in', Date.now() - 25_000)), 400, 'TOKEN_EXPIRED'],
      ['a malformed location', scan(qr.token, { location: { lat: 123, lng: 'east' } }), 400, 'VALIDATION_FAILED'],
      ['a scan time in the future', scan(qr.token, { scannedAt: new Date(Date.now() + 3_600_000).toISOString() }), 400, 'SCANNED_AT_IN_FUTURE'],
      ['no device id', { token: qr.token, nonce: 'n-12345678' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [label, body, status, code] of cases) {
      const res = await signIn('donghu-teacher-1', session.id, body);
      expect({ label, status: res.status, code: res.body.code }).toEqual({ label, status, code });
      expect(res.body).toHaveProperty('message');
    }
    expect((await roster(session.id, organizerToken)).items).toHaveLength(0);
  });

  it('says 二维码已过期 for an old code and 不在签到时间 outside the window', async () => {
    const { session, organizerToken } = await publishedSession();
    const expired = await signIn('core-teacher-3', session.id, scan(qrTokenAt(session.id, 'in', Date.now() - 60_000)));
    expect(expired.body).toMatchObject({ code: 'TOKEN_EXPIRED', message: '二维码已过期，请重新扫描' });
    const later = await publishedSession({ startAt: new Date(Date.now() + 3 * 3_600_000).toISOString(), endAt: new Date(Date.now() + 4 * 3_600_000).toISOString() });
    const early = await signIn('core-teacher-3', later.session.id, scan((await currentQr(later.session.id, later.organizerToken)).token));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'WINDOW_CLOSED', message: '不在签到时间', details: { opensAt: expect.any(String), closesAt: expect.any(String) } });
    expect((await roster(session.id, organizerToken)).items).toHaveLength(0);
  });

  it('refuses people outside the audience: another school, a parent, a draft session', async () => {
    const { session, organizerToken } = await publishedSession({ audience: { type: 'schools', schoolIds: ['sch-qingshan'] } });
    const token = (await currentQr(session.id, organizerToken)).token;
    for (const account of ['core-teacher-4', 'parent-2']) {
      const res = await signIn(account, session.id, scan(token));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'NOT_IN_AUDIENCE', message: '你不在本次活动的参与范围' });
    }
    const organizer = await devLogin('organizer');
    const draft = await api<Session>('POST', '/v1/sessions', { token: organizer.token, body: (await import('../support/sessions.ts')).makeSessionInput() });
    const res = await signIn('core-teacher-4', draft.body.id, scan(token));
    expect(res.body.code).toBe('SESSION_NOT_PUBLISHED');
  });

  it('flags or rejects a scan outside the geofence, recording the distance', async () => {
    const far = { lat: 30.3, lng: 120.2 };
    const flagging = await publishedSession({ geofence: 'flag' });
    const flagged = await signIn('core-teacher-5', flagging.session.id, scan((await currentQr(flagging.session.id, flagging.organizerToken)).token, { location: far }));
    expect(flagged.status).toBe(201);
    expect(flagged.body.attendance.flags).toEqual(['outside_geofence']);
    expect(flagged.body.attendance.distanceM).toBeGreaterThan(4000);

    const rejecting = await publishedSession({ geofence: 'reject' });
    const rejected = await signIn('core-teacher-5', rejecting.session.id, scan((await currentQr(rejecting.session.id, rejecting.organizerToken)).token, { location: far }));
    expect(rejected.status).toBe(403);
    expect(rejected.body).toMatchObject({ code: 'OUTSIDE_GEOFENCE', message: expect.stringMatching(/不在活动范围内/), details: { radiusM: 300 } });
  });

  it('accepts an offline replay of a code that was valid when scanned, flagged, and refuses one past the limit', async () => {
    const now = Date.now();
    const { session, organizerToken } = await publishedSession({ startAt: new Date(now - 70 * MIN).toISOString(), endAt: new Date(now + 60 * MIN).toISOString() });
    const scannedAt = now - 65 * MIN;
    const replay = await signIn('qingshan-teacher-2', session.id, scan(qrTokenAt(session.id, 'in', scannedAt), { scannedAt: new Date(scannedAt).toISOString() }));
    expect(replay.status).toBe(201);
    expect(replay.body.attendance).toMatchObject({ method: 'offline_replay', status: 'on_time', signedInAt: new Date(scannedAt).toISOString() });
    expect(replay.body.attendance.flags).toContain('offline_replay');
    expect((await roster(session.id, organizerToken)).items[0]?.flags).toContain('offline_replay');

    const tooOld = now - 25 * 3_600_000;
    const stale = await signIn('qingshan-teacher-3', session.id, scan(qrTokenAt(session.id, 'in', tooOld), { scannedAt: new Date(tooOld).toISOString() }));
    expect(stale.status).toBe(410);
    expect(stale.body.code).toBe('REPLAY_TOO_OLD');
  });
});

describe('sign-out and credited hours', () => {
  it('refuses sign-out before sign-in, then signs out once and credits the hours present', async () => {
    const now = Date.now();
    const { session, organizerToken } = await publishedSession({ startAt: new Date(now - 60 * MIN).toISOString(), endAt: new Date(now + 60 * MIN).toISOString() });
    const out = (await currentQr(session.id, organizerToken, 'out')).token;
    const early = await signIn('east2-teacher-5', session.id, scan(out), 'sign-outs');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringMatching(/先签到/) });

    const scannedAt = now - 58 * MIN;
    await signIn('east2-teacher-5', session.id, scan(qrTokenAt(session.id, 'in', scannedAt), { scannedAt: new Date(scannedAt).toISOString() }));
    const first = await signIn('east2-teacher-5', session.id, scan(out), 'sign-outs');
    expect(first.status).toBe(201);
    expect(first.body.attendance.status).toBe('left_early');
    expect(first.body.attendance.creditedHours).toBe(1);
    const again = await signIn('east2-teacher-5', session.id, scan(out), 'sign-outs');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadySignedOut: true });
  });
});

describe('200 concurrent sign-ins', () => {
  it('160 people plus 40 repeats with new nonces leave exactly one record per person and a matching summary', async () => {
    const users = makeUserRepository(testTable());
    const run = uniqueId('load');
    const accounts = Array.from({ length: 160 }, (_, i) => `${run}-${i}`);
    await Promise.all(
      accounts.map((account, i) =>
        users.createUserWithIdentities(
          { id: `u-${account}`, name: `压测教师${i}`, subject: '语文', createdAt: new Date().toISOString() },
          [{ provider: 'dev', externalId: account }],
          [{ role: 'teacher', scope: { schoolId: 'sch-east2' } }],
        ),
      ),
    );
    const { session, organizerToken } = await publishedSession({ audience: { type: 'schools', schoolIds: ['sch-east2'] } });
    const tokens = await Promise.all(accounts.map(async (a) => (await devLogin(a)).token));
    // 应到 before anyone signs in: the school's teachers (other tests' exchanges may add visitors) and the 160.
    const expected = (await roster(session.id, organizerToken)).summary.expected;
    expect(expected).toBeGreaterThanOrEqual(167);
    const qr = await currentQr(session.id, organizerToken);
    const requests = [...tokens, ...tokens.slice(0, 40)];
    const results = await Promise.all(
      requests.map((token) => api<SignInBody>('POST', `/v1/sessions/${session.id}/sign-ins`, { token, body: scan(qr.token) })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(160);
    expect(results.filter((r) => r.status === 200 && r.body.alreadySignedIn)).toHaveLength(40);
    const list = await roster(session.id, organizerToken);
    expect(list.items).toHaveLength(160);
    expect(new Set(list.items.map((i) => i.userId))).toEqual(new Set(accounts.map((a) => `u-${a}`)));
    expect(list.summary.signedIn).toBe(list.items.length);
    expect(list.summary.expected).toBe(expected);
  });
});

describe('roster management', () => {
  it('flags every account that signed in from one device', async () => {
    const { session, organizerToken } = await publishedSession();
    const token = (await currentQr(session.id, organizerToken)).token;
    const here = { lat: 30.2741, lng: 120.1551 };
    await signIn('donghu-teacher-2', session.id, scan(token, { deviceId: 'shared-phone-1', location: here }));
    await signIn('donghu-teacher-3', session.id, scan(token, { deviceId: 'shared-phone-1', location: here }));
    await signIn('donghu-teacher-4', session.id, scan(token, { location: here }));
    const list = await roster(session.id, organizerToken);
    const flagged = list.items.filter((i) => i.flags.includes('shared_device')).map((i) => i.userId).sort();
    expect(flagged).toEqual(['u-donghu-teacher-2', 'u-donghu-teacher-3']);
    expect(list.summary.flagged).toBe(2);
  });

  it('signs in a person marked excused beforehand who turns up after all, keeping the audit', async () => {
    const { session, organizerToken } = await publishedSession();
    await api('PUT', `/v1/sessions/${session.id}/attendance/u-east2-teacher-2`, { token: organizerToken, body: { status: 'excused', reason: '请假' } });
    const res = await signIn('east2-teacher-2', session.id, scan((await currentQr(session.id, organizerToken)).token));
    expect(res.status).toBe(201);
    expect(res.body.attendance.status).toBe('on_time');
    const item = (await roster(session.id, organizerToken)).items.find((i) => i.userId === 'u-east2-teacher-2');
    expect(item).toMatchObject({ status: 'on_time', method: 'qr' });
  });

  it('marks a person by hand with a reason kept in the audit trail', async () => {
    const { session, organizerToken } = await publishedSession();
    const noReason = await api('PUT', `/v1/sessions/${session.id}/attendance/u-core-teacher-6`, { token: organizerToken, body: { status: 'excused' } });
    expect(noReason.status).toBe(400);
    const res = await api<Attendance>('PUT', `/v1/sessions/${session.id}/attendance/u-core-teacher-6`, {
      token: organizerToken,
      body: { status: 'excused', reason: '外出参加市级培训' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'excused', method: 'manual', flags: ['manual'], creditedHours: 0 });
    expect(res.body.audit).toEqual([expect.objectContaining({ by: 'u-organizer', reason: '外出参加市级培训', action: 'status:excused' })]);
    const teacher = await devLogin('core-teacher-6');
    expect((await api('PUT', `/v1/sessions/${session.id}/attendance/u-core-teacher-6`, { token: teacher.token, body: { status: 'on_time', reason: '自己改' } })).status).toBe(403);
  });

  it('lists who has not signed in yet, then closing marks them absent without touching sign-ins', async () => {
    const { session, organizerToken } = await publishedSession({ audience: { type: 'schools', schoolIds: ['sch-qingshan'] } });
    const token = (await currentQr(session.id, organizerToken)).token;
    await signIn('qingshan-teacher-1', session.id, scan(token));
    await signIn('qingshan-principal', session.id, scan(token));
    const pending = await api<Roster>('GET', `/v1/sessions/${session.id}/attendance?include=missing`, { token: organizerToken });
    expect(pending.body.missing).toHaveLength(5);
    expect(pending.body.missing?.every((m) => m.schoolId === 'sch-qingshan' && m.name.length > 0)).toBe(true);
    const closed = await api<Session & { markedAbsent: number }>('POST', `/v1/sessions/${session.id}/close`, { token: organizerToken });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.markedAbsent).toBe(5);
    const list = await roster(session.id, organizerToken);
    expect(list.summary).toMatchObject({ expected: 7, signedIn: 2, absent: 5 });
    const withMissing = await api<Roster>('GET', `/v1/sessions/${session.id}/attendance?include=missing`, { token: organizerToken });
    expect(withMissing.body.missing).toEqual([]);
    expect(list.items.find((i) => i.userId === 'u-qingshan-teacher-1')?.status).toBe('on_time');
    const after = await signIn('qingshan-teacher-2', session.id, scan(token));
    expect(after.body.code).toBe('WINDOW_CLOSED');
  });

  it('exports the roster as CSV with a BOM and as XLSX, named after the session', async () => {
    const { session, organizerToken } = await publishedSession({ title: '导出测试教研' });
    await signIn('core-teacher-1', session.id, scan((await currentQr(session.id, organizerToken)).token));
    const csvRes = await fetch(`${(await import('../support/api.ts')).stack().url}/v1/sessions/${session.id}/attendance?format=csv`, {
      headers: { authorization: `Bearer ${organizerToken}` },
    });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    expect(decodeURIComponent(csvRes.headers.get('content-disposition') ?? '')).toContain('导出测试教研-签到表.csv');
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('序号,姓名,学校,状态,签到时间');
    expect(text).toContain('潘立新,明湖区实验小学,已签到');

    const xlsxRes = await fetch(`${(await import('../support/api.ts')).stack().url}/v1/sessions/${session.id}/attendance?format=xlsx`, {
      headers: { authorization: `Bearer ${organizerToken}` },
    });
    expect(xlsxRes.headers.get('content-type')).toContain('spreadsheetml');
    const xlsxBytes = Buffer.from(await xlsxRes.arrayBuffer());
    expect(xlsxBytes.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('display link and 我的活动', () => {
  it('shows the current code and counts to the venue screen with the key, and stops after closing', async () => {
    const { session, organizerToken } = await publishedSession();
    const link = await api<{ url: string; key: string }>('GET', `/v1/sessions/${session.id}/display-link`, { token: organizerToken });
    expect(link.body.url).toMatch(new RegExp(`/display/${session.id}\\?key=`));
    const path = `/v1/display/${session.id}?key=${link.body.key}`;
    const view = await api<{ qr: { token: string }; summary: { signedIn: number }; latest: unknown[] }>('GET', path);
    expect(view.status).toBe(200);
    await signIn('east2-teacher-6', session.id, scan(view.body.qr.token));
    const after = await api<{ summary: { signedIn: number }; latest: Array<{ name: string }> }>('GET', path);
    expect(after.body.summary.signedIn).toBe(1);
    expect(after.body.latest[0]?.name).toBe('韩佳琪');
    expect((await api('GET', `/v1/display/${session.id}?key=${'x'.repeat(24)}`)).status).toBe(403);
    await api('POST', `/v1/sessions/${session.id}/close`, { token: organizerToken });
    expect((await api('GET', path)).status).toBe(410);
  });

  it('tells a phone that opened the QR landing which session the code names, without a login; another session’s code opens nothing', async () => {
    const { session, organizerToken } = await publishedSession({ title: '扫码落地页测试' });
    const qr = await currentQr(session.id, organizerToken, 'out');
    const view = await api<LandingView>('GET', `/v1/sessions/${session.id}/landing?token=${qr.token}&purpose=out`);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      session: { id: session.id, title: '扫码落地页测试', startAt: session.startAt, endAt: session.endAt, status: 'published', venue: '明湖区实验小学 报告厅' },
      purpose: 'out',
      code: 'valid',
    });
    const old = qrTokenAt(session.id, 'in', Date.now() - 10 * MIN);
    expect((await api<LandingView>('GET', `/v1/sessions/${session.id}/landing?token=${old}`)).body.code).toBe('expired');
    // The sign-out code does not open the sign-in landing, nor another session's.
    expect((await api('GET', `/v1/sessions/${session.id}/landing?token=${qr.token}`)).body).toMatchObject({ code: 'TOKEN_INVALID' });
    const other = await publishedSession();
    const elsewhere = await api<{ code: string; message: string }>('GET', `/v1/sessions/${other.session.id}/landing?token=${qr.token}&purpose=out`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toBe('二维码无效，请扫描本次活动现场的二维码');
    expect((await api('GET', `/v1/sessions/no-such-session/landing?token=${qr.token}`)).status).toBe(403);
    expect((await api('GET', `/v1/sessions/${session.id}/landing?token=a%20b`)).status).toBe(400);
  });

  it('lists a teacher’s upcoming and past sessions with their own status', async () => {
    const { session, organizerToken } = await publishedSession({ title: '我的活动测试' });
    await signIn('donghu-teacher-5', session.id, scan((await currentQr(session.id, organizerToken)).token));
    const { token } = await devLogin('donghu-teacher-5');
    const mine = await api<MySessions>('GET', '/v1/me/sessions', { token });
    expect(mine.status).toBe(200);
    const entry = mine.body.upcoming.find((x) => x.session.id === session.id);
    expect(entry?.mine?.status).toBe('on_time');
    expect(mine.body.past.some((x) => x.session.id === 'ses-past-joint')).toBe(true);
    expect(mine.body.upcoming.some((x) => x.session.status === 'draft')).toBe(false);
  });
});

describe('评课 (lesson evaluations)', () => {
  it('lets observers who signed in evaluate, shows all to the teaching teacher and only their own to observers', async () => {
    const { session, organizerToken } = await publishedSession({
      kind: 'lesson_observation',
      title: '三年级数学听评课',
      lesson: { teacherId: 'u-core-teacher-2', teacherName: '叶春兰', className: '三年级(1)班', topic: '《分数的初步认识》' },
    });
    const qr = (await currentQr(session.id, organizerToken)).token;
    const comment = '情境导入自然，学生参与度高，建议增加分层练习。';
    const before = await signIn('east2-teacher-2', session.id, { rating: 4, comment }, 'evaluations');
    expect(before.status).toBe(403);
    await signIn('east2-teacher-2', session.id, scan(qr));
    await signIn('donghu-teacher-2', session.id, scan(qr));
    expect((await signIn('east2-teacher-2', session.id, { rating: 4, comment }, 'evaluations')).status).toBe(201);
    expect((await signIn('donghu-teacher-2', session.id, { rating: 5, comment: '板书清晰，重难点突出，练习设计有梯度。' }, 'evaluations')).status).toBe(201);
    const short = await signIn('donghu-teacher-2', session.id, { rating: 6, comment: '好' }, 'evaluations');
    expect(short.status).toBe(400);

    const teaching = await devLogin('core-teacher-2');
    const all = await api<{ items: Array<{ name: string; rating: number }>; averageRating: number }>('GET', `/v1/sessions/${session.id}/evaluations`, { token: teaching.token });
    expect(all.body.items).toHaveLength(2);
    expect(all.body.averageRating).toBe(4.5);
    const observer = await devLogin('east2-teacher-2');
    const own = await api<{ items: Array<{ userId: string }> }>('GET', `/v1/sessions/${session.id}/evaluations`, { token: observer.token });
    expect(own.body.items.map((e) => e.userId)).toEqual(['u-east2-teacher-2']);
  });
});

describe('POST aliases for clients without PATCH or PUT (wx.request, older DingTalk)', () => {
  it('edits a session with POST /v1/sessions/{id} and marks a person with POST …/attendance/{userId}', async () => {
    const { session, organizerToken } = await publishedSession();
    const edited = await api<Session>('POST', `/v1/sessions/${session.id}`, { token: organizerToken, body: { title: '改过名字的联合教研' } });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('改过名字的联合教研');
    const marked = await api<Attendance>('POST', `/v1/sessions/${session.id}/attendance/u-core-teacher-5`, {
      token: organizerToken,
      body: { status: 'excused', reason: '病假' },
    });
    expect(marked.status).toBe(200);
    expect(marked.body.status).toBe('excused');
    const { token } = await devLogin('core-teacher-5');
    const renamed = await api<{ name: string }>('POST', '/v1/me', { token, body: { name: '陆老师' } });
    expect(renamed.body.name).toBe('陆老师');
    await api('POST', '/v1/me', { token, body: { name: '陆海燕' } });
  });
});

describe('the XLSX export, read by an independent spreadsheet library', () => {
  it('opens in ExcelJS with the roster on 签到表 and the figures on 汇总', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { session, organizerToken } = await publishedSession({ title: 'Excel 导出核对' });
    const token = (await currentQr(session.id, organizerToken)).token;
    await signIn('core-teacher-1', session.id, scan(token));
    await signIn('qingshan-teacher-4', session.id, scan(token));
    const res = await fetch(`${(await import('../support/api.ts')).stack().url}/v1/sessions/${session.id}/attendance?format=xlsx`, {
      headers: { authorization: `Bearer ${organizerToken}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['签到表', '汇总']);
    const sheet = workbook.getWorksheet('签到表')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '姓名', '学校', '状态', '签到时间', '签退时间', '学时', '签到方式', '提示']);
    const rows = [2, 3].map((r) => sheet.getRow(r).values as unknown[]);
    expect(rows.map((r) => [r[1], r[2], r[3], r[4], r[7]])).toEqual([
      [1, '潘立新', '明湖区实验小学', '已签到', 0],
      [2, '唐慧敏', '青山乡中心小学', '已签到', 0],
    ]);
    // 签到时间 is a date-and-time cell in Beijing time: Excel's day number, shown 2026年11月23日 10:05.
    const signedAt = sheet.getRow(2).getCell(5);
    expect(signedAt.value).toBeInstanceOf(Date);
    expect(signedAt.numFmt).toBe('yyyy"年"m"月"d"日" hh:mm');
    const roster = await api<{ items: Array<{ name: string; signedInAt?: string }> }>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken });
    const at = Date.parse(roster.body.items.find((i) => i.name === '潘立新')?.signedInAt ?? '');
    // exceljs reads the day number as if it were UTC: the Beijing wall clock, to the second.
    expect(Math.abs((signedAt.value as Date).getTime() - (at + 8 * 3_600_000))).toBeLessThan(1000);
    const summary = workbook.getWorksheet('汇总')!;
    const figures = Object.fromEntries(summary.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(figures['活动']).toBe('Excel 导出核对');
    expect(figures['已签到']).toBe(2);
  });
});

describe('online sessions: the typed sign-in code', () => {
  it('shows a six-digit code with the QR and signs a teacher in with it, once', async () => {
    const { session, organizerToken } = await publishedSession({ mode: 'online', venue: undefined, geofence: 'off', title: '线上联合教研：单元整体教学' });
    const qr = await currentQr(session.id, organizerToken);
    expect(qr.code).toMatch(/^\d{6}$/);
    expect(Date.parse(qr.codeExpiresAt ?? '')).toBeGreaterThan(Date.now());
    const wrong = String((Number(qr.code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await signIn('donghu-teacher-6', session.id, scan(wrong));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('TOKEN_INVALID');
    const first = await signIn('donghu-teacher-6', session.id, scan(qr.code ?? ''));
    expect(first.status).toBe(201);
    expect(first.body.attendance).toMatchObject({ status: 'on_time', method: 'qr' });
    const again = await signIn('donghu-teacher-6', session.id, scan(qr.code ?? ''));
    expect(again.status).toBe(200);
    expect(again.body.alreadySignedIn).toBe(true);
  });

  it('refuses a code of a window long gone as expired, and any code at a venue session', async () => {
    const online = await publishedSession({ mode: 'online', venue: undefined, geofence: 'off' });
    const old = signInCodeAt(online.session.id, 'in', Date.now() - 20 * MIN);
    const expired = await signIn('donghu-teacher-5', online.session.id, scan(old));
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('TOKEN_EXPIRED');
    const venue = await publishedSession({ geofence: 'off' });
    const code = signInCodeAt(venue.session.id, 'in', Date.now());
    const atVenue = await signIn('donghu-teacher-5', venue.session.id, scan(code));
    expect(atVenue.status).toBe(400);
    expect(atVenue.body.code).toBe('TOKEN_INVALID');
    expect((await currentQr(venue.session.id, venue.organizerToken)).code).toBeUndefined();
  });
});
