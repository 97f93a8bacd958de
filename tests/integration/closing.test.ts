import { describe, expect, it } from 'vitest';
import type { Roster, SchoolReport, Session } from '@lianyan/shared';
import { api, devLogin } from '../support/api.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

const HOUR = 3_600_000;
type ErrorBody = { code: string; message: string };

const roster = async (id: string, token: string) => (await api<Roster>('GET', `/v1/sessions/${id}/attendance?include=missing`, { token })).body;

/** A qingshan session that ended `endedHoursAgo` ago, published by the demo organizer. */
const endedSession = (endedHoursAgo: number) =>
  publishedSession({
    title: '联合教研：已结束未关闭',
    audience: { type: 'schools', schoolIds: ['sch-qingshan'] },
    startAt: new Date(Date.now() - (endedHoursAgo + 1) * HOUR).toISOString(),
    endAt: new Date(Date.now() - endedHoursAgo * HOUR).toISOString(),
  });

describe('sessions close themselves', () => {
  it('closes a session two hours after its end, writing absences as a manual close does, and says so', async () => {
    const { session, organizerToken } = await endedSession(3);
    const recent = await endedSession(0.5);
    const mark = await api('PUT', `/v1/sessions/${session.id}/attendance/u-qingshan-teacher-1`, { token: organizerToken, body: { status: 'on_time', reason: '纸质签到补录' } });
    expect(mark.status).toBe(200);
    const before = await roster(session.id, organizerToken);
    expect(before.missing?.length).toBeGreaterThan(0);

    // Until closed, the school's report already counts the audience: 应到 does not wait for close.
    const admin = (await devLogin('qingshan-admin')).token;
    const reportBefore = (await api<SchoolReport>('GET', '/v1/reports/schools/sch-qingshan', { token: admin })).body;

    const run = await api<{ closed: number; failed: number }>('POST', '/v1/dev/jobs/auto-close');
    expect(run.status).toBe(200);
    expect(run.body.closed).toBeGreaterThanOrEqual(1);

    const closed = (await api<{ session: Session }>('GET', `/v1/sessions/${session.id}`, { token: organizerToken })).body.session;
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'auto', closedAt: expect.any(String) });
    const after = await roster(session.id, organizerToken);
    expect(after.missing).toEqual([]);
    expect(after.items).toHaveLength(before.items.length + (before.missing?.length ?? 0));
    expect(after.summary.expected).toBe(before.summary.expected);
    expect(after.summary.absent).toBe(before.missing?.length);
    const reportAfter = (await api<SchoolReport>('GET', '/v1/reports/schools/sch-qingshan', { token: admin })).body;
    expect(reportAfter.attendance).toEqual(reportBefore.attendance);
    // The host's report says how many of its sessions closed themselves (the demo organizer hosts at the core school).
    const core = (await api<SchoolReport>('GET', '/v1/reports/schools/sch-core', { token: (await devLogin('core-admin')).token })).body;
    expect(core.hosted.autoClosed).toBeGreaterThanOrEqual(1);

    const notYet = (await api<{ session: Session }>('GET', `/v1/sessions/${recent.session.id}`, { token: recent.organizerToken })).body.session;
    expect(notYet.status).toBe('published');
  });

  it('lets the organizer close earlier, as the organizer', async () => {
    const { session, organizerToken } = await endedSession(0.5);
    const res = await api<Session>('POST', `/v1/sessions/${session.id}/close`, { token: organizerToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', closedBy: 'organizer' });
  });
});

describe('after sign-ins, what records keep is fixed', () => {
  it('refuses to move the start or change the kind, and to cancel, once anyone has a record; other edits go through', async () => {
    const { session, organizerToken } = await publishedSession({ audience: { type: 'schools', schoolIds: ['sch-donghu'] }, geofence: 'off' });
    const untouched = await api<Session>('PATCH', `/v1/sessions/${session.id}`, { token: organizerToken, body: { startAt: new Date(Date.parse(session.startAt) - 60_000).toISOString() } });
    expect(untouched.status).toBe(200);
    const { token } = await devLogin('donghu-teacher-2');
    const signed = await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token, body: scan((await currentQr(session.id, organizerToken)).token) });
    expect(signed.status).toBe(201);

    for (const body of [{ startAt: new Date(Date.parse(session.startAt) + 86_400_000).toISOString() }, { kind: 'training' }]) {
      const res = await api<ErrorBody>('PATCH', `/v1/sessions/${session.id}`, { token: organizerToken, body });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SESSION_HAS_ATTENDANCE');
      expect(res.body.message).toMatch(/不能再修改时间或类型/);
    }
    const cancel = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/cancel`, { token: organizerToken, body: { reason: '改期' } });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('SESSION_HAS_ATTENDANCE');
    expect((await api('PATCH', `/v1/sessions/${session.id}`, { token: organizerToken, body: { title: '联合教研：改了标题' } })).status).toBe(200);
  });
});
