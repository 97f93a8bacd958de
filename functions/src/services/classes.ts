import {
  CLASS_ERROR_MESSAGES,
  FAMILY_ERROR_MESSAGES,
  classNameInGrade,
  compareClasses,
  currentSchoolYear,
  gradeOfClass,
  isNineYear,
  nextGrade,
  nextSchoolYear,
  normalizeClassName,
  previousSchoolYear,
  type BindClasses,
  type ClassList,
  type PutClassesRequest,
  type RolloverReport,
  type School,
  type SchoolClass,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { ClassChildLink, ClassRepository, StoredClassList } from '#repositories/classes';
import type { FederationRepository } from '#repositories/federations';
import type { InviteRepository } from '#repositories/invites';
import type { AccessPolicy } from './access.ts';
import type { SchoolMoves } from './school-moves.ts';

const classOf = (name: string): SchoolClass => ({ grade: gradeOfClass(name) ?? '', name });
const sorted = (names: Iterable<string>): SchoolClass[] =>
  [...names].map(classOf).sort((a, b) => compareClasses({ grade: a.grade, className: a.name }, { grade: b.grade, className: b.name }));

const listOf = (schoolId: string, schoolYear: string, stored: StoredClassList | undefined): ClassList => ({
  schoolId,
  schoolYear,
  classes: sorted(stored?.names ?? []),
  ...(stored?.updatedAt ? { updatedAt: stored.updatedAt } : {}),
});

/** 班级管理: a school's classes per school year, the classes parents bind to, and the yearly rollover. */
export function makeClassService(deps: {
  classes: ClassRepository;
  federations: FederationRepository;
  invites: InviteRepository;
  access: AccessPolicy;
  clock: Clock;
  /** Schools moving to another federation from the new school year: applied by the rollover. */
  moves: SchoolMoves;
}) {
  const { classes, federations, access, clock } = deps;

  async function schoolOrThrow(schoolId: string): Promise<School> {
    const school = await federations.getSchool(schoolId);
    if (!school) throw notFound('学校不存在');
    return school;
  }

  /** Children bound to the class in that year (links from before classes had years count as the current year). */
  async function childrenIn(schoolId: string, schoolYear: string, name: string) {
    const current = currentSchoolYear(clock.now());
    const links = await classes.childLinksOfSchool(schoolId, { grade: gradeOfClass(name) ?? '', className: name });
    return new Set(links.filter((l) => (l.schoolYear ?? current) === schoolYear).map((l) => l.id)).size;
  }

  async function rolloverSchool(list: StoredClassList, from: string, to: string): Promise<RolloverReport['schools'][number] | undefined> {
    const school = await federations.getSchool(list.schoolId);
    if (!school) return undefined;
    const nineYear = isNineYear(list.names.map((n) => gradeOfClass(n) ?? ''));
    const advance = (grade: string) => nextGrade(grade, school.stage, { nineYear });
    const nextNames: string[] = [];
    let classesGraduated = 0;
    for (const name of list.names) {
      const grade = advance(gradeOfClass(name) ?? '');
      if (grade) nextNames.push(classNameInGrade(name, grade));
      else classesGraduated += 1;
    }
    const created = await classes.addClasses(school.id, to, nextNames, clock.now().toISOString());
    const moved = { advanced: new Set<string>(), graduated: new Set<string>(), already: new Set<string>() };
    // A child's own record first (one per child, whichever parents it has), then each parent's link: a run stopped
    // between them finds the links still in `from` and the record moved, and finishes the links.
    const inFrom = new Map<string, ClassChildLink[]>();
    for (const link of await classes.childLinksOfSchool(school.id)) {
      if ((link.schoolYear ?? from) !== from) {
        moved.already.add(link.id);
        continue;
      }
      inFrom.set(link.id, [...(inFrom.get(link.id) ?? []), link]);
    }
    for (const links of inFrom.values()) {
      const first = links[0] as ClassChildLink;
      const grade = advance(first.grade);
      const next = grade ? { grade, className: classNameInGrade(first.className, grade) } : ('graduate' as const);
      await classes.advanceChildRecord(first, from, to, next);
      for (const link of links) {
        const outcome = await classes.advanceChild(link, from, to, next);
        if (outcome === 'already') moved.already.add(link.id);
        else (grade ? moved.advanced : moved.graduated).add(link.id);
      }
    }
    return {
      schoolId: school.id,
      schoolName: school.name,
      classesCreated: created.length,
      classesGraduated,
      childrenAdvanced: moved.advanced.size,
      childrenGraduated: moved.graduated.size,
      childrenAlready: [...moved.already].filter((id) => !moved.advanced.has(id) && !moved.graduated.has(id)).length,
    };
  }

  return {
    /** A school's classes of a year (the current one by default): for anyone of its federation, and the district. */
    async list(auth: AuthContext, schoolId: string, schoolYear?: string): Promise<ClassList> {
      const school = await schoolOrThrow(schoolId);
      const visible = access.holds(auth, 'districtAdmin', {}) || (await access.federationIdsOf(auth)).includes(school.federationId);
      if (!visible) throw notFound('学校不存在');
      const year = schoolYear ?? currentSchoolYear(clock.now());
      return listOf(schoolId, year, await classes.getList(schoolId, year));
    },

    /**
     * Replaces the year's classes (the current or the next school year). A class children are bound to cannot be
     * removed; a list naming a class twice is refused; a save that lost to another one is a 409.
     */
    async save(auth: AuthContext, schoolId: string, request: PutClassesRequest): Promise<ClassList> {
      await schoolOrThrow(schoolId);
      if (!(await access.administers(auth, { schoolId }))) throw forbidden('只有本校、所在校联体或教体局的管理员可以管理班级');
      const current = currentSchoolYear(clock.now());
      if (request.schoolYear !== current && request.schoolYear !== nextSchoolYear(current)) {
        throw badRequest('SCHOOL_YEAR_CLOSED', request.schoolYear < current ? CLASS_ERROR_MESSAGES.SCHOOL_YEAR_CLOSED : `只能设置本学年（${current}）或下一学年（${nextSchoolYear(current)}）的班级`, {
          fieldErrors: { schoolYear: ['请选择本学年或下一学年'] },
        });
      }
      const names = request.classes.map((c) => normalizeClassName(c.name));
      const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
      if (twice.length) {
        const message = `班级「${twice.join('」「')}」重复，请删除重复的班级后再保存`;
        throw badRequest('CLASS_DUPLICATE', message, { duplicates: twice, fieldErrors: { classes: [message] } });
      }
      const existing = await classes.getList(schoolId, request.schoolYear);
      const removed = (existing?.names ?? []).filter((n) => !names.includes(n));
      const bound = (await Promise.all(removed.map(async (name) => ({ name, children: await childrenIn(schoolId, request.schoolYear, name) })))).filter((c) => c.children > 0);
      if (bound.length) {
        const list = bound.map((c) => `「${c.name}」（${c.children} 名学生）`).join('、');
        throw conflict('CLASS_HAS_CHILDREN', `${list}已有家长绑定了学生，不能删除或改名；请保留这些班级后再保存`, { classes: bound.map((c) => c.name) });
      }
      const outcome = await classes.saveList({ schoolId, schoolYear: request.schoolYear, names }, existing?.version, { now: clock.now().toISOString(), by: auth.userId });
      if (outcome === 'conflict') throw conflict('CONFLICT', '班级刚被其他管理员修改，请刷新后重试');
      return listOf(schoolId, request.schoolYear, await classes.getList(schoolId, request.schoolYear));
    },

    /** The classes a parent with this invite code may bind to: its school's classes of the current school year. */
    async forInvite(inviteCode: string): Promise<BindClasses> {
      const invite = await deps.invites.getInvite(inviteCode);
      if (!invite) throw new AppError(400, 'INVITE_INVALID');
      if (invite.role !== 'parent' || !('schoolId' in invite.scope)) throw new AppError(400, 'INVITE_NOT_FOR_PARENTS', FAMILY_ERROR_MESSAGES.INVITE_NOT_FOR_PARENTS);
      const school = await federations.getSchool(invite.scope.schoolId);
      if (!school) throw notFound('邀请码所属学校不存在，请联系学校');
      const schoolYear = currentSchoolYear(clock.now());
      const stored = await classes.getList(school.id, schoolYear);
      return {
        school: { id: school.id, name: school.name },
        schoolYear,
        classes: sorted(stored?.names ?? []),
        ...(invite.className ? { className: normalizeClassName(invite.className) } : {}),
      };
    },

    /**
     * Checks that a parent binds to a class the school lists this school year; returns the year the binding is in.
     * A school without classes for the year cannot take bindings yet (the parent is told to ask the school).
     */
    async assertListed(schoolId: string, className: string): Promise<string> {
      const schoolYear = currentSchoolYear(clock.now());
      const stored = await classes.getList(schoolId, schoolYear);
      if (!stored?.names.length) {
        throw badRequest('CLASSES_NOT_SET', CLASS_ERROR_MESSAGES.CLASSES_NOT_SET, { fieldErrors: { className: [CLASS_ERROR_MESSAGES.CLASSES_NOT_SET] } });
      }
      if (!stored.names.includes(className)) {
        const message = `「${className}」不在学校本学年（${schoolYear}）的班级中，${CLASS_ERROR_MESSAGES.CLASS_NOT_LISTED}`;
        throw badRequest('CLASS_NOT_LISTED', message, { fieldErrors: { className: [message] } });
      }
      return schoolYear;
    },

    /**
     * The new school year `to`: schools whose move to another federation was pending from `to` move; every school
     * with classes in the year before gets next year's classes (each a grade up; the top grade graduates), and its
     * bound children move with their class. Schools are found by Query on the year's indexes; a run again, or two at
     * once, changes nothing twice. `schoolIds` limits it to some schools.
     */
    async rollover(request: { to: string; schoolIds?: readonly string[] }): Promise<RolloverReport> {
      const from = previousSchoolYear(request.to);
      const moves = await deps.moves.applyPendingMoves(request.to, request.schoolIds);
      const lists = request.schoolIds
        ? (await Promise.all(request.schoolIds.map((id) => classes.getList(id, from)))).filter((l): l is StoredClassList => l !== undefined)
        : await classes.listsOfYear(from);
      const schools: RolloverReport['schools'] = [];
      for (const list of lists) {
        const report = await rolloverSchool(list, from, request.to);
        if (report) schools.push(report);
      }
      return { from, to: request.to, schools: schools.sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'zh-CN')), moves };
    },
  };
}
export type ClassService = ReturnType<typeof makeClassService>;
