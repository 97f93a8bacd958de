import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, LEGAL_VERSION, type Invite, type Position, type RoleGrant, type Session, type SessionKind } from '@lianyan/shared';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { inviteItem, makeInviteRepository } from '@lianyan/functions/repositories/invites';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeGroupRepository } from '@lianyan/functions/repositories/groups';
import { makeOrganizationRepository } from '@lianyan/functions/repositories/organization';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { makeAudienceResolver } from '@lianyan/functions/services/audience';
import { makeCloser } from '@lianyan/functions/services/closing';
import { SECOND_ACCOUNTS, seedSecondFederation } from './xiqu.ts';

export const DEMO_FEDERATION_ID = 'fed-chengdong';

export const DEMO_SCHOOLS = [
  { key: 'core', id: 'sch-core', name: '明湖区实验小学', isCore: true, rural: false },
  { key: 'east2', id: 'sch-east2', name: '明湖区城东第二小学', isCore: false, rural: false },
  { key: 'donghu', id: 'sch-donghu', name: '东湖小学', isCore: false, rural: false },
  { key: 'qingshan', id: 'sch-qingshan', name: '青山乡中心小学', isCore: false, rural: true },
] as const;

const SUBJECTS = ['语文', '数学', '英语', '科学', '音乐', '体育'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['晓燕', '建华', '丽娟', '志强', '海燕', '文博', '雅婷', '国庆', '秀英', '俊杰', '静怡', '明轩', '红梅', '思远', '佳琪', '立新', '慧敏', '宇航', '春兰', '子涵'];
const nameAt = (i: number) => `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`;

export interface DemoAccount {
  account: string;
  userId: string;
  name: string;
  roles: RoleGrant[];
  subject?: string;
  position?: Position;
}

/** Every demo account, deterministic: the same ids and names on every machine. */
export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  let n = 0;
  const add = (account: string, roles: RoleGrant[], extra: Partial<DemoAccount> = {}) =>
    accounts.push({ account, userId: `u-${account}`, name: nameAt(n++), roles, ...extra });
  const fed = { federationId: DEMO_FEDERATION_ID };
  add('district-admin', [{ role: 'districtAdmin', scope: {} }]);
  add('fed-admin', [{ role: 'federationAdmin', scope: fed }]);
  add('organizer', [{ role: 'organizer', scope: fed }, { role: 'teacher', scope: { schoolId: 'sch-core' } }], { subject: '语文' });
  for (const school of DEMO_SCHOOLS) {
    const scope = { schoolId: school.id };
    add(`${school.key}-principal`, [{ role: 'teacher', scope }], { subject: '语文', position: 'principal' });
    add(`${school.key}-admin`, [{ role: 'schoolAdmin', scope }]);
    SUBJECTS.forEach((subject, i) =>
      add(`${school.key}-teacher-${i + 1}`, [{ role: 'teacher', scope }], {
        subject,
        position: i === 1 ? 'dean' : 'teacher',
      }),
    );
  }
  for (let i = 1; i <= 4; i++) {
    const school = DEMO_SCHOOLS[i % 2 === 1 ? 0 : 3];
    add(`parent-${i}`, [{ role: 'parent', scope: { schoolId: school.id } }]);
  }
  // The second federation's (西区) accounts come last: every 城东 account keeps its name.
  for (const a of SECOND_ACCOUNTS) add(a.account, a.roles, a.subject ? { subject: a.subject } : {});
  return accounts;
}

export const CHILDREN = [
  { parent: 'parent-1', id: 'child-1', name: '小雨', schoolId: 'sch-core', grade: '一年级', className: '一年级(2)班' },
  { parent: 'parent-1', id: 'child-2', name: '小阳', schoolId: 'sch-core', grade: '四年级', className: '四年级(1)班' },
  { parent: 'parent-2', id: 'child-3', name: '朵朵', schoolId: 'sch-qingshan', grade: '六年级', className: '六年级(1)班' },
  { parent: 'parent-3', id: 'child-4', name: '乐乐', schoolId: 'sch-core', grade: '三年级', className: '三年级(3)班' },
  { parent: 'parent-4', id: 'child-5', name: '天天', schoolId: 'sch-qingshan', grade: '二年级', className: '二年级(1)班' },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The schools of an audience, as the session service would resolve them. */
function resolvedAudience(audience: Session['audience']) {
  const schoolIds = audience.type === 'federation' || audience.type === 'group' ? DEMO_SCHOOLS.map((s) => s.id) : audience.schoolIds;
  return { audienceSchoolIds: [...schoolIds] };
}

const audienceOf = (ctx: TableContext) => makeAudienceResolver({ federations: makeFederationRepository(ctx), users: makeUserRepository(ctx) });

/** Saves a demo session as publishing would: a published one with its audience counted by the service's own resolver. */
async function putDemoSession(ctx: TableContext, s: Session) {
  const expected = s.status === 'published' ? { expectedCount: (await audienceOf(ctx).listMembers(s)).length } : {};
  await makeSessionRepository(ctx).putSession({ ...s, ...expected });
}

/**
 * Closes the demo's past sessions through the one close path (as their organizer, a quarter of an hour after the
 * end), so their absences are written exactly as a real close writes them. Run after the history is seeded.
 */
export async function closeDemoPast(ctx: TableContext, now = new Date()): Promise<number> {
  const sessions = makeSessionRepository(ctx);
  const attendance = makeAttendanceRepository(ctx);
  const audience = audienceOf(ctx);
  let closed = 0;
  for (const s of await sessions.getSessions(demoSessions(now).map((x) => x.id))) {
    if (s.status !== 'published' || Date.parse(s.endAt) > now.getTime() - DAY) continue;
    const at = new Date(Date.parse(s.endAt) + 15 * 60_000);
    if (await makeCloser({ sessions, attendance, audience, clock: { now: () => at } }).close(s, 'organizer')) closed += 1;
  }
  return closed;
}

function session(now: Date, id: string, kind: SessionKind, title: string, startOffsetMs: number, extra: Partial<Session> = {}): Session {
  const start = new Date(Math.floor((now.getTime() + startOffsetMs) / 60_000) * 60_000);
  const audience = extra.audience ?? { type: 'federation' as const };
  return {
    id,
    federationId: DEMO_FEDERATION_ID,
    hostSchoolId: 'sch-core',
    organizerId: 'u-organizer',
    kind,
    mode: 'offline',
    title,
    venue: { name: '明湖区实验小学 报告厅', lat: 30.2741, lng: 120.1551, radiusM: 300 },
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
    signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
    signOutRequired: true,
    creditHours: 2,
    audience: { type: 'federation' },
    registrationRequired: false,
    status: extra.status ?? 'published',
    createdAt: new Date(now.getTime() - 30 * DAY).toISOString(),
    rotateSeconds: 10,
    geofence: 'flag',
    creditRule: { mode: 'proportional', lateGraceMin: 10, earlyLeaveGraceMin: 10 },
    ...extra,
    ...resolvedAudience(audience),
  };
}

/** What a family-education session has on top of a teachers' session. */
function familyExtras(extra: Partial<Session>): Partial<Session> {
  return { registrationRequired: true, signOutRequired: false, creditHours: 1.5, geofence: 'off', ...extra };
}

/**
 * 中心教研组 of the demo federation, with their leaders. The demo's teachers have a subject but no grades, so their
 * members are added by hand (the rule — subject and grade — adds teachers once a roster gives them grades). No session
 * is made for them: the demo's figures stay as they are.
 */
export const DEMO_GROUPS = [
  { id: 'grp-demo-g4-chinese', subject: '语文', grade: '四年级', leader: 'core-teacher-1', members: ['east2-teacher-1', 'donghu-teacher-1', 'qingshan-teacher-1'] },
  { id: 'grp-demo-g6-math', subject: '数学', grade: '六年级', leader: 'east2-teacher-2', members: ['core-teacher-2', 'donghu-teacher-2', 'qingshan-teacher-2'] },
] as const;

async function seedDemoGroups(ctx: TableContext, createdAt: string) {
  const groups = makeGroupRepository(ctx);
  for (const g of DEMO_GROUPS) {
    const name = `${g.grade}${g.subject}中心教研组`;
    await groups.create({ id: g.id, federationId: DEMO_FEDERATION_ID, subject: g.subject, grade: g.grade, name, leaderId: `u-${g.leader}`, createdAt, updatedAt: createdAt });
    await groups.setOverrides(g.id, g.members.map((m) => `u-${m}`), [], createdAt);
  }
}

/** The parent invite printed by `npm start`: parents of 明湖区实验小学 bind their child with it. */
export const DEMO_PARENT_INVITE = 'JZXX2026';

function demoSessions(now: Date): Session[] {
  return [
    session(now, 'ses-past-joint', 'joint_research', '“双减”背景下的作业设计联合教研', -14 * DAY),
    session(now, 'ses-past-observe', 'lesson_observation', '四年级语文《爬山虎的脚》听评课', -7 * DAY, {
      subject: '语文',
      grade: '四年级',
      hostSchoolId: 'sch-east2',
      // Where its 活动方案 (seed/records.ts) holds it: the teaching teacher's own classroom at the host school.
      venue: { name: '明湖区城东第二小学 四年级(2)班教室', lat: 30.2688, lng: 120.1832, radiusM: 300 },
      lesson: { teacherId: 'u-east2-teacher-1', teacherName: '钱子涵', className: '四年级(2)班', topic: '《爬山虎的脚》' },
    }),
    session(now, 'ses-past-outreach', 'outreach', '送教下乡：青山乡中心小学数学专场', -10 * DAY, { hostSchoolId: 'sch-qingshan', subject: '数学', audience: { type: 'schools', schoolIds: ['sch-core', 'sch-qingshan'] } }),
    session(now, 'ses-past-lecture', 'expert_lecture', '专家讲座：大单元教学设计', -3 * DAY, { mode: 'online', venue: undefined }),
    session(now, 'ses-next-prep', 'collective_prep', '初一语文集体备课（中心教研组）', 3 * DAY, { subject: '语文', grade: '初一', audience: { type: 'group', subject: '语文', grade: '初一' } }),
    session(now, 'ses-next-demo', 'demo_lesson', '五年级科学示范课《热的传递》', 7 * DAY, {
      subject: '科学',
      grade: '五年级',
      hostSchoolId: 'sch-donghu',
      lesson: { teacherId: 'u-donghu-teacher-4', teacherName: '邹红梅', className: '五年级(1)班', topic: '《热的传递》' },
    }),
    session(now, 'ses-next-family', 'family_education', '家庭教育讲座：幼小衔接怎么做', 10 * DAY, familyExtras({
      audience: { type: 'parents', schoolIds: ['sch-core', 'sch-qingshan'], grades: ['一年级'] },
      capacity: 100,
      topic: 'kindergarten_primary',
      speaker: '周慧敏（市家庭教育指导中心）',
    })),
    session(now, 'ses-next-parent-school', 'parent_school', '家长学校：小升初的学习习惯与心理准备', 5 * DAY, familyExtras({
      audience: { type: 'parents', schoolIds: ['sch-core', 'sch-qingshan'] },
      capacity: 3,
      topic: 'primary_junior',
      speaker: '林立新（明湖区实验小学德育主任）',
      venue: { name: '明湖区实验小学 多功能厅', lat: 30.2745, lng: 120.1548, radiusM: 300 },
    })),
    session(now, 'ses-next-family-online', 'family_education', '线上讲座：如何陪孩子度过青春期', 12 * DAY, familyExtras({
      mode: 'online',
      venue: undefined,
      onlineUrl: 'https://live.example.cn/family/qingchunqi',
      audience: { type: 'parents', schoolIds: ['sch-core', 'sch-east2', 'sch-donghu', 'sch-qingshan'] },
      speaker: '何佳琪（心理健康教育教师）',
    })),
    session(now, 'ses-past-family', 'family_education', '家庭教育讲座：亲子沟通的三个习惯', -20 * DAY, familyExtras({
      audience: { type: 'parents', schoolIds: ['sch-core', 'sch-qingshan'] },
      capacity: 80,
      speaker: '周慧敏（市家庭教育指导中心）',
      materials: [
        { title: '讲座课件：亲子沟通的三个习惯', url: 'https://files.example.cn/family/communication.pdf', kind: 'slides' },
        { title: '讲座回放', url: 'https://live.example.cn/family/communication/replay', kind: 'video' },
      ],
    })),
    session(now, 'ses-draft-quality', 'quality_analysis', '期中质量分析会', 14 * DAY, { status: 'draft' }),
  ];
}

/**
 * A published joint research session going on at `now`: it started 5 minutes ago and counts as late only 45 minutes
 * after its start, so a sign-in in the next 40 minutes is on time (签到成功, as the README says).
 */
export function liveSession(now: Date): Session {
  const id = `ses-live-${now.toISOString().slice(0, 16).replace(/\D/g, '')}`;
  const base = session(now, id, 'joint_research', '核心校与成员校联合教研：课堂提问的有效性', LIVE_START_IN_MS);
  return { ...base, signIn: { ...base.signIn, lateAfterMin: LIVE_LATE_AFTER_MIN } };
}
const LIVE_START_IN_MS = -5 * 60_000;
const LIVE_LATE_AFTER_MIN = 45;
/** A live session is kept while its on-time window stays open this long (ensureLiveSession). */
const ON_TIME_AHEAD_MS = 10 * 60_000;

export async function seedDemo(ctx: TableContext, now = new Date()): Promise<'seeded' | 'present'> {
  const marker = { PK: 'SEED', SK: 'demo' };
  const existing = await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }));
  if (existing.Item) return 'present';

  const federations = makeFederationRepository(ctx);
  const users = makeUserRepository(ctx);
  await makeOrganizationRepository(ctx).createDistrict({ name: '明湖区', createdAt: new Date(now.getTime() - 60 * DAY).toISOString() });
  await federations.putFederation({ id: DEMO_FEDERATION_ID, name: '明湖区城东教共体', kind: 'alliance', coreSchoolId: 'sch-core', district: '明湖区' });
  await federations.putRules(DEMO_FEDERATION_ID, DEFAULT_RULES);
  for (const s of DEMO_SCHOOLS) {
    await federations.putSchool({ id: s.id, name: s.name, federationId: DEMO_FEDERATION_ID, stage: 'primary', rural: s.rural, isCore: s.isCore });
  }
  const createdAt = new Date(now.getTime() - 60 * DAY).toISOString();
  for (const a of demoAccounts()) {
    await users.createUserWithIdentities(
      { id: a.userId, name: a.name, subject: a.subject, position: a.position, createdAt },
      [{ provider: 'dev', externalId: a.account }],
      a.roles,
    );
    // The demo accounts agreed to our texts when they were made; an account made later is asked at first use.
    await users.recordConsent(a.userId, LEGAL_VERSION, createdAt);
  }
  for (const c of CHILDREN) {
    const schoolName = DEMO_SCHOOLS.find((s) => s.id === c.schoolId)?.name;
    await users.putChild(`u-${c.parent}`, { id: c.id, name: c.name, schoolId: c.schoolId, schoolName, grade: c.grade, className: c.className, guardianConsentAt: createdAt });
  }
  await seedDemoGroups(ctx, createdAt);
  for (const s of demoSessions(now)) await putDemoSession(ctx, s);
  await seedSecondFederation(ctx, now);
  // parent-1 attended the past family lecture: it shows in 学习记录 with its materials.
  const past = demoSessions(now).find((s) => s.id === 'ses-past-family') as Session;
  await makeAttendanceRepository(ctx).putSignIn(
    {
      sessionId: past.id,
      userId: 'u-parent-1',
      name: demoAccounts().find((a) => a.account === 'parent-1')?.name ?? '',
      schoolId: 'sch-core',
      status: 'on_time',
      method: 'qr',
      signedInAt: new Date(Date.parse(past.startAt) - 5 * 60_000).toISOString(),
      flags: [],
      creditedHours: past.creditHours,
      updatedAt: past.startAt,
    },
    { sessionStartAt: past.startAt, sessionKind: past.kind },
  );
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, seededAt: now.toISOString() } }));
  return 'seeded';
}

/** Makes sure a session is open for sign-in right now (after a restart days later, too). */
export async function ensureLiveSession(ctx: TableContext, now = new Date()): Promise<Session> {
  const sessions = makeSessionRepository(ctx);
  const recent = await sessions.listSessionsOfFederation(DEMO_FEDERATION_ID, {
    from: new Date(now.getTime() - DAY).toISOString(),
    to: new Date(now.getTime() + HOUR).toISOString(),
  });
  // Open for sign-in now, and on time for a while yet: else a new one (after a restart days later, or as the minutes pass).
  const open = recent.items.find((s) => {
    if (s.status !== 'published' || s.kind !== 'joint_research') return false;
    const opens = Date.parse(s.startAt) - s.signIn.opensBeforeMin * 60_000;
    const late = Date.parse(s.startAt) + s.signIn.lateAfterMin * 60_000;
    return opens <= now.getTime() && now.getTime() + ON_TIME_AHEAD_MS <= late;
  });
  if (open) return open;
  const live = liveSession(now);
  await putDemoSession(ctx, live);
  return live;
}

/**
 * Makes sure a parent can try 家长学校 on any start: the demo parent invite is valid, and an upcoming family
 * session with seats is open for registration (after a restart weeks later, too).
 */
export async function ensureFamilyDemo(ctx: TableContext, now = new Date()): Promise<{ inviteCode: string; session: Session }> {
  const invites = makeInviteRepository(ctx);
  const existing = await invites.getInvite(DEMO_PARENT_INVITE);
  if (!existing || existing.expiresAt <= new Date(now.getTime() + DAY).toISOString() || existing.uses >= existing.maxUses) {
    const invite: Invite = {
      code: DEMO_PARENT_INVITE,
      role: 'parent',
      scope: { schoolId: 'sch-core' },
      maxUses: 1000,
      uses: 0,
      expiresAt: new Date(now.getTime() + 90 * DAY).toISOString(),
      createdBy: 'u-core-admin',
      createdAt: now.toISOString(),
      note: '演示：实验小学家长',
    };
    await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: inviteItem(invite) }));
  }
  const sessions = makeSessionRepository(ctx);
  const upcoming = await sessions.listFamilySessionIdsOfSchool('sch-core', { from: new Date(now.getTime() + DAY).toISOString(), to: new Date(now.getTime() + 60 * DAY).toISOString() });
  const open = (await sessions.getSessions(upcoming)).find((s) => s.status === 'published' && s.capacity !== undefined && s.registrationRequired);
  if (open) return { inviteCode: DEMO_PARENT_INVITE, session: open };
  const id = `ses-family-${now.toISOString().slice(0, 10).replace(/\D/g, '')}`;
  const next = session(now, id, 'family_education', '家庭教育讲座：幼小衔接怎么做', 7 * DAY, familyExtras({
    audience: { type: 'parents', schoolIds: ['sch-core', 'sch-qingshan'] },
    capacity: 100,
    topic: 'kindergarten_primary',
    speaker: '周慧敏（市家庭教育指导中心）',
  }));
  await putDemoSession(ctx, next);
  return { inviteCode: DEMO_PARENT_INVITE, session: next };
}
