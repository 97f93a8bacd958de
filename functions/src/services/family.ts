import { createHash } from 'node:crypto';
import {
  compareClasses,
  compareGrades,
  DEFAULT_RULES,
  FAMILY_ERROR_MESSAGES,
  gradeOfClass,
  isFamilySession,
  maskPhone,
  schoolYearOf,
  semesterOf,
  semesterRange,
  type AuthResult,
  type BindChildRequest,
  type Child,
  type FamilyHistory,
  type FamilySessionItem,
  type FamilySessions,
  type FamilySessionsQuery,
  type ParentSchoolReport,
  type Session,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import { csvFile, percentCell, timeCell, xlsxFile, type Cell } from '#lib/xlsx';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { InviteRepository } from '#repositories/invites';
import { publicRegistration, type RegistrationRepository } from '#repositories/registrations';
import type { SessionRepository } from '#repositories/sessions';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy } from './access.ts';
import { childInAudience } from './audience.ts';
import type { AuthService } from './auth.ts';
import { inviteRejection } from './invites.ts';
import { attended, withoutMaterials } from './sessions.ts';

const DAY = 86_400_000;
type FamilyError = keyof typeof FAMILY_ERROR_MESSAGES;
const fail = (status: number, code: FamilyError, details?: Record<string, unknown>) =>
  new AppError(status, code, FAMILY_ERROR_MESSAGES[code], details);

/** `一年级（2）班 ` → `一年级(2)班`: how a class is written in keys, whatever the keyboard. */
const normalizeClassName = (name: string) => name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** The id children got before they had school years (school, class and name): still found for a child bound then. */
const childIdOf = (schoolId: string, className: string, childName: string) =>
  `c${createHash('sha256').update(`${schoolId}|${normalizeClassName(className)}|${childName.trim()}`).digest('hex').slice(0, 20)}`;

/**
 * A child bound for the first time: an id of the school, school year, class and name, so two first parents at once
 * make the same child, and next year's child of the same name in the same class is another one. The id stays when the
 * rollover advances the class; a later parent finds it by the child's class now (users.findChildInClass).
 */
const newChildIdOf = (schoolId: string, schoolYear: string, className: string, childName: string) =>
  `c${createHash('sha256').update(`${schoolId}|${schoolYear}|${normalizeClassName(className)}|${childName.trim()}`).digest('hex').slice(0, 20)}`;

const byStart = (a: FamilySessionItem, b: FamilySessionItem) => a.session.startAt.localeCompare(b.session.startAt);

/** 家长学校: parents bind to their children, browse and attend family sessions; schools see who came. */
export function makeFamilyService(deps: {
  users: UserRepository;
  invites: InviteRepository;
  sessions: SessionRepository;
  registrations: RegistrationRepository;
  attendance: AttendanceRepository;
  federations: FederationRepository;
  access: AccessPolicy;
  auth: AuthService;
  clock: Clock;
  /** Parents bind only to a class the school lists for the school year (班级管理). */
  classes: { assertListed(schoolId: string, className: string): Promise<string> };
}) {
  const { users, sessions, registrations, attendance, clock } = deps;

  /** Family sessions meant for any of these children, from each child school's index. */
  async function sessionsFor(children: Child[], range: { from: string; to: string }): Promise<Session[]> {
    const schoolIds = [...new Set(children.map((c) => c.schoolId))];
    const ids = (await Promise.all(schoolIds.map((id) => sessions.listFamilySessionIdsOfSchool(id, range)))).flat();
    const found = await sessions.getSessions(ids);
    return found.filter((s) => s.status !== 'draft' && isFamilySession(s) && children.some((c) => childInAudience(s, c)));
  }

  return {
    /** Binds the signed-in parent to a child with a parent invite; returns fresh tokens that carry the child. */
    async bind(auth: AuthContext, request: BindChildRequest): Promise<AuthResult> {
      const invite = await deps.invites.getInvite(request.inviteCode);
      if (!invite) throw new AppError(400, 'INVITE_INVALID');
      if (invite.role !== 'parent' || !('schoolId' in invite.scope)) throw fail(400, 'INVITE_NOT_FOR_PARENTS');
      const className = normalizeClassName(request.className);
      if (invite.className && normalizeClassName(invite.className) !== className) {
        const message = `该邀请码用于 ${invite.className}，请核对孩子的班级`;
        throw badRequest('VALIDATION_FAILED', message, { fieldErrors: { className: [message] } });
      }
      const school = await deps.federations.getSchool(invite.scope.schoolId);
      if (!school) throw notFound('邀请码所属学校不存在，请联系学校');
      const grade = gradeOfClass(className) as string;
      const schoolYear = await deps.classes.assertListed(school.id, className);
      const childName = request.childName.trim();
      // The child this class, year and name already lead to (bound by another parent, before a rollover too), or a new one.
      const childId =
        (await users.findChildInClass({ schoolId: school.id, schoolYear, className, name: childName }, childIdOf(school.id, className, childName))) ??
        newChildIdOf(school.id, schoolYear, className, childName);
      const now = clock.now().toISOString();
      const outcome = await deps.invites.redeemParentInvite(
        invite.code,
        auth.userId,
        {
          id: childId,
          name: childName,
          schoolId: school.id,
          schoolName: school.name,
          grade,
          className,
          schoolYear,
          ...(request.phone ? { phone: request.phone } : {}),
          guardianConsentAt: now,
        },
        { name: request.name, now, listedIn: { schoolYear } },
      );
      if (outcome === 'invite_rejected') throw await inviteRejection(deps.invites, invite.code, now);
      if (outcome === 'child_has_two_parents') throw fail(409, 'CHILD_PARENTS_FULL');
      if (outcome === 'child_changed') throw new AppError(409, 'CONFLICT', '另一位家长刚刚绑定了同班同名的孩子，请重新提交');
      if (outcome === 'class_unlisted') throw badRequest('CLASS_NOT_LISTED', `「${className}」刚被学校从班级中移除，请重新选择班级`, { fieldErrors: { className: ['请重新选择班级'] } });
      return deps.auth.issueForUserId(auth.userId);
    },

    /** A parent removes a child from their account (and the child's record goes when no guardian is left). */
    async removeChild(auth: AuthContext, childId: string): Promise<AuthResult> {
      const outcome = await users.removeChild(auth.userId, childId);
      if (outcome === 'missing') throw notFound('没有找到这个孩子，可能已经解除绑定，请刷新');
      return deps.auth.issueForUserId(auth.userId);
    },

    /** Family sessions for my children's schools and grades: upcoming first (soonest first), then past (latest first). */
    async sessions(auth: AuthContext, query: FamilySessionsQuery): Promise<FamilySessions> {
      const now = clock.now().getTime();
      const range = { from: new Date(now - 365 * DAY).toISOString(), to: new Date(now + 365 * DAY).toISOString() };
      const children = await users.listChildren(auth.userId);
      // Graduated children (the rollover marks them) stay listed, but their old school's sessions are no longer for them.
      const current = children.filter((c) => !c.graduatedIn);
      if (current.length === 0) return { children, upcoming: [], past: [] };
      const found = (await sessionsFor(current, range)).filter((s) => !query.topic || s.topic === query.topic);
      const [mine, seats, records] = await Promise.all([
        registrations.getRegistrationsOfUser(found.map((s) => s.id), auth.userId),
        registrations.getSeatsOfSessions(found.filter((s) => s.capacity !== undefined).map((s) => s.id)),
        attendance.listAttendanceOfUser(auth.userId, range),
      ]);
      const regBySession = new Map(mine.map((r) => [r.sessionId, r]));
      const attBySession = new Map(records.map((r) => [r.sessionId, r]));
      const items = await Promise.all(
        found.map(async (session): Promise<FamilySessionItem> => {
          const reg = regBySession.get(session.id);
          const att = attBySession.get(session.id);
          const position =
            reg?.status === 'waitlisted' && reg.waitlistSeq !== undefined ? await registrations.waitlistPosition(session.id, reg.waitlistSeq) : undefined;
          return {
            session: attended(att) ? session : withoutMaterials(session),
            ...(session.capacity === undefined ? {} : { seatsLeft: Math.max(0, session.capacity - (seats.get(session.id)?.taken ?? 0)) }),
            ...(reg ? { registration: publicRegistration(reg) } : {}),
            ...(position ? { waitlistPosition: position } : {}),
            ...(att ? { attendance: att } : {}),
            childNames: current.filter((c) => childInAudience(session, c)).map((c) => c.name),
          };
        }),
      );
      return {
        children,
        upcoming: items.filter((i) => Date.parse(i.session.endAt) >= now).sort(byStart),
        past: items.filter((i) => Date.parse(i.session.endAt) < now).sort((a, b) => byStart(b, a)),
      };
    },

    /** The family sessions I attended, with 家长学校学时 per school year (from 1 Sep), latest year first. */
    async history(auth: AuthContext): Promise<FamilyHistory> {
      const records = (await attendance.listAttendanceOfUser(auth.userId, { from: '2000', to: '9999' })).filter(attended);
      const byId = new Map((await sessions.getSessions(records.map((r) => r.sessionId))).map((s) => [s.id, s]));
      const years = new Map<string, FamilyHistory['years'][number]>();
      for (const record of records) {
        const session = byId.get(record.sessionId);
        if (!session || !isFamilySession(session)) continue;
        const schoolYear = schoolYearOf(session.startAt);
        const year = years.get(schoolYear) ?? { schoolYear, hours: 0, sessions: [] };
        year.hours = Math.round((year.hours + record.creditedHours) * 10) / 10;
        year.sessions.push({
          sessionId: session.id,
          title: session.title,
          kind: session.kind,
          startAt: session.startAt,
          endAt: session.endAt,
          ...(session.speaker ? { speaker: session.speaker } : {}),
          status: record.status,
          hours: record.creditedHours,
          materials: session.materials ?? [],
        });
        years.set(schoolYear, year);
      }
      const list = [...years.values()].sort((a, b) => b.schoolYear.localeCompare(a.schoolYear));
      for (const year of list) year.sessions.sort((a, b) => b.startAt.localeCompare(a.startAt));
      return { years: list, totalHours: Math.round(list.reduce((sum, y) => sum + y.hours, 0) * 10) / 10 };
    },

    /** 家长学校 of one school in a semester: attendance per grade and class, families never seen, the quota. */
    async report(auth: AuthContext, schoolId: string, semester?: string): Promise<ParentSchoolReport> {
      const school = await deps.federations.getSchool(schoolId);
      if (!school) throw notFound('学校不存在');
      if (!(await deps.access.administers(auth, { schoolId }))) throw forbidden('只有本校或上级管理员可以查看家长学校统计');
      const term = semester ?? semesterOf(clock.now());
      const range = semesterRange(term);
      const [links, rules, ids] = await Promise.all([
        users.listChildLinksOfSchool(schoolId),
        deps.federations.getRules(school.federationId),
        sessions.listFamilySessionIdsOfSchool(schoolId, range),
      ]);
      const held = (await sessions.getSessions(ids))
        .filter((s) => s.status !== 'draft' && s.status !== 'cancelled')
        .sort((a, b) => a.startAt.localeCompare(b.startAt));
      const now = clock.now().toISOString();
      const rosters = await Promise.all(held.map((s) => attendance.listWholeRoster(s.id)));
      const presentAt = held.map((s, i) => ({ session: s, parents: new Set((rosters[i] ?? []).filter(attended).map((r) => r.userId)) }));
      const sessionRows = presentAt.map(({ session: s, parents }) => {
        const parentsHere = new Set(links.filter((l) => childInAudience(s, l)).map((l) => l.parentId));
        return { id: s.id, title: s.title, kind: s.kind, startAt: s.startAt, status: s.status, attended: [...parents].filter((p) => parentsHere.has(p)).length };
      });
      // A family is a child with its parents; it attended a session meant for the child when either parent did.
      const families = new Map<string, { childName: string; grade: string; className: string; parents: Array<{ id: string; phone?: string | undefined }> }>();
      for (const l of links) {
        const family = families.get(l.id) ?? { childName: l.name, grade: l.grade, className: l.className, parents: [] };
        family.parents.push({ id: l.parentId, phone: l.phone });
        families.set(l.id, family);
      }
      const tally = new Map<string, { grade: string; className: string; families: number; attendedFamilies: number; attendances: number }>();
      const gradeTally = new Map<string, { grade: string; families: number; attendedFamilies: number; attendances: number }>();
      const never: Array<(typeof families extends Map<string, infer F> ? F : never)> = [];
      for (const f of families.values()) {
        const count = presentAt
          .filter(({ session: s }) => childInAudience(s, { schoolId, grade: f.grade }))
          .reduce((sum, { parents }) => sum + f.parents.filter((p) => parents.has(p.id)).length, 0);
        const row = tally.get(`${f.grade}#${f.className}`) ?? { grade: f.grade, className: f.className, families: 0, attendedFamilies: 0, attendances: 0 };
        const grade = gradeTally.get(f.grade) ?? { grade: f.grade, families: 0, attendedFamilies: 0, attendances: 0 };
        for (const t of [row, grade]) {
          t.families += 1;
          t.attendances += count;
          if (count > 0) t.attendedFamilies += 1;
        }
        tally.set(`${f.grade}#${f.className}`, row);
        gradeTally.set(f.grade, grade);
        if (count === 0) never.push(f);
      }
      const profiles = await users.getProfiles([...new Set(never.flatMap((f) => f.parents.map((p) => p.id)))]);
      const required = rules?.parentSchoolActivitiesPerSemester ?? DEFAULT_RULES.parentSchoolActivitiesPerSemester;
      const heldCount = held.filter((s) => s.startAt <= now).length;
      return {
        school: { id: school.id, name: school.name },
        semester: term,
        quota: { required, held: heldCount, met: heldCount >= required },
        sessions: sessionRows,
        grades: [...gradeTally.values()].sort((a, b) => compareGrades(a.grade, b.grade)),
        classes: [...tally.values()].sort(compareClasses),
        neverAttended: never
          .sort((a, b) => compareClasses(a, b) || a.childName.localeCompare(b.childName, 'zh-CN'))
          .map((f) => ({
            childName: f.childName,
            grade: f.grade,
            className: f.className,
            parents: f.parents.map((p) => ({ name: profiles.get(p.id)?.name ?? '', ...(p.phone ? { phoneMasked: maskPhone(p.phone) } : {}) })),
          })),
      };
    },

    /** The report as a file: 班级统计, 未参加家庭 and 活动 sheets (XLSX) or the class table alone (CSV). */
    exportReport(report: ParentSchoolReport, format: 'csv' | 'xlsx') {
      const classRows: Cell[][] = [
        ['年级', '班级', '家庭数', '参加家庭数', '参加率', '参加人次'],
        ...report.classes.map((c) => [c.grade, c.className, c.families, c.attendedFamilies, percentCell(c.families ? c.attendedFamilies / c.families : null), c.attendances]),
      ];
      const filename = `${report.semester}-${report.school.name}-家长学校统计`;
      if (format === 'csv') return csvFile(filename, classRows);
      const neverRows: Cell[][] = [
        ['年级', '班级', '学生', '家长', '联系电话'],
        ...report.neverAttended.map((f) => [f.grade, f.className, f.childName, f.parents.map((p) => p.name).join('、'), f.parents.map((p) => p.phoneMasked ?? '').filter(Boolean).join('、')]),
      ];
      const sessionRows: Cell[][] = [
        ['活动', '时间', '状态', '参加家长'],
        ...report.sessions.map((s) => [s.title, timeCell(s.startAt), s.status === 'closed' ? '已结束' : '已发布', s.attended]),
      ];
      const quotaRows: Cell[][] = [
        ['项目', '内容'],
        ['本学期要求(次)', report.quota.required],
        ['已开展(次)', report.quota.held],
        ['是否达标', report.quota.met ? '达标' : '未达标'],
      ];
      return xlsxFile(filename, [
          { name: '班级统计', rows: classRows, widths: [10, 16, 10, 12, 10, 10] },
          { name: '未参加家庭', rows: neverRows, widths: [10, 16, 12, 20, 20] },
          { name: '活动', rows: sessionRows, widths: [36, 18, 10, 10] },
          { name: '达标情况', rows: quotaRows, widths: [16, 10] },
      ]);
    },
  };
}
export type FamilyService = ReturnType<typeof makeFamilyService>;
