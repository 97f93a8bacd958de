import { LEGAL_VERSION, currentSchoolYear, nextSchoolYear } from '@lianyan/shared';
import type { Invocation } from '../support/inproc.ts';
import type { AuthzWorld } from './world.ts';
import { OBSERVATION_ROWS, observationBody } from './observations.ts';

// Who may call what: every deployed route × every role × own / other scope → allowed or refused.
// `own`: the caller's own school, federation, archive, family (the demo federation, fed-chengdong).
// `other`: what `otherScope` names — another federation's (fed-xiqu, the seed's second federation), another school's, another teacher's archive,
// another family's session. `n/a` where a route has no scope (the caller's own profile, a login).
// Allowed: a 2xx. Refused: 401 (no login; any route that needs one), 403 or 404 (never a 2xx, nothing revealed).

export const ROLES = ['teacher', 'parent', 'organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin', 'anonymous'] as const;
export type MatrixRole = (typeof ROLES)[number];
export type Scope = 'own' | 'other';
export type Outcome = 'allow' | 'deny' | 'n/a';

export interface MatrixRow {
  /** What `other` means for this route. */
  otherScope: string;
  cells: Record<MatrixRole, { own: Outcome; other: Outcome }>;
  /** The request a role makes in a scope (fresh resources where the call changes them). */
  request: (w: AuthzWorld, scope: Scope, role: MatrixRole) => Promise<Invocation>;
}

type RoleSet = readonly MatrixRole[];
const SIGNED_IN: RoleSet = ['teacher', 'parent', 'organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin'];
const MANAGERS: RoleSet = ['organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin'];
const ADMINS: RoleSet = ['schoolAdmin', 'federationAdmin', 'districtAdmin'];

/** Cells from who is allowed in their own scope and who in the other one (`null`: the route has no other scope). */
function cells(own: RoleSet, other: RoleSet | null): MatrixRow['cells'] {
  return Object.fromEntries(
    ROLES.map((r) => [r, { own: own.includes(r) ? 'allow' : 'deny', other: other === null ? 'n/a' : other.includes(r) ? 'allow' : 'deny' }]),
  ) as MatrixRow['cells'];
}

const row = (otherScope: string, own: RoleSet, other: RoleSet | null, request: MatrixRow['request']): MatrixRow => ({ otherScope, cells: cells(own, other), request });

let names = 0;
const uniquePhone = () => `137${String(Date.now() % 1e6).padStart(6, '0')}${String(++names % 100).padStart(2, '0')}`;
const uniqueName = (prefix: string) => `${prefix}${++names}${Math.random().toString(36).slice(2, 6)}`;

const sessionOf = (scope: Scope) => (scope === 'own' ? 'own' : 'other');

/** Session routes a manager of the session's federation (or its host school's admin, or the district) may call. */
function managed(build: (w: AuthzWorld, sessionId: string, scope: Scope, role: MatrixRole) => Promise<Invocation> | Invocation, fresh: 'draft' | 'published' | 'shared' = 'shared') {
  return row('a session of another federation', MANAGERS, ['districtAdmin'], async (w, scope, role) => {
    const id = fresh === 'shared' ? w.sessions[sessionOf(scope)] : await w.newSession(scope, { publish: fresh === 'published' });
    return build(w, id, scope, role);
  });
}

export const MATRIX: Record<string, MatrixRow> = {
  health: row('—', [...SIGNED_IN, 'anonymous'], null, async (w, _s, role) => ({ token: w.token(role) })),
  authWechat: row('—', [...SIGNED_IN, 'anonymous'], null, async (w) => ({ body: { code: await w.wechatCode() } })),
  authDingtalk: row('—', [...SIGNED_IN, 'anonymous'], null, async (w) => ({ body: { authCode: await w.dingtalkCode() } })),
  authRefresh: row('—', [...SIGNED_IN, 'anonymous'], null, async (w, _s, role) => ({ body: { refreshToken: w.refreshToken(role === 'anonymous' ? 'teacher' : role) } })),
  me: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),
  updateMe: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role), body: { name: w.nameOf(role) } })),
  updateMeByPost: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role), body: { name: w.nameOf(role) } })),
  recordConsent: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role), body: { version: LEGAL_VERSION } })),
  // The access trail: the district's whole trail, a federation admin their federation's (no other scope to ask for).
  listAccessTrail: row('—', ['federationAdmin', 'districtAdmin'], null, async (w, _s, role) => ({ token: w.token(role) })),
  exportMyData: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),
  // 注销: one's own account only (no scope to cross); a cancel needs a pending request, made first.
  getDeletion: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),
  requestDeletion: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role), body: { confirm: '注销' } })),
  cancelDeletion: row('—', SIGNED_IN, null, async (w, _s, role) => (await w.pendingDeletion(role), { token: w.token(role) })),
  cancelDeletionByPost: row('—', SIGNED_IN, null, async (w, _s, role) => (await w.pendingDeletion(role), { token: w.token(role) })),
  // A child can be removed by the parent it is bound to; another parent's child is not found.
  removeChild: row('another parent’s child', SIGNED_IN, [], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.newChild(role, scope) } })),
  removeChildByPost: row('another parent’s child', SIGNED_IN, [], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.newChild(role, scope) } })),

  // A teacher may invite parents of their own school (班主任); admins what their scope allows.
  createInvite: row('another federation’s school or the federation itself', ['teacher', ...ADMINS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    body: w.inviteRequest(role, scope),
  })),
  listInvites: row('another federation’s school or the federation itself', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    query: (role === 'federationAdmin' || role === 'districtAdmin' ? { federationId: w.federationOf(scope) } : { schoolId: w.schoolOf(scope) }) as Record<string, string>,
  })),
  // The code is the authority: whoever holds one may redeem it.
  redeemInvite: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role), body: { code: await w.newInviteCode('teacher'), name: w.nameOf(role) } })),

  listFederations: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),
  getFederation: row('another federation', SIGNED_IN, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.federationOf(scope) } })),
  updateFederationRules: row('another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    body: { mentorPairsPerSemester: 2 },
  })),
  updateFederationRulesByPost: row('another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    body: { mentorPairsPerSemester: 2 },
  })),
  // 交流轮岗: the federation's admins and organizers register (the district admin anywhere); school admins of the
  // federation read the list (their own schools' rows); the host school's admin assesses an ended exchange.
  listExchanges: row('another federation', ['organizer', 'schoolAdmin', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    query: { semester: '2040-2041-2' },
  })),
  createExchange: row('another federation', ['organizer', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => {
    const { userId, from, to, id } = await w.newExchange(scope);
    await w.removeExchange(id);
    return { token: w.token(role), params: { id: w.federationOf(scope) }, body: { userId, fromSchoolId: from, toSchoolId: to, kind: 'itinerant', startDate: w.day(710), endDate: w.day(720) } };
  }),
  updateExchange: row('an exchange of another federation', ['organizer', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: (await w.newExchange(scope)).id },
    body: { duties: '走教音乐' },
  })),
  updateExchangeByPost: row('an exchange of another federation', ['organizer', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: (await w.newExchange(scope)).id },
    body: { duties: '走教音乐' },
  })),
  deleteExchange: row('an exchange of another federation', ['organizer', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: (await w.newExchange(scope)).id },
  })),
  deleteExchangeByPost: row('an exchange of another federation', ['organizer', 'federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: (await w.newExchange(scope)).id },
  })),
  // Own: an ended exchange hosted by sch-core (core-admin's school); other: one hosted in fed-xiqu.
  assessExchange: row('an exchange hosted by a school of another federation', ['schoolAdmin'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: (await w.newExchange(scope, { ended: true })).id },
    body: { rating: 'pass', comment: '完成支教任务' },
  })),
  // The organisation: federations by the district, schools by the district or the federation's admins.
  createFederation: row('—', ['districtAdmin'], null, async (w, _s, role) => ({ token: w.token(role), body: { name: uniqueName('矩阵校联体'), kind: 'alliance' } })),
  updateFederation: row('another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    body: { kind: scope === 'own' ? 'alliance' : 'group' },
  })),
  updateFederationByPost: row('another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    body: { kind: scope === 'own' ? 'alliance' : 'group' },
  })),
  createSchool: row('another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    body: { name: uniqueName('矩阵小学'), stage: 'primary' },
  })),
  getSchool: row('a school of another federation', SIGNED_IN, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  updateSchool: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.schoolOf(scope) },
    body: { address: '明湖路 1 号' },
  })),
  updateSchoolByPost: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.schoolOf(scope) },
    body: { address: '明湖路 1 号' },
  })),
  // Only the district moves schools between federations, so only it cancels a move pending from next year.
  cancelSchoolMove: row('a school of another federation', ['districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.pendingMoveSchool(scope) },
  })),
  cancelSchoolMoveByPost: row('a school of another federation', ['districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.pendingMoveSchool(scope) },
  })),
  // 班级管理: anyone of the school's federation reads the classes; its admins (school, federation, district) replace a
  // year's list (the next year's here, so the demo's current classes stay as they are).
  listSchoolClasses: row('a school of another federation', SIGNED_IN, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  saveSchoolClasses: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.schoolOf(scope) },
    body: { schoolYear: nextSchoolYear(currentSchoolYear()), classes: [{ grade: '一年级', name: '一年级(1)班' }] },
  })),
  saveSchoolClassesByPost: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.schoolOf(scope) },
    body: { schoolYear: nextSchoolYear(currentSchoolYear()), classes: [{ grade: '二年级', name: '二年级(1)班' }] },
  })),
  // The parent invite code is the authority, as for binding.
  listBindClasses: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role), query: { inviteCode: w.bindRequest().inviteCode } })),

  // 师徒结对 (issue 16): a school's admins register and evaluate; the two log; both and the admins read.
  listMentorPairs: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  createMentorPair: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.schoolOf(scope) },
    body: { ...w.mentorPairBody(scope), schoolYear: currentSchoolYear() },
  })),
  getMentorPair: row('a pair of another federation', ['teacher', ...ADMINS], ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.mentorPair(scope) } })),
  createMentorLog: row('a pair of another federation', ['teacher'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.mentorPair(scope) },
    body: { date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), kind: 'guidance', text: `矩阵记录${++names}` },
  })),
  evaluateMentorPair: row('a pair of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.mentorPair(scope, true) },
    body: { rating: 'pass', comment: '按计划完成结对任务。' },
  })),
  listMyMentorPairs: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),

  // 教师名册: a school's admins, its federation's, the district's.
  listPeople: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  createPerson: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.schoolOf(scope) },
    body: { name: '矩阵老师', phone: uniquePhone() },
  })),
  updatePerson: row('a teacher of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.teacherOf(scope) },
    body: { grades: ['三年级'] },
  })),
  updatePersonByPost: row('a teacher of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.teacherOf(scope) },
    body: { grades: ['三年级'] },
  })),
  leaveSchool: row('a teacher of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.newPerson(scope) },
    body: { schoolId: w.schoolOf(scope) },
  })),

  // 中心教研组: the federation's people read them; its admins and the district's keep them.
  listGroups: row('another federation', SIGNED_IN, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.federationOf(scope) } })),
  createGroup: row('another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    body: { subject: uniqueName('科').slice(0, 10), grade: '四年级' },
  })),
  getGroup: row('a group of another federation', SIGNED_IN, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.groupOf(scope) } })),
  updateGroup: row('a group of another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.groupOf(scope) },
    body: { name: '四年级权限中心教研组' },
  })),
  updateGroupByPost: row('a group of another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.groupOf(scope) },
    body: { name: '四年级权限中心教研组' },
  })),
  // 建设情况: the whole district's, for its admins only.
  getSetupStatus: row('—', ['districtAdmin'], null, async (w, _s, role) => ({ token: w.token(role) })),

  listMySessions: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),
  listSessions: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),
  createSession: row('a school of another federation as host', MANAGERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    body: w.sessionInput({ hostSchoolId: w.schoolOf(scope) }),
  })),
  // Visible to its managers and its audience (the federation's teachers): not to parents.
  getSession: row('a session of another federation', ['teacher', ...MANAGERS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.sessions[sessionOf(scope)] },
  })),
  updateSession: managed((w, id, _s, role) => ({ token: w.token(role), params: { id }, body: { title: '联合教研：改名' } })),
  updateSessionByPost: managed((w, id, _s, role) => ({ token: w.token(role), params: { id }, body: { title: '联合教研：改名' } })),
  publishSession: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } }), 'draft'),
  cancelSession: managed((w, id, _s, role) => ({ token: w.token(role), params: { id }, body: { reason: '天气原因取消' } }), 'published'),
  closeSession: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } }), 'published'),
  getSessionQr: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } })),
  getDisplayLink: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } })),
  getAttendance: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } })),
  markAttendance: managed(
    (w, id, scope, role) => ({ token: w.token(role), params: { id, userId: w.teacherOf(scope) }, body: { status: 'excused', reason: '外出培训' } }),
    'published',
  ),
  markAttendanceByPost: managed(
    (w, id, scope, role) => ({ token: w.token(role), params: { id, userId: w.teacherOf(scope) }, body: { status: 'excused', reason: '外出培训' } }),
    'published',
  ),
  listRegistrations: row('a family session of another federation', MANAGERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.familySessions[sessionOf(scope)] },
  })),
  // The display key of one session opens that session's screen only.
  getDisplay: row('another session with this session’s key', [...SIGNED_IN, 'anonymous'], [], async (w, scope) => ({
    params: { id: scope === 'own' ? w.sessions.own : w.sessions.ownOther },
    query: { key: w.displayKey },
  })),
  // A QR code names its own session only: another session's token opens nothing.
  getSessionLanding: row('another session with this session’s QR token', [...SIGNED_IN, 'anonymous'], [], async (w, scope) => ({
    params: { id: scope === 'own' ? w.sessions.own : w.sessions.ownOther },
    query: { token: w.qr(w.sessions.own, 'in') },
  })),

  signIn: row('a session (or family session) of another federation', ['teacher', 'parent'], [], async (w, scope, role) => w.signInRequest(role, scope, 'in')),
  signOut: row('a session (or family session) of another federation', ['teacher', 'parent'], [], async (w, scope, role) => w.signInRequest(role, scope, 'out')),
  createEvaluation: row('a lesson of another federation', ['teacher'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.lessonObserved(scope, role) },
    body: { scores: observationBody('own', 'teacher').scores, strengths: '教学设计清晰', suggestions: '练习可再分层' },
  })),
  // The teaching teacher and managers see all; an observer who attended sees their own.
  listEvaluations: row('a lesson of another federation', ['teacher', ...MANAGERS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.lessonObserved(scope, role) },
  })),

  getArchive: row('another teacher’s archive (another federation’s for admins)', ['teacher', ...ADMINS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    ...w.archiveQuery(scope, role),
  })),
  getArchiveSummary: row('another teacher’s archive (another federation’s for admins)', ['teacher', ...ADMINS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    ...w.archiveQuery(scope, role),
  })),
  getArchiveObservations: row('another teacher’s archive (another federation’s for admins)', ['teacher', ...ADMINS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    ...w.archiveQuery(scope, role),
  })),
  getArchivePrintLink: row('another teacher’s archive (another federation’s for admins)', ['teacher', ...ADMINS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    ...w.archiveQuery(scope, role),
  })),
  // The signed link is the authority; a link edited to name someone else is refused.
  printArchive: row('a link edited to name another teacher', [...SIGNED_IN, 'anonymous'], [], async (w, scope) => ({ query: { t: scope === 'own' ? w.printToken : w.forgedPrintToken } })),
  createArchiveEntry: row('—', ['teacher'], null, async (w, _s, role) => ({ token: w.token(role), body: w.entryInput() })),
  updateArchiveEntry: row('another teacher’s entry', ['teacher'], [], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.newEntry(scope) }, body: w.entryInput() })),
  updateArchiveEntryByPost: row('another teacher’s entry', ['teacher'], [], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.newEntry(scope) }, body: w.entryInput() })),
  deleteArchiveEntry: row('another teacher’s entry', ['teacher'], [], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.newEntry(scope) } })),
  deleteArchiveEntryByPost: row('another teacher’s entry', ['teacher'], [], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.newEntry(scope) } })),
  reviewArchiveEntry: row('an entry of another federation’s teacher', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.newEntry(scope === 'own' ? 'own' : 'otherFederation') },
    body: { decision: 'approved' },
  })),
  listArchiveReviews: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  getSchoolArchive: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  createUpload: row('—', [...MANAGERS, 'teacher', 'parent'], null, async (w, _s, role) => ({
    token: w.token(role),
    body: { fileName: '证书.jpg', contentType: 'image/jpeg', size: 1024 },
  })),
  // 教师名册导入. The plain template names no school: any admin may have it (so `other` allows school admins too);
  // federation and district admins ask for their federation's (学校 column), refused for another federation.
  getImportTemplate: row('another federation’s template (school admins: the plain one)', ADMINS, ['schoolAdmin', 'districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    query: (role === 'federationAdmin' || role === 'districtAdmin' ? { kind: 'teachers', federationId: w.federationOf(scope) } : { kind: 'teachers' }) as Record<string, string>,
  })),
  createImport: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    body: { kind: 'teachers', schoolId: w.schoolOf(scope), uploadId: await w.importUpload(role) },
  })),
  applyImport: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: await w.importPreview(scope) } })),

  bindParent: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role), body: w.bindRequest() })),
  listFamilySessions: row('—', ['parent'], null, async (w, _s, role) => ({ token: w.token(role) })),
  getFamilyHistory: row('—', ['parent'], null, async (w, _s, role) => ({ token: w.token(role) })),
  createRegistration: row('another family’s school’s session (another federation)', ['parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.newFamilySession(scope) },
  })),
  getMyRegistration: row('another family’s school’s session (another federation)', ['parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.registered(scope) },
  })),
  cancelRegistration: row('another family’s school’s session (another federation)', ['parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.registered(scope) },
  })),
  cancelRegistrationByPost: row('another family’s school’s session (another federation)', ['parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.registered(scope) },
  })),
  getParentSchoolReport: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),

  // 打卡. Organizers and admins of a federation (and the district) start campaigns in it; a school admin for their own school only.
  createCampaign: row('another federation’s campaign for its school', MANAGERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    body: w.campaignInput(scope),
  })),
  listCampaigns: row('—', SIGNED_IN, null, async (w, _s, role) => ({ token: w.token(role) })),
  // Only the campaign's audience checks in and reads its own progress: teachers of its schools, parents of its schools' children.
  createCheckIn: row('a campaign of another federation (parents’ for a parent)', ['teacher', 'parent'], [], async (w, scope, role) => w.checkInRequest(role, scope)),
  getCampaignProgress: row('a campaign of another federation (parents’ for a parent)', ['teacher', 'parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.campaignOf(scope, role) },
  })),
  // The audience reads its own school's feed; the campaign's managers (its federation's, the audience school's admin, the district) any.
  getCampaignFeed: row('a campaign of another federation (parents’ for a parent)', SIGNED_IN, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.campaignOf(scope, role) },
  })),
  getCampaignCompletion: row('a campaign of another federation', MANAGERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.campaignOf(scope, role) },
  })),

  getSchoolReport: row('a school of another federation', ADMINS, ['districtAdmin'], async (w, scope, role) => ({ token: w.token(role), params: { id: w.schoolOf(scope) } })),
  // A federation's admins and the district see a federation; a school admin sees their school only.
  getFederationReport: row('another federation', ['federationAdmin', 'districtAdmin'], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
  })),
  getDistrictReport: row('—', ['districtAdmin'], null, async (w, _s, role) => ({ token: w.token(role) })),

  // 活动档案. Files, the reflection request, reflections, the briefing and the bundle: the session's managers. The files
  // also to those who signed in; the briefing and bundle also to admins of the schools taking part (the host's here).
  attachSessionFiles: managed(async (w, id, _s, role) => ({ token: w.token(role), params: { id }, body: { category: 'photo', uploadIds: [await w.uploadOf(role)] } })),
  listSessionFiles: row('a session of another federation (the teacher signed in to own sessions only)', ['teacher', ...MANAGERS], ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.lessonObserved(scope, role) },
  })),
  removeSessionFile: managed(async (w, id, scope, role) => ({ token: w.token(role), params: { id, fileId: await w.attachedFile(id, scope) } })),
  removeSessionFileByPost: managed(async (w, id, scope, role) => ({ token: w.token(role), params: { id, fileId: await w.attachedFile(id, scope) } })),
  setBriefingPhotos: managed((w, id, _s, role) => ({ token: w.token(role), params: { id }, body: { fileIds: [] } })),
  setBriefingPhotosByPost: managed((w, id, _s, role) => ({ token: w.token(role), params: { id }, body: { fileIds: [] } })),
  requestReflections: managed((w, id, _s, role) => ({ token: w.token(role), params: { id }, body: w.reflectionRequest() })),
  requestReflectionsByPost: managed((w, id, _s, role) => ({ token: w.token(role), params: { id }, body: w.reflectionRequest() })),
  listReflections: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } })),
  publishReflectionExcerpts: row('a session of another federation', MANAGERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.reflectionSession(scope) },
    body: { items: [] },
  })),
  publishReflectionExcerptsByPost: row('a session of another federation', MANAGERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.reflectionSession(scope) },
    body: { items: [] },
  })),
  // The session's audience and those who signed in: a teacher's session for a teacher, a family session for a parent.
  getMyReflection: row('a session of another federation', ['teacher', 'parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.reflectionSession(scope, role) },
  })),
  saveMyReflection: row('a session of another federation', ['teacher', 'parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.reflectionSession(scope, role) },
    body: { text: '听课后的一点体会：先学后教，课堂更活。', submit: false },
  })),
  saveMyReflectionByPost: row('a session of another federation', ['teacher', 'parent'], [], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: await w.reflectionSession(scope, role) },
    body: { text: '听课后的一点体会：先学后教，课堂更活。', submit: false },
  })),
  listMyPendingReflections: row('—', ['teacher', 'parent'], null, async (w, _s, role) => ({ token: w.token(role) })),
  getBriefing: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } })),
  getBriefingLink: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } })),
  getRecordBundle: managed((w, id, _s, role) => ({ token: w.token(role), params: { id } })),
  // The signed link is the authority; a link edited to name another session is refused.
  viewBriefing: row('a link edited to name another session', [...SIGNED_IN, 'anonymous'], [], async (w, scope) => ({
    query: { t: scope === 'own' ? w.briefingToken : w.forgedBriefingToken },
  })),
  // A federation's organizers and admins and the district: all its sessions; a school admin: those their school hosts.
  getRecordsStatus: row('another federation', MANAGERS, ['districtAdmin'], async (w, scope, role) => ({
    token: w.token(role),
    params: { id: w.federationOf(scope) },
    query: { semester: '2026-2027-1' },
  })),
  ...OBSERVATION_ROWS,
};

// Reach: every write about another person names someone within the actor's reach — about a session, one of its
// people (its audience, who signed in, its host school's teachers); otherwise someone of a school the actor
// administers. Moving a host school needs rights on both schools. Refused: 403/404, nothing written.
// The people written about are never actors (an actor redeems a teacher invite of sch-core as the matrix runs).

/** The routes that write about a person other than the caller (or move a session between schools). */
export const PERSON_WRITES = ['markAttendance', 'markAttendanceByPost', 'createSession', 'updateSession', 'updateSessionByPost', 'reviewArchiveEntry', 'publishReflectionExcerpts', 'createObservation'] as const;

export interface ReachRow {
  route: (typeof PERSON_WRITES)[number];
  actor: Exclude<MatrixRole, 'anonymous'>;
  expected: 'allow' | 'deny';
  request: (w: AuthzWorld) => Promise<Invocation>;
  /** Whether a refused call wrote anyway (must stay false). */
  written?: (w: AuthzWorld, input: Invocation) => Promise<boolean>;
  /** The refusal's statuses, when not 403/404 (推门听课: 400 naming `teacherId`, 所选教师不在…任教). */
  refusedWith?: readonly number[];
}

const mark = (route: ReachRow['route'], actor: ReachRow['actor'], account: string, expected: ReachRow['expected']): ReachRow => ({
  route,
  actor,
  expected,
  request: async (w) => ({ params: { id: w.reach.sessionId, userId: w.reach.userOf(account) }, body: { status: expected === 'allow' ? 'excused' : 'on_time', reason: '补登出勤' } }),
  written: (w, input) => w.reach.rosterHas(input.params!.id!, input.params!.userId!),
});

const moveHost = (route: ReachRow['route'], actor: ReachRow['actor'], expected: ReachRow['expected']): ReachRow => ({
  route,
  actor,
  expected,
  request: async (w) => ({ params: { id: await w.reach.newSession() }, body: { hostSchoolId: 'sch-east2' } }),
  written: async (w, input) => (await w.reach.read(input.params!.id!)).hostSchoolId !== 'sch-core',
});

/** 推门听课 of `account` at `schoolId`: allowed only for a teacher of that school, in the actor's federation. */
const observe = (actor: ReachRow['actor'], account: string, schoolId: string, expected: ReachRow['expected']): ReachRow => ({
  route: 'createObservation',
  actor,
  expected,
  request: async (w) => ({ body: { ...observationBody('own', actor), teacherId: w.reach.userOf(account), schoolId } }),
  written: async (w, input) => (await w.reach.observedDrafts(w.reach.userOf(account))).includes((input.body as { clientId: string }).clientId),
  refusedWith: [400, 403, 404],
});

const lessonSession = (actor: ReachRow['actor'], account: string, expected: ReachRow['expected']): ReachRow => ({
  route: 'createSession',
  actor,
  expected,
  request: async (w) => ({
    body: w.sessionInput({ hostSchoolId: 'sch-core', kind: 'lesson_observation', audience: { type: 'schools', schoolIds: ['sch-core'] }, lesson: w.reach.lesson(w.reach.userOf(account)) }),
  }),
});

export const REACH: Record<string, ReachRow> = {
  'school admin marks a teacher of another federation': mark('markAttendance', 'schoolAdmin', 'other-teacher', 'deny'),
  'school admin marks a teacher of another school of the federation, outside the audience': mark('markAttendance', 'schoolAdmin', 'east2-teacher-2', 'deny'),
  'school admin marks a parent of their school': mark('markAttendance', 'schoolAdmin', 'parent-3', 'deny'),
  'school admin marks a district admin': mark('markAttendanceByPost', 'schoolAdmin', 'bystander-district', 'deny'),
  'district admin marks a parent at a teachers’ session': mark('markAttendanceByPost', 'districtAdmin', 'parent-3', 'deny'),
  'school admin marks a user id that does not exist': mark('markAttendance', 'schoolAdmin', 'nobody-at-all', 'deny'),
  'school admin marks a teacher of their school in the audience': mark('markAttendance', 'schoolAdmin', 'core-teacher-3', 'allow'),
  'organizer marks a teacher of the audience': mark('markAttendanceByPost', 'organizer', 'core-teacher-4', 'allow'),

  'school admin moves the host school to a school not theirs': moveHost('updateSession', 'schoolAdmin', 'deny'),
  'school admin moves the host school to a school not theirs (POST)': moveHost('updateSessionByPost', 'schoolAdmin', 'deny'),
  'federation admin moves the host school within the federation': moveHost('updateSession', 'federationAdmin', 'allow'),

  'school admin names a teacher of another federation as a lesson’s teacher': lessonSession('schoolAdmin', 'other-teacher', 'deny'),
  'organizer names a teacher outside the audience and host school as a lesson’s teacher': lessonSession('organizer', 'east2-teacher-1', 'deny'),
  'school admin names a teacher of their school as a lesson’s teacher': lessonSession('schoolAdmin', 'core-teacher-2', 'allow'),
  'organizer changes a lesson’s teacher to a parent': {
    route: 'updateSession',
    actor: 'organizer',
    expected: 'deny',
    request: async (w) => ({
      params: { id: await w.reach.newSession({ kind: 'lesson_observation', lesson: w.reach.lesson('u-core-teacher-2') }) },
      body: { lesson: w.reach.lesson('u-parent-3') },
    }),
    written: async (w, input) => (await w.reach.read(input.params!.id!)).lesson?.teacherId !== 'u-core-teacher-2',
  },

  'school admin reviews an entry of a teacher of another school of the federation': {
    route: 'reviewArchiveEntry',
    actor: 'schoolAdmin',
    expected: 'deny',
    request: async (w) => ({ params: { id: await w.newEntry('otherSchool') }, body: { decision: 'approved' } }),
  },
  'federation admin reviews an entry of a teacher of the federation': {
    route: 'reviewArchiveEntry',
    actor: 'federationAdmin',
    expected: 'allow',
    request: async (w) => ({ params: { id: await w.newEntry('other') }, body: { decision: 'approved' } }),
  },

  'teacher observes a colleague of their school': observe('teacher', 'core-teacher-2', 'sch-core', 'allow'),
  'teacher observes a teacher of another federation, named at their own school': observe('teacher', 'other-teacher', 'sch-core', 'deny'),
  'school admin observes a parent of their school': observe('schoolAdmin', 'parent-3', 'sch-core', 'deny'),
  'school admin observes a teacher of another federation at that teacher’s school': observe('schoolAdmin', 'other-teacher', 'sch-xiqu-core', 'deny'),
  'organizer observes a teacher of another school of the federation, named at the organizer’s school': observe('organizer', 'east2-teacher-1', 'sch-core', 'deny'),

  'organizer publishes an excerpt of a teacher who signed in': {
    route: 'publishReflectionExcerpts',
    actor: 'organizer',
    expected: 'allow',
    request: async (w) => ({ params: { id: await w.reach.submittedReflection() }, body: { items: [{ userId: 'u-core-teacher-1' }] } }),
  },
};
