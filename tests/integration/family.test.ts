import { describe, expect, it } from 'vitest';
import type { AuthResult, FamilyHistory, FamilySessions, ParentSchoolReport, RegistrationRoster, RegistrationView, Session, User } from '@lianyan/shared';
import { api, devLogin, stack, wechatLogin, uniqueId } from '../support/api.ts';
import { familySession, freshClass, listClassOfInvite, newParent, parentInvite } from '../support/family.ts';
import { currentQr, scan } from '../support/sessions.ts';

type ErrorBody = { code: string; message: string; details?: Record<string, unknown> };
const HOUR = 3_600_000;

const register = (token: string, sessionId: string) => api<RegistrationView & ErrorBody>('POST', `/v1/sessions/${sessionId}/registrations`, { token });
const cancel = (token: string, sessionId: string) => api<RegistrationView & ErrorBody>('DELETE', `/v1/sessions/${sessionId}/registrations/me`, { token });
const mine = (token: string, sessionId: string) => api<RegistrationView & ErrorBody>('GET', `/v1/sessions/${sessionId}/registrations/me`, { token });

describe('binding a parent to a child (POST /v1/parents/bind)', () => {
  it('binds with a parent invite: the role, the child with its grade, a masked phone; a repeat costs no use', async () => {
    const invite = await parentInvite({ maxUses: 5 });
    const className = freshClass('二年级');
    await listClassOfInvite(invite.code, className);
    const login = await wechatLogin(uniqueId('o-bind'));
    const body = { inviteCode: invite.code.toLowerCase(), childName: '王小雨', className: className.replace('(', '（').replace(')', '）'), name: '王芳', phone: '13812345678', guardianConsent: true };
    const res = await api<AuthResult>('POST', '/v1/parents/bind', { token: login.token, body });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: '王芳', roles: [{ role: 'parent', scope: { schoolId: 'sch-core' } }] });
    expect(res.body.user.children).toEqual([
      expect.objectContaining({ name: '王小雨', schoolId: 'sch-core', schoolName: '明湖区实验小学', grade: '二年级', className, phoneMasked: '138****5678' }),
    ]);
    expect(res.text).not.toContain('13812345678');
    const me = await api<User>('GET', '/v1/me', { token: res.body.token });
    expect(me.body.children?.[0]?.grade).toBe('二年级');
    expect(me.text).not.toContain('13812345678');

    const again = await api<AuthResult>('POST', '/v1/parents/bind', { token: res.body.token, body });
    expect(again.status).toBe(200);
    expect(again.body.user.children).toHaveLength(1);
    const { token } = await devLogin('core-admin');
    const list = await api<{ items: Array<{ code: string; uses: number }> }>('GET', '/v1/invites?schoolId=sch-core', { token });
    expect(list.body.items.find((i) => i.code === invite.code)?.uses).toBe(1);
  });

  it('lets two parents bind to one child and refuses a third', async () => {
    const invite = await parentInvite();
    const className = freshClass();
    const first = await newParent(invite.code, { childName: '李乐乐', className });
    const second = await newParent(invite.code, { childName: '李乐乐', className });
    expect(second.user.children?.[0]?.id).toBe(first.user.children?.[0]?.id);
    const third = await wechatLogin(uniqueId('o-third'));
    const res = await api<ErrorBody>('POST', '/v1/parents/bind', { token: third.token, body: { inviteCode: invite.code, childName: '李乐乐', className, guardianConsent: true } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CHILD_PARENTS_FULL', message: expect.stringMatching(/两位家长/) });
  });

  it('refuses a teacher invite, a class that does not match the class invite, and a class it cannot read', async () => {
    const { token: adminToken } = await devLogin('core-admin');
    const teacherInvite = await api<{ code: string }>('POST', '/v1/invites', { token: adminToken, body: { role: 'teacher', scope: { schoolId: 'sch-core' } } });
    const classInvite = await parentInvite({ className: '三年级(2)班' });
    const login = await wechatLogin(uniqueId('o-wrong'));
    const cases: Array<[Record<string, unknown>, number, string, RegExp]> = [
      [{ inviteCode: teacherInvite.body.code, childName: '张三', className: '一年级(1)班', guardianConsent: true }, 400, 'INVITE_NOT_FOR_PARENTS', /家长邀请码/],
      [{ inviteCode: classInvite.code, childName: '张三', className: '三年级(5)班', guardianConsent: true }, 400, 'VALIDATION_FAILED', /三年级\(2\)班/],
      [{ inviteCode: classInvite.code, childName: '张三', className: '火箭班', guardianConsent: true }, 400, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ inviteCode: 'ZZZZZZZZ', childName: '张三', className: '一年级(1)班', guardianConsent: true }, 400, 'INVITE_INVALID', /邀请码无效/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await api<ErrorBody>('POST', '/v1/parents/bind', { token: login.token, body });
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body.message).toMatch(message);
    }
    const ok = await api<AuthResult>('POST', '/v1/parents/bind', { token: login.token, body: { inviteCode: classInvite.code, childName: '张三', className: '三年级（2）班', guardianConsent: true } });
    expect(ok.status).toBe(200);
  });

  it('lets a class teacher invite parents of their own school only', async () => {
    const { token } = await devLogin('core-teacher-2');
    expect((await api('POST', '/v1/invites', { token, body: { role: 'parent', scope: { schoolId: 'sch-core' }, className: '一年级(3)班' } })).status).toBe(201);
    expect((await api('POST', '/v1/invites', { token, body: { role: 'parent', scope: { schoolId: 'sch-qingshan' } } })).status).toBe(403);
    expect((await api('POST', '/v1/invites', { token, body: { role: 'teacher', scope: { schoolId: 'sch-core' } } })).status).toBe(403);
  });
});

describe('family sessions: browse, register, sign in, history', () => {
  it('shows a parent the sessions of their children’s schools and grades, upcoming first, with seats left', async () => {
    const invite = await parentInvite();
    const parent = await newParent(invite.code, { className: freshClass('一年级') });
    const grade1 = await familySession({ title: '幼小衔接：一年级家长会', audience: { type: 'parents', schoolIds: ['sch-core'], grades: ['一年级'] }, capacity: 40, topic: 'kindergarten_primary', speaker: '周老师' });
    const grade6 = await familySession({ title: '小初衔接：六年级家长会', audience: { type: 'parents', schoolIds: ['sch-core'], grades: ['六年级'] }, topic: 'primary_junior' });
    const later = await familySession({
      title: '家长学校：下周活动',
      startAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
      endAt: new Date(Date.now() + 7 * 24 * HOUR + 2 * HOUR).toISOString(),
    });
    const list = await api<FamilySessions>('GET', '/v1/family/sessions', { token: parent.token });
    expect(list.status).toBe(200);
    const ids = list.body.upcoming.map((i) => i.session.id);
    expect(ids).toContain(grade1.session.id);
    expect(ids).toContain(later.session.id);
    expect(ids).not.toContain(grade6.session.id);
    expect(ids.indexOf(grade1.session.id)).toBeLessThan(ids.indexOf(later.session.id));
    expect(list.body.upcoming.find((i) => i.session.id === grade1.session.id)).toMatchObject({ seatsLeft: 40, childNames: [parent.user.children?.[0]?.name] });

    const filtered = await api<FamilySessions>('GET', '/v1/family/sessions?topic=kindergarten_primary', { token: parent.token });
    expect(filtered.body.upcoming.every((i) => i.session.topic === 'kindergarten_primary')).toBe(true);
    expect(filtered.body.upcoming.map((i) => i.session.id)).toContain(grade1.session.id);
    expect((await api('GET', '/v1/family/sessions?topic=rocket', { token: parent.token })).status).toBe(400);
  });

  it('registers once per parent, refuses parents outside the audience and after the deadline', async () => {
    const invite = await parentInvite();
    const parent = await newParent(invite.code, { className: freshClass('一年级') });
    const other = await newParent(invite.code, { className: freshClass('五年级') });
    const { session } = await familySession({ audience: { type: 'parents', schoolIds: ['sch-core'], grades: ['一年级'] }, capacity: 10 });
    const first = await register(parent.token, session.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ registration: { status: 'registered', userId: parent.user.id }, seatsLeft: 9 });
    const repeat = await register(parent.token, session.id);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ alreadyRegistered: true, seatsLeft: 9 });
    const outsider = await register(other.token, session.id);
    expect(outsider.status).toBe(403);
    expect(outsider.body).toMatchObject({ code: 'NOT_IN_AUDIENCE', message: '你的孩子不在本次活动的参与范围' });

    const closed = await familySession({ capacity: 10, registrationDeadline: new Date(Date.now() - 60_000).toISOString() });
    const late = await register(parent.token, closed.session.id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'REGISTRATION_CLOSED', message: expect.stringMatching(/报名已于 .* 截止/) });

    const cancelled = await familySession({ capacity: 10 });
    await api('POST', `/v1/sessions/${cancelled.session.id}/cancel`, { token: cancelled.organizerToken, body: { reason: '天气原因延期' } });
    expect((await register(parent.token, cancelled.session.id)).body.code).toBe('REGISTRATION_CLOSED');
  });

  it('puts parents on the waitlist when full (201 with the place, a success) and promotes the head on a cancel', async () => {
    const invite = await parentInvite();
    const className = freshClass('三年级');
    const parents = [];
    for (let i = 0; i < 4; i++) parents.push(await newParent(invite.code, { className }));
    const [a, b, c, d] = parents as [typeof parents[0], typeof parents[0], typeof parents[0], typeof parents[0]];
    const { session, organizerToken } = await familySession({ capacity: 2, cancelDeadline: new Date(Date.now() + 30 * 60_000).toISOString() });
    expect((await register(a.token, session.id)).status).toBe(201);
    expect((await register(b.token, session.id)).status).toBe(201);
    const third = await register(c.token, session.id);
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ waitlistPosition: 1, registration: { status: 'waitlisted' } });
    const fourth = await register(d.token, session.id);
    expect(fourth.status).toBe(201);
    expect(fourth.body).toMatchObject({ waitlistPosition: 2 });
    const again = await register(d.token, session.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ waitlistPosition: 2, alreadyRegistered: true });

    const gone = await cancel(a.token, session.id);
    expect(gone.status).toBe(200);
    expect(gone.body.registration.status).toBe('cancelled');
    expect((await mine(c.token, session.id)).body).toMatchObject({ registration: { status: 'registered', promotedAt: expect.any(String) }, seatsLeft: 0 });
    expect((await mine(d.token, session.id)).body).toMatchObject({ registration: { status: 'waitlisted' }, waitlistPosition: 1 });
    expect((await cancel(a.token, session.id)).status).toBe(200);

    const roster = await api<RegistrationRoster>('GET', `/v1/sessions/${session.id}/registrations`, { token: organizerToken });
    expect(roster.body).toMatchObject({ capacity: 2, taken: 2 });
    expect(roster.body.registered.map((r) => r.userId).sort()).toEqual([b.user.id, c.user.id].sort());
    expect(roster.body.waitlist.map((r) => [r.userId, r.position])).toEqual([[d.user.id, 1]]);
    expect((await api('GET', `/v1/sessions/${session.id}/registrations`, { token: b.token })).status).toBe(403);

    // Leaving the waitlist, then a seat given back with nobody waiting: a seat opens.
    expect((await cancel(d.token, session.id)).body.registration.status).toBe('cancelled');
    expect((await cancel(b.token, session.id)).body.seatsLeft).toBe(1);
    // A larger capacity moves nobody when nobody waits; a cancelled parent may register again.
    expect((await register(a.token, session.id)).status).toBe(201);
  });

  it('refuses SESSION_FULL without a place when the session keeps no waitlist, and cancelling after the deadline', async () => {
    const invite = await parentInvite();
    const className = freshClass('四年级');
    const a = await newParent(invite.code, { className });
    const b = await newParent(invite.code, { className });
    const { session } = await familySession({ capacity: 1, waitlist: false, cancelDeadline: new Date(Date.now() - 60_000).toISOString() });
    expect((await register(a.token, session.id)).status).toBe(201);
    const full = await register(b.token, session.id);
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'SESSION_FULL', message: '名额已满，本活动不设候补' });
    expect(full.body.details).toBeUndefined();
    expect((await mine(b.token, session.id)).status).toBe(404);
    const late = await cancel(a.token, session.id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'REGISTRATION_CLOSED', message: expect.stringMatching(/取消报名已于/) });
  });

  it('signs a parent in by QR; the history shows the hours per school year and the materials', async () => {
    const invite = await parentInvite();
    const parent = await newParent(invite.code, { className: freshClass('一年级') });
    const outsider = await newParent(invite.code, { className: freshClass('六年级') });
    const materials = [{ title: '讲座课件', url: 'https://files.example.cn/slides.pdf', kind: 'slides' as const }];
    const { session, organizerToken } = await familySession({ audience: { type: 'parents', schoolIds: ['sch-core'], grades: ['一年级'] }, capacity: 5, materials });
    expect((await register(parent.token, session.id)).status).toBe(201);
    const before = await api<FamilySessions>('GET', '/v1/family/sessions', { token: parent.token });
    expect(before.body.upcoming.find((i) => i.session.id === session.id)?.session.materials).toBeUndefined();
    expect((await api<{ session: { materials?: unknown } }>('GET', `/v1/sessions/${session.id}`, { token: parent.token })).body.session.materials).toBeUndefined();

    const qr = await currentQr(session.id, organizerToken);
    const signed = await api<{ attendance: { status: string; creditedHours: number } }>('POST', `/v1/sessions/${session.id}/sign-ins`, { token: parent.token, body: scan(qr.token) });
    expect(signed.status).toBe(201);
    expect(signed.body.attendance).toMatchObject({ status: 'on_time', creditedHours: 1.5 });
    const refused = await api<ErrorBody>('POST', `/v1/sessions/${session.id}/sign-ins`, { token: outsider.token, body: scan(qr.token) });
    expect(refused.body.code).toBe('NOT_IN_AUDIENCE');

    const after = await api<FamilySessions>('GET', '/v1/family/sessions', { token: parent.token });
    expect(after.body.upcoming.find((i) => i.session.id === session.id)).toMatchObject({ session: { materials }, attendance: { status: 'on_time' } });
    const history = await api<FamilyHistory>('GET', '/v1/family/history', { token: parent.token });
    expect(history.status).toBe(200);
    const year = history.body.years[0];
    expect(year?.schoolYear).toMatch(/^\d{4}-\d{4}$/);
    expect(year?.hours).toBe(1.5);
    expect(year?.sessions).toEqual([expect.objectContaining({ sessionId: session.id, hours: 1.5, materials })]);
    expect(history.body.totalHours).toBe(1.5);
  });
});

type Sent = { touser: string; template_id: string; page?: string; data: Record<string, { value: string }>; miniprogram_state?: string };
async function sentMessages(): Promise<Sent[]> {
  const res = await fetch(`${stack().wechatUrl}/__fake/messages`);
  return ((await res.json()) as { messages: Sent[] }).messages;
}

describe('editing a family session', () => {
  it('clears the topic and the live link sent as null, keeps what the edit leaves out, and refuses null elsewhere', async () => {
    const { session, organizerToken: token } = await familySession({
      mode: 'online',
      venue: undefined,
      onlineUrl: 'https://live.example.cn/room/42',
      topic: 'kindergarten_primary',
      speaker: '周老师',
      capacity: 30,
    });
    expect(session).toMatchObject({ topic: 'kindergarten_primary', onlineUrl: 'https://live.example.cn/room/42' });
    const edited = await api<Session>('POST', `/v1/sessions/${session.id}`, { token, body: { topic: null, onlineUrl: null } });
    expect(edited.status).toBe(200);
    expect(edited.body).not.toHaveProperty('topic');
    expect(edited.body).not.toHaveProperty('onlineUrl');
    expect(edited.body).toMatchObject({ speaker: '周老师', capacity: 30 });
    const read = await api<Session>('GET', `/v1/sessions/${session.id}`, { token });
    expect(read.body).not.toHaveProperty('topic');
    expect(read.body).not.toHaveProperty('onlineUrl');
    // Taking the capacity off a full session lets its waitlist in.
    const invite = await parentInvite();
    const className = freshClass('三年级');
    const [first, second] = [await newParent(invite.code, { className }), await newParent(invite.code, { className })];
    const small = await familySession({ capacity: 1 });
    expect((await register(first.token, small.session.id)).status).toBe(201);
    expect((await register(second.token, small.session.id)).body).toMatchObject({ registration: { status: 'waitlisted' } });
    expect((await api('POST', `/v1/sessions/${small.session.id}`, { token: small.organizerToken, body: { capacity: null } })).status).toBe(200);
    expect((await mine(second.token, small.session.id)).body).toMatchObject({ registration: { status: 'registered' } });

    const noTitle = await api<ErrorBody & { details: { fieldErrors?: Record<string, string[]> } }>('POST', `/v1/sessions/${session.id}`, { token, body: { title: null } });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.details.fieldErrors?.title?.[0]).toMatch(/[\u4e00-\u9fa5]/u);
  });
});

describe('reminders before a family session (WeChat subscribe messages, DingTalk work notices)', () => {
  it('sends one reminder to each registered parent through the app they use, once, through the scheduled job', async () => {
    const invite = await parentInvite();
    const className = freshClass('二年级');
    const parent = await newParent(invite.code, { className });
    const dingtalkUserid = uniqueId('ding-parent');
    const onDingtalk = await newParent(invite.code, { className, dingtalkUserid });
    const refusing = await newParent(invite.code, { className });
    await fetch(`${stack().wechatUrl}/__fake/refuse`, { method: 'POST', body: JSON.stringify({ openid: refusing.openid }) });
    const waiting = await newParent(invite.code, { className });
    const start = Date.now() + 3 * HOUR;
    const { session } = await familySession({
      title: '家庭教育讲座：提醒测试（标题很长很长很长很长很长很长）',
      capacity: 3,
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 2 * HOUR).toISOString(),
      registrationDeadline: new Date(start).toISOString(),
      cancelDeadline: new Date(start).toISOString(),
    });
    expect((await register(parent.token, session.id)).status).toBe(201);
    expect((await register(refusing.token, session.id)).status).toBe(201);
    expect((await register(onDingtalk.token, session.id)).status).toBe(201);
    expect((await register(waiting.token, session.id)).status).toBe(201);

    const run = await api<{ sessions: number; sent: number; skipped: number; failed: number }>('POST', '/v1/dev/jobs/reminders');
    expect(run.status).toBe(200);
    expect(run.body.sent).toBeGreaterThanOrEqual(1);
    expect(run.body.failed).toBe(0);
    await api('POST', '/v1/dev/jobs/reminders');

    const messages = await sentMessages();
    const mineOnly = messages.filter((m) => m.touser === parent.openid);
    expect(mineOnly).toHaveLength(1);
    expect(mineOnly[0]).toMatchObject({
      template_id: 'tmpl-local-family-reminder',
      page: `packages/signin/session/index?id=${session.id}`,
      miniprogram_state: 'developer',
      data: { thing1: { value: '家庭教育讲座：提醒测试（标题很长很长很…' }, time2: { value: expect.stringMatching(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/) } },
    });
    expect(messages.some((m) => m.touser === refusing.openid || m.touser === waiting.openid)).toBe(false);

    // The parent who uses DingTalk gets a work notice from the app's agent, once.
    const notices = ((await (await fetch(`${stack().dingtalkUrl}/__fake/messages`)).json()) as { messages: Array<{ agent_id: string; userid_list: string; msg: { msgtype: string; markdown: { title: string; text: string } } }> }).messages;
    const theirs = notices.filter((n) => n.userid_list === dingtalkUserid);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ agent_id: '3000000001', msg: { msgtype: 'markdown', markdown: { title: `活动开始提醒：${session.title}` } } });
    expect(theirs[0]!.msg.markdown.text).toContain('请准时到场，扫描现场二维码签到。');
  });
});

describe('the school admin’s parent-school report', () => {
  it('counts attendance per grade and class, lists families that never came with masked phones, and checks the quota', async () => {
    const invite = await parentInvite();
    const className = freshClass('一年级');
    const came = await newParent(invite.code, { className, childName: '陈一', name: '陈爸爸' });
    const away = await newParent(invite.code, { className, childName: '陈二', name: '陈妈妈', phone: '13900001111' });
    const { session, organizerToken } = await familySession({ title: '家长学校：统计测试', capacity: 50 });
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: came.token, body: scan(qr.token) })).status).toBe(201);

    const { token } = await devLogin('core-admin');
    const res = await api<ParentSchoolReport>('GET', '/v1/schools/sch-core/parent-school', { token });
    expect(res.status).toBe(200);
    expect(res.body.school).toEqual({ id: 'sch-core', name: '明湖区实验小学' });
    expect(res.body.semester).toMatch(/^\d{4}-\d{4}-[12]$/);
    expect(res.body.quota).toMatchObject({ required: 1, met: true });
    expect(res.body.quota.held).toBeGreaterThanOrEqual(1);
    expect(res.body.sessions.find((s) => s.id === session.id)).toMatchObject({ attended: 1 });
    expect(res.body.classes.find((c) => c.className === className)).toEqual({ grade: '一年级', className, families: 2, attendedFamilies: 1, attendances: 1 });
    expect(res.body.grades.find((g) => g.grade === '一年级')?.families).toBeGreaterThanOrEqual(2);
    expect(res.body.neverAttended.find((f) => f.childName === '陈二')).toEqual({ childName: '陈二', grade: '一年级', className, parents: [{ name: '陈妈妈', phoneMasked: '139****1111' }] });
    expect(res.body.neverAttended.some((f) => f.childName === '陈一')).toBe(false);
    expect(res.text).not.toContain('13900001111');
    expect(away.user.id).toBeTruthy();

    const file = await api('GET', '/v1/schools/sch-core/parent-school?format=xlsx', { token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent('家长学校统计'));

    const quiet = await api<ParentSchoolReport>('GET', '/v1/schools/sch-east2/parent-school', { token: (await devLogin('east2-admin')).token });
    expect(quiet.body.quota).toEqual({ required: 1, held: 0, met: false });
    expect((await api('GET', '/v1/schools/sch-core/parent-school', { token: (await devLogin('east2-admin')).token })).status).toBe(403);
    expect((await api('GET', '/v1/schools/sch-core/parent-school', { token: came.token })).status).toBe(403);
    expect((await api('GET', '/v1/schools/sch-core/parent-school?semester=2026', { token })).status).toBe(400);
  });
});
