import { createHmac, randomUUID } from 'node:crypto';
import type { AuthResult, Session } from '@lianyan/shared';
import type { InProcessStack, Invocation } from '../support/inproc.ts';
import { makeSessionInput } from '../support/sessions.ts';
import type { MatrixRole, Scope } from './matrix.ts';

// The people and things the authorization matrix calls with: the demo federation's (own, 城东) and the seed's second
// demo federation, fed-xiqu (other, 西区), with a few people of its own added here.


/** The calendar day (UTC) `offset` days from now: fixtures' dates relative to today, within the services' bounds. */
const dayFromNow = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const OTHER = { federationId: 'fed-xiqu', schoolId: 'sch-xiqu-core' } as const;
const OTHER_SCHOOL_NAME = '明湖区西区实验学校';

/** The second federation's own dev accounts, from the seed: its federation admin and its core school's admin. */
export const OTHER_ADMINS = { federationAdmin: 'xiqu-fed-admin', schoolAdmin: 'xiqu-core-admin' } as const;

const ACTORS: Record<Exclude<MatrixRole, 'anonymous'>, string> = {
  teacher: 'core-teacher-1',
  parent: 'parent-1',
  organizer: 'pure-organizer',
  schoolAdmin: 'core-admin',
  federationAdmin: 'fed-admin',
  districtAdmin: 'district-admin',
};

export async function makeWorld(app: InProcessStack) {
  const { makeFederationRepository } = await import('@lianyan/functions/repositories/federations');
  const { makeUserRepository } = await import('@lianyan/functions/repositories/users');
  const { makeOrganizationRepository } = await import('@lianyan/functions/repositories/organization');
  const { XLSX_CONTENT_TYPE, addDays, currentSchoolYear, shanghaiDay } = await import('@lianyan/shared');
  const ctx = { db: app.db, table: app.stack.tableName };
  const users = makeUserRepository(ctx);
  const createdAt = new Date(Date.now() - 86_400_000).toISOString();
  // The second federation is the seed's: the world stands on what a demo start has.
  if (!(await makeFederationRepository(ctx).getSchool(OTHER.schoolId))) throw new Error(`the seed has no ${OTHER.schoolId}: the second demo federation is missing`);
  const people: Array<[string, string, Parameters<typeof users.createUserWithIdentities>[2]]> = [
    ['pure-organizer', '赵组织', [{ role: 'organizer', scope: { federationId: 'fed-chengdong' } }]],
    ['other-organizer', '钱组织', [{ role: 'organizer', scope: { federationId: OTHER.federationId } }]],
    ['other-teacher', '孙老师', [{ role: 'teacher', scope: { schoolId: OTHER.schoolId } }]],
    ['other-parent', '李家长', [{ role: 'parent', scope: { schoolId: OTHER.schoolId } }]],
    // Never an actor (actors redeem invites and gain roles as the matrix runs): someone written about.
    ['bystander-district', '周区管', [{ role: 'districtAdmin', scope: {} }]],
  ];
  for (const [account, name, roles] of people) {
    await users.createUserWithIdentities({ id: `u-${account}`, name, createdAt }, [{ provider: 'dev', externalId: account }], roles);
  }
  // A 中心教研组 in each federation (the demo federation's groups are the seed's; this one is the matrix's own).
  const { makeGroupRepository } = await import('@lianyan/functions/repositories/groups');
  const groupRepo = makeGroupRepository(ctx);
  const GROUPS = { own: 'grp-authz-own', other: 'grp-authz-other' } as const;
  await groupRepo.create({ id: GROUPS.own, federationId: 'fed-chengdong', subject: '权限', grade: '四年级', name: '四年级权限中心教研组', leaderId: 'u-east2-teacher-1', createdAt });
  await groupRepo.create({ id: GROUPS.other, federationId: OTHER.federationId, subject: '权限', grade: '四年级', name: '四年级权限中心教研组', leaderId: 'u-other-teacher', createdAt });
  await users.putChild('u-other-parent', { id: 'child-other-1', name: '小西', schoolId: OTHER.schoolId, schoolName: OTHER_SCHOOL_NAME, grade: '一年级', className: '一年级(1)班' });

  const logins: Record<string, AuthResult> = {};
  for (const account of [...Object.values(ACTORS), ...Object.values(OTHER_ADMINS), 'other-organizer', 'other-teacher', 'other-parent', 'core-teacher-2', 'east2-teacher-1']) logins[account] = await app.login(account);
  const tokenOf = (account: string) => logins[account]!.token;
  const pairs = new Map<string, string>();
  const organizerOf = (scope: Scope | 'otherFederation') => tokenOf(scope === 'own' ? 'pure-organizer' : 'other-organizer');

  async function call(name: string, input: Invocation) {
    const res = await app.invoke(name, input);
    if (res.status >= 300) throw new Error(`${name}: ${res.status} ${res.text}`);
    return res.json as Record<string, unknown>;
  }

  /** A session of this scope's federation, published unless asked for a draft; `overrides` for kind and audience. */
  async function newSession(scope: Scope, options: { publish?: boolean; overrides?: Record<string, unknown> } = {}) {
    const token = organizerOf(scope);
    const body = makeSessionInput({ geofence: 'off', hostSchoolId: scope === 'own' ? 'sch-core' : OTHER.schoolId, ...options.overrides } as never);
    const created = (await call('createSession', { token, body })) as unknown as Session;
    if (options.publish === false) return created.id;
    await call('publishSession', { token, params: { id: created.id } });
    return created.id;
  }

  const familyOverrides = (scope: Scope) => {
    const open = new Date(Date.now() + 80 * 60_000).toISOString();
    return {
      kind: 'family_education',
      title: '家庭教育讲座：权限',
      audience: { type: 'parents', schoolIds: [scope === 'own' ? 'sch-core' : OTHER.schoolId] },
      registrationRequired: true,
      registrationDeadline: open,
      cancelDeadline: open,
      signOutRequired: false,
      capacity: 100,
    };
  };
  const newFamilySession = (scope: Scope) => newSession(scope, { overrides: familyOverrides(scope) });

  const sessions = { own: await newSession('own'), other: await newSession('other'), ownOther: await newSession('own') };
  const familySessions = { own: await newFamilySession('own'), other: await newFamilySession('other') };
  const displayKey = new URL(String((await call('getDisplayLink', { token: organizerOf('own'), params: { id: sessions.own } })).url)).searchParams.get('key') ?? '';
  const printUrl = new URL(String((await call('getArchivePrintLink', { token: tokenOf('core-teacher-1') })).url));
  const printToken = printUrl.searchParams.get('t') ?? '';
  const qrSecret = app.qrSecret;
  const qr = (sessionId: string, purpose: 'in' | 'out') =>
    createHmac('sha256', qrSecret).update(`${sessionId}|${purpose}|${Math.floor(Date.now() / 10_000)}`).digest('base64url').slice(0, 22);

  /** A daily campaign running from today, of this scope's federation: for its teachers (one school) or its parents. */
  const campaignInput = (scope: Scope, audience: 'teachers' | 'parents' = 'teachers') => {
    const today = shanghaiDay(new Date());
    const schoolIds = [scope === 'own' ? 'sch-core' : OTHER.schoolId];
    return {
      federationId: scope === 'own' ? 'fed-chengdong' : OTHER.federationId,
      title: `权限测试打卡${randomUUID().slice(0, 6)}`,
      audience: audience === 'parents' ? { type: 'parents', schoolIds } : { type: 'schools', schoolIds },
      period: 'daily',
      requiredCount: 1,
      startDate: today,
      endDate: addDays(today, 30),
    };
  };
  /** A campaign made by this scope's federation's organizer. */
  const newCampaign = async (scope: Scope, audience: 'teachers' | 'parents' = 'teachers') =>
    String((await call('createCampaign', { token: organizerOf(scope), body: campaignInput(scope, audience) })).id);
  const campaigns = {
    teachers: { own: await newCampaign('own'), other: await newCampaign('other') },
    parents: { own: await newCampaign('own', 'parents'), other: await newCampaign('other', 'parents') },
  };

  // 活动档案: an upload of a person's (bytes sent to the local store), a file attached to a session, a briefing link.
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f3d6a60000000049454e44ae426082', 'hex');
  async function uploadOf(account: string) {
    const ticket = await call('createUpload', { token: tokenOf(account), body: { fileName: '现场.png', contentType: 'image/png', size: PNG.length } });
    const link = new URL(String(ticket.url));
    const put = await fetch(`${app.stack.url}${link.pathname}${link.search}`, { method: 'PUT', headers: (ticket.headers ?? {}) as Record<string, string>, body: PNG });
    if (!put.ok) throw new Error(`upload: ${put.status} ${await put.text()}`);
    return String(ticket.uploadId ?? ticket.id);
  }
  async function attachedFile(sessionId: string, scope: Scope) {
    const account = scope === 'own' ? 'pure-organizer' : 'other-organizer';
    const files = await call('attachSessionFiles', { token: tokenOf(account), params: { id: sessionId }, body: { category: 'photo', uploadIds: [await uploadOf(account)] } });
    return String((files.items as Array<{ id: string }>)[0]!.id);
  }
  const reflectionRequest = () => ({ minLength: 10, deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  /** A session of this scope asking for reflections; `attendee` signed in to it first when they can (parents: a family session they registered for). */
  async function reflectionSession(scope: Scope, attendee?: MatrixRole) {
    const parent = attendee === 'parent';
    const id = parent ? await registered(scope) : await newSession(scope);
    if (attendee === 'teacher' || parent) {
      const account = ACTORS[attendee];
      await app.invoke('signIn', { token: tokenOf(account), params: { id }, body: { token: qr(id, 'in'), deviceId: `dev-${randomUUID()}`, nonce: randomUUID() } });
    }
    await call('requestReflections', { token: organizerOf(scope), params: { id }, body: reflectionRequest() });
    return id;
  }
  async function registered(scope: Scope) {
    const id = await newFamilySession(scope);
    await app.invoke('createRegistration', { token: tokenOf(scope === 'own' ? 'parent-1' : 'other-parent'), params: { id } });
    return id;
  }
  const briefingToken = new URL(String((await call('getBriefingLink', { token: organizerOf('own'), params: { id: sessions.own } })).url)).searchParams.get('t') ?? '';

  // Reach: a session of sch-core's teachers only (hosted by sch-core), for writes about people in and out of it.
  const coreOnly = { audience: { type: 'schools', schoolIds: ['sch-core'] } };
  const reachSession = await newSession('own', { overrides: coreOnly });
  const userOf = (account: string) => `u-${account}`;
  async function rosterHas(sessionId: string, userId: string) {
    const roster = await call('getAttendance', { token: organizerOf('own'), params: { id: sessionId } });
    return (roster.items as Array<{ userId: string }>).some((a) => a.userId === userId);
  }
  const sessionOfReach = async (id: string) => (await call('getSession', { token: organizerOf('own'), params: { id } })).session as Session;
  /** A reflection core-teacher-1 signed in for and submitted, on a fresh session. */
  async function submittedReflection() {
    const id = await reflectionSession('own', 'teacher');
    await call('saveMyReflection', { token: tokenOf('core-teacher-1'), params: { id }, body: { text: '听课后的一点体会：先学后教，课堂更活。', submit: true } });
    return id;
  }

  // 教师名册导入: a one-teacher file uploaded by the actor, and a preview (by the district admin) of a school's file.
  const { xlsx } = await import('@lianyan/functions/lib/xlsx');
  const rosterFile = () => xlsx([{ name: '教师名册', rows: [['姓名', '手机号'], ['矩阵导入老师', `135${String(Date.now() % 1e6).padStart(6, '0')}${randomUUID().replace(/\D/g, '').slice(0, 2).padEnd(2, '0')}`]] }]);
  async function importUploadOf(account: string) {
    const bytes = rosterFile();
    const ticket = await call('createUpload', { token: tokenOf(account), body: { fileName: '名册.xlsx', contentType: XLSX_CONTENT_TYPE, size: bytes.length, purpose: 'import' } });
    const link = new URL(String(ticket.url));
    const put = await fetch(`${app.stack.url}${link.pathname}${link.search}`, { method: 'PUT', headers: (ticket.headers ?? {}) as Record<string, string>, body: bytes });
    if (!put.ok) throw new Error(`import upload: ${put.status} ${await put.text()}`);
    return String(ticket.uploadId);
  }

  const { makeObservationWorld } = await import('./observations.ts');
  const observations = await makeObservationWorld(call, tokenOf);

  const entryInput = () => ({ kind: 'training', title: `权限测试培训${randomUUID().slice(0, 6)}`, provider: '区教师发展中心', hours: 2, date: '2026-01-10' });

  return {
    sessions,
    familySessions,
    displayKey,
    /** The current QR token of a session (10-second windows, the default). */
    qr,
    printToken,
    // The payload names another teacher; the signature is still the original one.
    forgedPrintToken: forge(printToken),
    newSession: (scope: Scope, options: { publish?: boolean } = {}) => newSession(scope, options),
    newFamilySession,
    token: (role: MatrixRole) => (role === 'anonymous' ? undefined : tokenOf(ACTORS[role])),
    /** The second federation's own admins (seeded), for the other direction: 西区 on 城东. */
    otherAdminToken: (role: keyof typeof OTHER_ADMINS) => tokenOf(OTHER_ADMINS[role]),
    refreshToken: (role: Exclude<MatrixRole, 'anonymous'>) => logins[ACTORS[role]]!.refreshToken,
    nameOf: (role: MatrixRole) => (role === 'anonymous' ? '匿名' : logins[ACTORS[role]]!.user.name),
    federationOf: (scope: Scope) => (scope === 'own' ? 'fed-chengdong' : OTHER.federationId),
    schoolOf: (scope: Scope) => (scope === 'own' ? 'sch-core' : OTHER.schoolId),
    groupOf: (scope: Scope) => GROUPS[scope],
    observations,
    teacherOf: (scope: Scope) => (scope === 'own' ? 'u-core-teacher-1' : 'u-other-teacher'),
    sessionInput: (overrides: Record<string, unknown>) => makeSessionInput({ geofence: 'off', ...overrides } as never),
    entryInput,

    async wechatCode() {
      const res = await fetch(`${app.stack.wechat.url}/__fake/codes`, { method: 'POST', body: JSON.stringify({ openid: `o-authz-${randomUUID()}` }) });
      return ((await res.json()) as { code: string }).code;
    },
    async dingtalkCode() {
      const res = await fetch(`${app.stack.dingtalk.url}/__fake/codes`, { method: 'POST', body: JSON.stringify({ userid: `ding-${randomUUID()}`, name: '钉钉用户' }) });
      return ((await res.json()) as { code: string }).code;
    },

    /** A pending account deletion (注销) of the role's account, so that cancelling it has something to cancel. */
    async pendingDeletion(role: MatrixRole) {
      if (role === 'anonymous') return;
      const now = new Date();
      await users.requestDeletion(logins[ACTORS[role]]!.user.id, now.toISOString(), new Date(now.getTime() + 15 * 86_400_000).toISOString());
    },

    /** An invite request within the role's own scope, or the same kind of scope in the other federation. */
    inviteRequest(role: MatrixRole, scope: Scope) {
      const school = scope === 'own' ? 'sch-core' : OTHER.schoolId;
      const federation = scope === 'own' ? 'fed-chengdong' : OTHER.federationId;
      if (role === 'teacher' || role === 'parent') return { role: 'parent', scope: { schoolId: school } };
      if (role === 'schoolAdmin' || role === 'organizer' || role === 'anonymous') return { role: 'teacher', scope: { schoolId: school } };
      return { role: 'organizer', scope: { federationId: federation } };
    },
    async newInviteCode(role: 'teacher') {
      return String((await call('createInvite', { token: tokenOf('core-admin'), body: { role, scope: { schoolId: 'sch-core' }, maxUses: 5 } })).code);
    },
    /**
     * A member school (not core) of this scope's federation with a move to the other federation pending from next year,
     * for a call that cancels it (asked again when a refused call left it pending; never applied: no rollover runs here).
     */
    async pendingMoveSchool(scope: Scope) {
      const [schoolId, to] = scope === 'own' ? ['sch-donghu', OTHER.federationId] : ['sch-xiqu-hexi', 'fed-chengdong'];
      const school = await makeFederationRepository(ctx).getSchool(schoolId);
      if (!school) throw new Error(`the seed has no ${schoolId}`);
      const year = Number(currentSchoolYear().slice(0, 4)) + 1;
      if (!school.pendingMove) {
        await makeOrganizationRepository(ctx).requestMove(school, { federationId: to, fromSchoolYear: `${year}-${year + 1}`, requestedBy: 'u-authz', requestedAt: new Date().toISOString() });
      }
      return schoolId;
    },
    /** A teacher on this scope's school roster (added by the district admin), for a call that changes them. */
    async newPerson(scope: Scope) {
      const phone = `136${String(Date.now() % 1e6).padStart(6, '0')}${randomUUID().replace(/\D/g, '').slice(0, 2).padEnd(2, '0')}`;
      const person = await call('createPerson', { token: tokenOf(ACTORS.districtAdmin), params: { id: scope === 'own' ? 'sch-core' : OTHER.schoolId }, body: { name: '将离校老师', phone } });
      return String(person.id);
    },
    /**
     * 交流轮岗: a fresh exchange of a fresh teacher, registered by the district admin, on days far from the demo's
     * current semester (its figures stay as they are). Own: from sch-east2 to sch-core (core-admin is the host's admin);
     * other: within fed-xiqu. `ended`: in the past, ready for assessment.
     */
    /** The calendar day `offset` days from now (fixtures' dates relative to today). */
    day: dayFromNow,
    async newExchange(scope: Scope, options: { ended?: boolean } = {}) {
      const from = scope === 'own' ? 'sch-east2' : 'sch-xiqu-hexi';
      const to = scope === 'own' ? 'sch-core' : OTHER.schoolId;
      const phone = `134${String(Date.now() % 1e6).padStart(6, '0')}${randomUUID().replace(/\D/g, '').slice(0, 2).padEnd(2, '0')}`;
      const person = await call('createPerson', { token: tokenOf(ACTORS.districtAdmin), params: { id: from }, body: { name: '交流老师', phone } });
      // About 23 months back or ahead: a semester no other row's figures read, within the register's two-year bounds.
      const day = dayFromNow;
      const [startDate, endDate] = options.ended ? [day(-700), day(-640)] : [day(640), day(700)];
      const body = { userId: String(person.id), fromSchoolId: from, toSchoolId: to, kind: 'backbone', startDate, endDate };
      const made = await call('createExchange', { token: tokenOf(ACTORS.districtAdmin), params: { id: scope === 'own' ? 'fed-chengdong' : OTHER.federationId }, body });
      return { id: String(made.id), userId: String(person.id), from, to };
    },
    async removeExchange(id: string) {
      const res = await app.invoke('deleteExchange', { token: tokenOf(ACTORS.districtAdmin), params: { id } });
      if (res.status !== 204) throw new Error(`deleteExchange: ${res.status} ${res.text}`);
    },
    /** An import file uploaded by the role's actor (the teacher's for anonymous). */
    importUpload: (role: MatrixRole) => importUploadOf(role === 'anonymous' ? ACTORS.teacher : ACTORS[role]),
    /** A fresh, valid preview of a one-teacher file for this scope's school, made by the district admin. */
    async importPreview(scope: Scope) {
      const uploadId = await importUploadOf(ACTORS.districtAdmin);
      const preview = await call('createImport', { token: tokenOf(ACTORS.districtAdmin), body: { kind: 'teachers', schoolId: scope === 'own' ? 'sch-core' : OTHER.schoolId, uploadId } });
      return String(preview.id);
    },
    bindRequest: () => ({ inviteCode: 'JZXX2026', childName: `孩${randomUUID().slice(0, 4)}`, className: '一年级(9)班', name: '权限家长', guardianConsent: true }),
    /** A child bound to the caller (own) or to another federation's parent (other), for a removal. */
    async newChild(role: MatrixRole, scope: Scope) {
      const id = `child-${randomUUID().slice(0, 8)}`;
      const parentId = scope === 'own' && role !== 'anonymous' ? logins[ACTORS[role]]!.user.id : 'u-other-parent';
      await users.putChild(parentId, { id, name: '待解绑', schoolId: OTHER.schoolId, schoolName: OTHER_SCHOOL_NAME, grade: '一年级', className: '一年级(1)班' });
      return id;
    },

    /** Own: the caller's archive (a teacher's own; an admin reads a teacher of their school). Other: another teacher's. */
    archiveQuery(scope: Scope, role: MatrixRole): Pick<Invocation, 'query'> {
      if (role === 'teacher') return scope === 'own' ? {} : { query: { userId: 'u-core-teacher-2' } };
      return { query: { userId: scope === 'own' ? 'u-core-teacher-1' : 'u-other-teacher' } };
    },
    /** A pending entry: the own teacher's, another teacher's of the same school, or one in the other federation. */
    async newEntry(owner: Scope | 'otherFederation' | 'otherSchool') {
      const account = { own: 'core-teacher-1', other: 'core-teacher-2', otherFederation: 'other-teacher', otherSchool: 'east2-teacher-1' }[owner];
      const res = await call('createArchiveEntry', { token: tokenOf(account), body: entryInput() });
      return String(((res.entry ?? res) as { id: string }).id);
    },

    /** A sign-in (or, signed in first, a sign-out) with the current code: teachers to a session, parents to a family session. */
    async signInRequest(role: MatrixRole, scope: Scope, purpose: 'in' | 'out'): Promise<Invocation> {
      const family = role === 'parent';
      const id = family ? await newFamilySession(scope) : await newSession(scope);
      const token = role === 'anonymous' ? undefined : tokenOf(ACTORS[role]);
      const body = (p: 'in' | 'out') => ({ token: qr(id, p), deviceId: `dev-${randomUUID()}`, nonce: randomUUID() });
      if (purpose === 'out' && token) await app.invoke('signIn', { token, params: { id }, body: body('in') });
      return { ...(token ? { token } : {}), params: { id }, body: body(purpose) };
    },

    campaignInput,
    /** A campaign of this scope's federation the role would take part in if it were its own: parents' for a parent, else teachers'. */
    campaignOf: (scope: Scope, role: MatrixRole) => campaigns[role === 'parent' ? 'parents' : 'teachers'][scope],
    /** A check-in to a fresh campaign (one check-in per period and person) of this scope's federation: teachers' or, for a parent, parents'. */
    async checkInRequest(role: MatrixRole, scope: Scope): Promise<Invocation> {
      const id = await newCampaign(scope, role === 'parent' ? 'parents' : 'teachers');
      const token = role === 'anonymous' ? undefined : tokenOf(ACTORS[role]);
      return { ...(token ? { token } : {}), params: { id }, body: { text: '今天读完了《给教师的建议》第三章，记下两条可用的做法。' } };
    },

    /** A 听评课 the caller signed in to when it could (a teacher of that federation). */
    async lessonObserved(scope: Scope, role: MatrixRole) {
      // 评课 by the default observation scale (the lesson's teacher from the roster): it becomes an observation of that teacher.
      const teacherId = scope === 'own' ? 'u-core-teacher-2' : 'u-other-teacher';
      const lesson = { teacherId, teacherName: '周老师', className: '三年级(2)班', topic: '分数的意义' };
      const id = await newSession(scope, { overrides: { kind: 'lesson_observation', scaleId: 'default', lesson } });
      if (role === 'teacher') await app.invoke('signIn', { token: tokenOf('core-teacher-1'), params: { id }, body: { token: qr(id, 'in'), deviceId: 'dev-authz', nonce: randomUUID() } });
      return id;
    },

    /** A family session the demo parent registered for (own), or one of another federation's school (other). */
    registered,

    /**
     * A 师徒结对 registered by the district admin: own at sch-core with the matrix's teacher (core-teacher-1) as the
     * mentee; other at 西区's core school. `fresh`: a new pair (one an evaluation may use up).
     */
    async mentorPair(scope: Scope, fresh = false) {
      const key = `${scope}`;
      if (!fresh && pairs.has(key)) return pairs.get(key)!;
      const body = scope === 'own' ? { mentorId: 'u-core-teacher-2', menteeId: 'u-core-teacher-1' } : { mentorId: 'u-xiqu-teacher-1', menteeId: 'u-other-teacher' };
      const { currentSchoolYear } = await import('@lianyan/shared');
      const pair = await call('createMentorPair', {
        token: tokenOf(ACTORS.districtAdmin),
        params: { id: scope === 'own' ? 'sch-core' : OTHER.schoolId },
        body: { ...body, subject: `权限${randomUUID().slice(0, 6)}`, schoolYear: currentSchoolYear() },
      });
      if (!fresh) pairs.set(key, String(pair.id));
      return String(pair.id);
    },
    mentorPairBody: (scope: Scope) => ({
      ...(scope === 'own' ? { mentorId: 'u-core-teacher-2', menteeId: 'u-core-teacher-1' } : { mentorId: 'u-xiqu-teacher-1', menteeId: 'u-other-teacher' }),
      subject: `矩阵${randomUUID().slice(0, 6)}`,
    }),

    uploadOf: (role: MatrixRole) => (role === 'anonymous' ? Promise.resolve('01JZZZZZZZZZZZZZZZZZZZZZZZ') : uploadOf(ACTORS[role])),
    attachedFile,
    reflectionRequest,
    reflectionSession,
    briefingToken,
    reach: {
      sessionId: reachSession,
      /** A fresh session of sch-core's teachers, hosted by sch-core (one that a call may move or change). */
      newSession: (overrides: Record<string, unknown> = {}) => newSession('own', { overrides: { ...coreOnly, ...overrides } }),
      userOf,
      rosterHas,
      read: sessionOfReach,
      submittedReflection,
      lesson: (teacherId: string) => ({ teacherId, teacherName: '周老师', className: '三年级(2)班', topic: '分数的意义' }),
      /** The draft ids of the observations of a person's lessons (a refused 推门听课 must add none). */
      async observedDrafts(userId: string) {
        const { makeObservationRepository } = await import('@lianyan/functions/repositories/observations');
        return (await makeObservationRepository(ctx).listAllReceived(userId)).map((o) => o.clientId);
      },
    },
    // The payload names another session; the signature is still the original one.
    forgedBriefingToken: forge(briefingToken, { b: sessions.other }),
  };
}
export type AuthzWorld = Awaited<ReturnType<typeof makeWorld>>;

/** The print link's payload swapped for another teacher's, keeping the signature: must not verify. */
function forge(token: string, swap: Record<string, unknown> = { u: 'u-core-teacher-2' }): string {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return `${token}x`;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    return `${Buffer.from(JSON.stringify({ ...data, ...swap })).toString('base64url')}.${signature}`;
  } catch {
    return `${token.slice(0, -2)}xx`;
  }
}
