import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LEGAL_VERSION, semesterOf, type AuthResult, type Consent, type ParentSchoolReport, type User } from '@lianyan/shared';
import { api, devLogin, uniqueId, wechatLogin } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { familySession, freshClass, listClassOfInvite, newParent, parentInvite } from '../support/family.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

type ErrorBody = { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } };
const consent = (token: string, version: string = LEGAL_VERSION) => api<Consent & ErrorBody>('POST', '/v1/me/consents', { token, body: { version } });

describe('consent to 隐私政策 and 用户协议 (POST /v1/me/consents)', () => {
  it('records the version and time once per user; the profile carries it; a repeat keeps the first time', async () => {
    const login = await wechatLogin(uniqueId('o-consent'));
    expect(login.user.consent).toBeUndefined();
    const before = await api<User>('GET', '/v1/me', { token: login.token });
    expect(before.body.consent).toBeUndefined();

    const first = await consent(login.token);
    expect(first.status).toBe(201);
    expect(first.body.version).toBe(LEGAL_VERSION);
    expect(Number.isFinite(Date.parse(first.body.agreedAt))).toBe(true);
    const again = await consent(login.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const me = await api<User>('GET', '/v1/me', { token: login.token });
    expect(me.body.consent).toEqual(first.body);
    const { db, table } = testTable();
    const history = await db.send(new GetCommand({ TableName: table, Key: { PK: `USER#${login.user.id}`, SK: `CONSENT#${LEGAL_VERSION}` } }));
    expect(history.Item).toMatchObject({ version: LEGAL_VERSION, agreedAt: first.body.agreedAt });
  });

  it('answers agreements sent at once with one record (one 201, the same time)', async () => {
    const login = await wechatLogin(uniqueId('o-consent-race'));
    const answers = await Promise.all(Array.from({ length: 6 }, () => consent(login.token)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => a.status === 201 || a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.agreedAt)).size).toBe(1);
  });

  it('refuses an outdated or malformed version, and a call without a login', async () => {
    const login = await wechatLogin(uniqueId('o-consent-old'));
    const old = await consent(login.token, '2020-01-01');
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('CONSENT_VERSION_OUTDATED');
    expect(old.body.message).toMatch(/请刷新后阅读新版本/);
    const bad = await consent(login.token, 'v1');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await api('POST', '/v1/me/consents', { body: { version: LEGAL_VERSION } })).status).toBe(401);
    expect((await api<User>('GET', '/v1/me', { token: login.token })).body.consent).toBeUndefined();
  });
});

describe('children (PIPL: a guardian consents; name, school, grade and class only)', () => {
  it('refuses a binding without the guardian’s consent, and records it with the binding', async () => {
    const invite = await parentInvite({ maxUses: 3 });
    const className = freshClass();
    await listClassOfInvite(invite.code, className);
    const login = await wechatLogin(uniqueId('o-guardian'));
    const body = { inviteCode: invite.code, childName: '许未同意', className };
    const refused = await api<ErrorBody>('POST', '/v1/parents/bind', { token: login.token, body });
    expect(refused.status).toBe(400);
    expect(refused.body.details?.fieldErrors?.guardianConsent?.[0]).toMatch(/监护人/);
    expect((await api<User>('GET', '/v1/me', { token: login.token })).body.children).toBeUndefined();

    const bound = await api<AuthResult>('POST', '/v1/parents/bind', { token: login.token, body: { ...body, guardianConsent: true } });
    expect(bound.status).toBe(200);
    const child = bound.body.user.children?.[0];
    expect(Object.keys(child ?? {}).sort()).toEqual(['className', 'grade', 'guardianConsentAt', 'id', 'name', 'schoolId', 'schoolName']);
    expect(Number.isFinite(Date.parse(child?.guardianConsentAt ?? ''))).toBe(true);
  });

  it('lets each parent remove the child; the child record goes with the last guardian; another parent’s child is not found', async () => {
    const invite = await parentInvite({ maxUses: 5 });
    const className = freshClass('二年级');
    const childName = `解绑${uniqueId('c').slice(-4)}`;
    const mother = await newParent(invite.code, { childName, className, name: '解绑妈妈' });
    const father = await newParent(invite.code, { childName, className, name: '解绑爸爸' });
    const childId = mother.user.children?.[0]?.id as string;
    expect(father.user.children?.[0]?.id).toBe(childId);
    const { db, table } = testTable();
    const record = () => db.send(new GetCommand({ TableName: table, Key: { PK: `CHILD#${childId}`, SK: 'META' }, ConsistentRead: true }));

    const stranger = await wechatLogin(uniqueId('o-stranger'));
    expect((await api('POST', `/v1/me/children/${childId}/remove`, { token: stranger.token })).status).toBe(404);

    const removed = await api<AuthResult>('POST', `/v1/me/children/${childId}/remove`, { token: mother.token });
    expect(removed.status).toBe(200);
    expect(removed.body.user.children ?? []).toEqual([]);
    expect((await api<User>('GET', '/v1/me', { token: removed.body.token })).body.children ?? []).toEqual([]);
    expect((await record()).Item).toMatchObject({ parentCount: 1 });
    expect((await api<ErrorBody>('DELETE', `/v1/me/children/${childId}`, { token: mother.token })).status).toBe(404);

    expect((await api('DELETE', `/v1/me/children/${childId}`, { token: father.token })).status).toBe(200);
    expect((await record()).Item).toBeUndefined();
    // The school's parent-school report no longer lists the family.
    const { token: admin } = await devLogin('core-admin');
    const report = await api<ParentSchoolReport>('GET', `/v1/schools/sch-core/parent-school?semester=${semesterOf(new Date())}`, { token: admin });
    expect(report.status).toBe(200);
    expect(report.text).not.toContain(childName);
  });

  it('never shows a child’s name in a family session’s roster or briefing', async () => {
    const invite = await parentInvite({ maxUses: 2 });
    const childName = `简报娃${uniqueId('c').slice(-4)}`;
    const parent = await newParent(invite.code, { childName, className: freshClass(), name: '简报家长' });
    const { session, organizerToken } = await familySession({ title: '家庭教育讲座：隐私' });
    expect((await api('POST', `/v1/sessions/${session.id}/registrations`, { token: parent.token })).status).toBe(201);
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: parent.token, body: scan(qr.token) })).status).toBe(201);
    for (const path of ['registrations', 'attendance', 'briefing']) {
      const res = await api('GET', `/v1/sessions/${session.id}/${path}`, { token: organizerToken });
      expect(res.status, path).toBe(200);
      // The roster and attendance name the parent who came; the briefing only counts.
      expect(res.text, path).toContain(path === 'briefing' ? '"signedIn":1' : '简报家长');
      expect(res.text, path).not.toContain(childName);
    }
  });
});

describe('minimisation at sign-in', () => {
  it('keeps the distance and the geofence outcome, not the coordinates', async () => {
    const { session, organizerToken } = await publishedSession({ geofence: 'flag' });
    const { token, user } = await devLogin('core-teacher-2');
    const qr = await currentQr(session.id, organizerToken);
    const here = { lat: 30.2745, lng: 120.1556, accuracy: 20 };
    const res = await api<{ attendance: { distanceM?: number; flags: string[] } }>('POST', `/v1/sessions/${session.id}/sign-ins`, { token, body: scan(qr.token, { location: here }) });
    expect(res.status).toBe(201);
    expect(res.body.attendance.distanceM).toBeGreaterThan(0);
    const { db, table } = testTable();
    const item = (await db.send(new GetCommand({ TableName: table, Key: { PK: `SESSION#${session.id}`, SK: `ATT#${user.id}` } }))).Item ?? {};
    expect(item.distanceM).toBe(res.body.attendance.distanceM);
    expect(JSON.stringify(item)).not.toMatch(/30\.274|120\.155|"lat"|"lng"|location/);
  });
});

