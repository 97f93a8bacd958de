import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  currentSchoolYear,
  gradeOfClass,
  nextSchoolYear,
  previousSchoolYear,
  type AuthResult,
  type BindClasses,
  type ClassList,
  type Federation,
  type Invite,
  type School,
  type User,
} from '@lianyan/shared';
import { rolloverSchoolYear } from '@lianyan/infra/admin/rollover';
import { makeClassRepository } from '@lianyan/functions/repositories/classes';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeInviteRepository } from '@lianyan/functions/repositories/invites';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { makeFamilyService } from '@lianyan/functions/services/family';
import { api, devLogin, stack, uniqueId, wechatLogin } from '../support/api.ts';
import { testTable } from '../support/db.ts';

// 班级管理 (issue 15, item 7): a school's classes per school year, parents binding to listed classes only, the rollover.
const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const YEAR = currentSchoolYear();
const NEXT = nextSchoolYear(YEAR);
type ErrorBody = { code: string; message: string; details?: Record<string, unknown> };

const as = async (account: string) => (await devLogin(account)).token;

async function newFederation() {
  const res = await api<Federation>('POST', '/v1/federations', { token: await as('district-admin'), body: { name: `班级校联体${uniqueId('f').slice(-6)}`, kind: 'alliance' } });
  expect(res.status).toBe(201);
  return res.body;
}

async function newSchool(federationId: string, stage: School['stage'] = 'primary') {
  const res = await api<School>('POST', `/v1/federations/${federationId}/schools`, {
    token: await as('district-admin'),
    body: { name: `班级测试学校${uniqueId('s').slice(-8)}`, stage },
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** A new WeChat user holding the role the district admin's invite grants. */
async function newAdmin(role: 'schoolAdmin' | 'federationAdmin', scope: { schoolId: string } | { federationId: string }) {
  const invite = await api<Invite>('POST', '/v1/invites', { token: await as('district-admin'), body: { role, scope } });
  expect(invite.status).toBe(201);
  const login = await wechatLogin(uniqueId('o-admin'));
  const res = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name: '班级管理员' } });
  expect(res.status).toBe(200);
  return res.body.token;
}

const put = (token: string, schoolId: string, body: unknown) => api<ClassList & ErrorBody>('PUT', `/v1/schools/${schoolId}/classes`, { token, body });
const get = (token: string, schoolId: string, schoolYear?: string) =>
  api<ClassList & ErrorBody>('GET', `/v1/schools/${schoolId}/classes${schoolYear ? `?schoolYear=${schoolYear}` : ''}`, { token });
const named = (...names: string[]) => names.map((name) => ({ grade: gradeOfClass(name) ?? '', name }));

async function parentInviteFor(schoolId: string, token: string) {
  const res = await api<Invite>('POST', '/v1/invites', { token, body: { role: 'parent', scope: { schoolId }, maxUses: 20 } });
  expect(res.status).toBe(201);
  return res.body.code;
}

async function bind(inviteCode: string, childName: string, className: string) {
  const login = await wechatLogin(uniqueId('o-parent'));
  return api<AuthResult & ErrorBody>('POST', '/v1/parents/bind', { token: login.token, body: { inviteCode, childName, className, name: '家长', guardianConsent: true } });
}

describe('a school year’s classes (PUT/GET /v1/schools/{id}/classes)', () => {
  it('replaces the year’s list for the school’s admin and reads it back in school order; the current year by default', async () => {
    const federation = await newFederation();
    const school = await newSchool(federation.id);
    const admin = await newAdmin('schoolAdmin', { schoolId: school.id });
    const saved = await put(admin, school.id, { schoolYear: YEAR, classes: named('二年级(1)班', '一年级(10)班', '一年级(2)班', '一年级（1）班') });
    expect(saved.status).toBe(200);
    expect(saved.body.classes.map((c) => c.name)).toEqual(['一年级(1)班', '一年级(2)班', '一年级(10)班', '二年级(1)班']);
    expect((await get(admin, school.id)).body).toMatchObject({ schoolId: school.id, schoolYear: YEAR, classes: saved.body.classes });
    expect((await get(admin, school.id, NEXT)).body.classes).toEqual([]);

    const replaced = await put(admin, school.id, { schoolYear: YEAR, classes: named('一年级(1)班') });
    expect(replaced.body.classes).toEqual([{ grade: '一年级', name: '一年级(1)班' }]);
    const next = await put(admin, school.id, { schoolYear: NEXT, classes: named('二年级(1)班') });
    expect(next.status).toBe(200);
    expect((await get(admin, school.id)).body.classes).toEqual([{ grade: '一年级', name: '一年级(1)班' }]);
  });

  it('refuses bad input with a Chinese message: year format, non-consecutive years, past years, grade and name, duplicates, too many', async () => {
    const federation = await newFederation();
    const school = await newSchool(federation.id);
    const token = await as('district-admin');
    const cases: Array<[unknown, string, RegExp]> = [
      [{ schoolYear: '2026', classes: [] }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ schoolYear: '2026-2028', classes: [] }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ schoolYear: previousSchoolYear(YEAR), classes: [] }, 'SCHOOL_YEAR_CLOSED', /往年/],
      [{ schoolYear: nextSchoolYear(NEXT), classes: [] }, 'SCHOOL_YEAR_CLOSED', /本学年/],
      [{ schoolYear: YEAR, classes: [{ grade: '十年级', name: '十年级(1)班' }] }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ schoolYear: YEAR, classes: [{ grade: '一年级', name: '二年级(1)班' }] }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ schoolYear: YEAR, classes: [{ grade: '一年级', name: '火箭班' }] }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ schoolYear: YEAR, classes: [{ grade: '一年级', name: '一年级#1班' }] }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ schoolYear: YEAR, classes: [{ grade: '一年级', name: '一年级(1)班', extra: 1 }] }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ schoolYear: YEAR, classes: named('一年级(1)班', '一年级（1）班') }, 'CLASS_DUPLICATE', /「一年级\(1\)班」重复/],
      [{ schoolYear: YEAR, classes: Array.from({ length: 301 }, (_, i) => ({ grade: '一年级', name: `一年级(${i + 1})班` })) }, 'VALIDATION_FAILED', /提交的内容有误/],
      [{ classes: [] }, 'VALIDATION_FAILED', /提交的内容有误/],
    ];
    for (const [body, code, message] of cases) {
      const res = await put(token, school.id, body);
      expect({ status: res.status, code: res.body.code }, JSON.stringify(body).slice(0, 80)).toEqual({ status: 400, code });
      expect(res.body.message).toMatch(message);
    }
    const detail = await put(token, school.id, { schoolYear: YEAR, classes: [{ grade: '一年级', name: '二年级(1)班' }] });
    expect(JSON.stringify(detail.body.details)).toContain('班级名称应以所在年级开头');
    expect((await get(token, school.id, 'not-a-year')).status).toBe(400);
    expect((await get(token, 'sch-missing')).status).toBe(404);
    expect((await get(token, school.id)).body.classes).toEqual([]);
  });

  it('lets a school’s own admins, its federation’s and the district’s change it, and nobody of another school or federation', async () => {
    const federation = await newFederation();
    const [school, sibling] = [await newSchool(federation.id), await newSchool(federation.id)];
    const other = await newSchool((await newFederation()).id);
    const schoolAdmin = await newAdmin('schoolAdmin', { schoolId: school.id });
    const fedAdmin = await newAdmin('federationAdmin', { federationId: federation.id });
    const body = { schoolYear: YEAR, classes: named('三年级(1)班') };
    expect((await put(schoolAdmin, school.id, body)).status).toBe(200);
    expect((await put(fedAdmin, school.id, body)).status).toBe(200);
    expect((await put(await as('district-admin'), other.id, body)).status).toBe(200);
    const refused = [
      await put(schoolAdmin, sibling.id, body),
      await put(fedAdmin, other.id, body),
      await put(await as('core-admin'), school.id, body),
      await put(await as('fed-admin'), school.id, body),
      await put(await as('core-teacher-1'), 'sch-core', body),
      await put(await as('parent-1'), 'sch-core', body),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(refused[0]?.body.message).toMatch(/管理员/);
    // Reading: anyone of the school's federation and the district; another federation sees no such school.
    expect((await get(schoolAdmin, sibling.id)).status).toBe(200);
    expect((await get(schoolAdmin, other.id)).status).toBe(404);
    expect((await get(await as('core-teacher-1'), school.id)).status).toBe(404);
    expect((await get(await as('core-teacher-1'), 'sch-core')).status).toBe(200);
    expect((await api('GET', `/v1/schools/${school.id}/classes`)).status).toBe(401);
  });

  it('keeps one of two saves at once whole, never a mix, and tells the other to reload', async () => {
    const school = await newSchool((await newFederation()).id);
    const token = await as('district-admin');
    const lists = [named('一年级(1)班', '一年级(2)班'), named('二年级(1)班', '二年级(2)班', '二年级(3)班')];
    const results = await Promise.all(lists.map((classes) => put(token, school.id, { schoolYear: YEAR, classes })));
    for (const r of results) expect([200, 409]).toContain(r.status);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/刷新/) });
    const final = (await get(token, school.id)).body.classes.map((c) => c.name);
    expect(lists.map((l) => l.map((c) => c.name))).toContainEqual(final);
  });
});

describe('parents bind only to listed classes', () => {
  it('offers the school’s classes for an invite, binds to a listed class and refuses free text or a school without classes', async () => {
    const federation = await newFederation();
    const [school, empty] = [await newSchool(federation.id), await newSchool(federation.id)];
    const admin = await newAdmin('schoolAdmin', { schoolId: school.id });
    expect((await put(admin, school.id, { schoolYear: YEAR, classes: named('一年级(1)班', '一年级(2)班') })).status).toBe(200);
    const code = await parentInviteFor(school.id, admin);

    const parent = await wechatLogin(uniqueId('o-look'));
    const offered = await api<BindClasses>('GET', `/v1/parents/classes?inviteCode=${code.toLowerCase()}`, { token: parent.token });
    expect(offered.status).toBe(200);
    expect(offered.body).toEqual({ school: { id: school.id, name: school.name }, schoolYear: YEAR, classes: named('一年级(1)班', '一年级(2)班') });
    expect((await api<ErrorBody>('GET', '/v1/parents/classes?inviteCode=ZZZZZZZZ', { token: parent.token })).body.code).toBe('INVITE_INVALID');
    expect((await api('GET', `/v1/parents/classes?inviteCode=${code}`)).status).toBe(401);

    const unlisted = await bind(code, '小明', '一年级(3)班');
    expect(unlisted.status).toBe(400);
    expect(unlisted.body).toMatchObject({ code: 'CLASS_NOT_LISTED', message: expect.stringMatching(/一年级\(3\)班.*请从学校设置的班级中选择/) });

    const bound = await bind(code, '小明', '一年级（2）班');
    expect(bound.status).toBe(200);
    expect(bound.body.user.children).toMatchObject([{ schoolId: school.id, grade: '一年级', className: '一年级(2)班' }]);

    const none = await bind(await parentInviteFor(empty.id, await as('district-admin')), '小红', '一年级(1)班');
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'CLASSES_NOT_SET', message: expect.stringMatching(/还没有设置本学年的班级/) });
    const noneOffered = await api<BindClasses>('GET', `/v1/parents/classes?inviteCode=${await parentInviteFor(empty.id, await as('district-admin'))}`, { token: parent.token });
    expect(noneOffered.body.classes).toEqual([]);

    // A class children are bound to cannot be removed (nor renamed); the others can.
    const removing = await put(admin, school.id, { schoolYear: YEAR, classes: named('一年级(1)班') });
    expect(removing.status).toBe(409);
    expect(removing.body).toMatchObject({ code: 'CLASS_HAS_CHILDREN', message: expect.stringMatching(/「一年级\(2\)班」（1 名学生）.*不能删除/) });
    expect((await put(admin, school.id, { schoolYear: YEAR, classes: named('一年级(2)班', '一年级(5)班') })).status).toBe(200);
  });
});

describe('the school-year rollover', () => {
  const classes = () => makeClassRepository(testTable());

  async function rolloverSchool(stage: School['stage'], names: string[]) {
    const school = await newSchool((await newFederation()).id, stage);
    const admin = await as('district-admin');
    expect((await put(admin, school.id, { schoolYear: YEAR, classes: named(...names) })).status).toBe(200);
    return { school, admin, code: await parentInviteFor(school.id, admin) };
  }

  it('advances each class and its children a grade, graduates the top grade, keeps last year, and changes nothing the second time', async () => {
    const { school, admin, code } = await rolloverSchool('primary', ['一年级(1)班', '一年级(2)班', '五年级(1)班', '六年级(1)班', '六年级(2)班']);
    const mother = await bind(code, '小雨', '一年级(2)班');
    const father = await bind(code, '小雨', '一年级(2)班');
    const senior = await bind(code, '大山', '六年级(1)班');
    expect([mother.status, father.status, senior.status]).toEqual([200, 200, 200]);

    const report = await rolloverSchoolYear(testTable(), { to: NEXT, schoolIds: [school.id] });
    expect(report).toEqual({
      from: YEAR,
      to: NEXT,
      schools: [{ schoolId: school.id, schoolName: school.name, classesCreated: 3, classesGraduated: 2, childrenAdvanced: 1, childrenGraduated: 1, childrenAlready: 0 }],
      moves: [],
    });
    expect((await get(admin, school.id, NEXT)).body.classes.map((c) => c.name)).toEqual(['二年级(1)班', '二年级(2)班', '六年级(1)班']);
    // Nothing lost: last year's classes and bindings stay readable.
    expect((await get(admin, school.id, YEAR)).body.classes).toHaveLength(5);
    const past = await classes().pastChildLinksOfSchool(school.id, YEAR);
    expect(past.map((l) => `${l.name} ${l.className}`).sort()).toEqual(['大山 六年级(1)班', '小雨 一年级(2)班', '小雨 一年级(2)班']);

    const me = async (token: string) => (await api<User>('GET', '/v1/me', { token })).body.children;
    expect(await me(mother.body.token)).toMatchObject([{ name: '小雨', grade: '二年级', className: '二年级(2)班' }]);
    expect(await me(father.body.token)).toMatchObject([{ name: '小雨', grade: '二年级', className: '二年级(2)班' }]);
    expect(await me(senior.body.token)).toMatchObject([{ name: '大山', grade: '六年级', className: '六年级(1)班', graduatedIn: YEAR }]);
    // The school's current families are the advanced ones; graduates have left them.
    expect((await classes().childLinksOfSchool(school.id)).map((l) => `${l.name} ${l.className} ${l.schoolYear}`)).toEqual([
      `小雨 二年级(2)班 ${NEXT}`,
      `小雨 二年级(2)班 ${NEXT}`,
    ]);
    // In the new year a class with children cannot be removed either.
    const removing = await put(admin, school.id, { schoolYear: NEXT, classes: named('二年级(1)班', '六年级(1)班') });
    expect(removing.body).toMatchObject({ code: 'CLASS_HAS_CHILDREN', message: expect.stringMatching(/二年级\(2\)班/) });

    const again = await rolloverSchoolYear(testTable(), { to: NEXT, schoolIds: [school.id] });
    expect(again.schools).toEqual([
      { schoolId: school.id, schoolName: school.name, classesCreated: 0, classesGraduated: 2, childrenAdvanced: 0, childrenGraduated: 0, childrenAlready: 1 },
    ]);
    expect(await me(mother.body.token)).toMatchObject([{ grade: '二年级', className: '二年级(2)班' }]);
    expect(await classes().pastChildLinksOfSchool(school.id, YEAR)).toHaveLength(3);
  });

  it('graduates by the school’s stage: 大班 in a kindergarten, 初三 in a junior school, 六年级 moves on in a nine-year school', async () => {
    const kindergarten = await rolloverSchool('kindergarten', ['小班(1)班', '大班(1)班']);
    const junior = await rolloverSchool('junior', ['初一(1)班', '初三(1)班', '八年级(2)班']);
    const nineYear = await rolloverSchool('primary', ['六年级(1)班', '九年级(1)班']);
    const report = await rolloverSchoolYear(testTable(), { to: NEXT, schoolIds: [kindergarten.school.id, junior.school.id, nineYear.school.id] });
    expect(report.schools.map((s) => [s.classesCreated, s.classesGraduated]).sort()).toEqual([[1, 1], [1, 1], [2, 1]]);
    const next = async (s: { school: School; admin: string }) => (await get(s.admin, s.school.id, NEXT)).body.classes.map((c) => c.name);
    expect(await next(kindergarten)).toEqual(['中班(1)班']);
    expect(await next(junior)).toEqual(['九年级(2)班', '初二(1)班']);
    expect(await next(nineYear)).toEqual(['七年级(1)班']);
  });

  it('moves each child exactly once when two rollovers run at once', async () => {
    const { school, admin, code } = await rolloverSchool('primary', ['三年级(1)班', '三年级(2)班', '六年级(1)班']);
    const names = ['甲', '乙', '丙', '丁', '戊', '己'];
    for (const [i, name] of names.entries()) expect((await bind(code, name, i % 3 === 2 ? '六年级(1)班' : `三年级(${(i % 2) + 1})班`)).status).toBe(200);
    const runs = await Promise.all([1, 2].map(() => rolloverSchoolYear(testTable(), { to: NEXT, schoolIds: [school.id] })));
    const total = (key: 'classesCreated' | 'childrenAdvanced' | 'childrenGraduated') => runs.reduce((n, r) => n + (r.schools[0]?.[key] ?? 0), 0);
    expect([total('classesCreated'), total('childrenAdvanced'), total('childrenGraduated')]).toEqual([2, 4, 2]);
    expect((await get(admin, school.id, NEXT)).body.classes.map((c) => c.name)).toEqual(['四年级(1)班', '四年级(2)班']);
    expect(await classes().pastChildLinksOfSchool(school.id, YEAR)).toHaveLength(6);
    expect((await classes().childLinksOfSchool(school.id)).map((l) => l.grade)).toEqual(['四年级', '四年级', '四年级', '四年级']);
  });

  it('runs from the admin CLI with --to and prints what it did per school', async () => {
    const { school } = await rolloverSchool('primary', ['二年级(1)班']);
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'infra/src/admin/cli.ts', 'rollover', ...args, '--endpoint', stack().dynamoEndpoint, '--table', stack().tableName], {
        cwd: root,
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
      }).then(
        (out) => ({ code: 0, text: out.stdout + out.stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, text: error.stdout + error.stderr }),
      );
    const done = await cli('--to', NEXT, '--school', school.id);
    expect(done.code).toBe(0);
    expect(done.text).toContain(`学年升级：${YEAR} → ${NEXT}`);
    expect(done.text).toContain(`${school.name}：新建班级 1 个`);
    const bad = await cli('--to', '2027-2029');
    expect(bad.code).toBe(2);
    expect(bad.text).toContain('--to');
  });
});

describe('a child keeps one record across the rollover', () => {
  const LAST = previousSchoolYear(YEAR);

  /**
   * The binding as it ran last school year: the real family service on the test table with a clock in October of
   * that year (the API's clock is today's, and a parent can only bind to this year's classes).
   */
  async function bindLastYear(inviteCode: string, childName: string, className: string) {
    const parent = await wechatLogin(uniqueId('o-last-year'));
    const ctx = testTable();
    const federations = makeFederationRepository(ctx);
    const family = makeFamilyService({
      users: makeUserRepository(ctx),
      invites: makeInviteRepository(ctx),
      federations,
      classes: {
        assertListed: async (schoolId: string, name: string) => {
          const list = await makeClassRepository(ctx).getList(schoolId, LAST);
          expect(list?.names).toContain(name);
          return LAST;
        },
      },
      clock: { now: () => new Date(`${LAST.slice(0, 4)}-10-15T02:00:00Z`) },
      auth: { issueForUserId: async () => ({}) },
      sessions: {},
      registrations: {},
      attendance: {},
      access: {},
    } as unknown as Parameters<typeof makeFamilyService>[0]);
    await family.bind({ userId: parent.user.id, roles: [] }, { inviteCode, childName, className, name: '去年的家长', guardianConsent: true });
    return parent.token;
  }

  it('lets a parent who binds after the rollover join the child bound before it; a third is refused; next year’s namesake is another child', async () => {
    const school = await newSchool((await newFederation()).id);
    const admin = await as('district-admin');
    await makeClassRepository(testTable()).addClasses(school.id, LAST, ['三年级(2)班', '六年级(1)班'], new Date().toISOString());
    const code = await parentInviteFor(school.id, admin);
    const mother = await bindLastYear(code, '小林', '三年级(2)班');
    const senior = await bindLastYear(code, '小山', '六年级(1)班');
    const me = async (token: string) => (await api<User>('GET', '/v1/me', { token })).body.children ?? [];
    const [before] = await me(mother);
    expect(before).toMatchObject({ name: '小林', className: '三年级(2)班' });

    const run = await rolloverSchoolYear(testTable(), { to: YEAR, schoolIds: [school.id] });
    expect(run.schools[0]).toMatchObject({ childrenAdvanced: 1, childrenGraduated: 1 });
    expect((await me(mother))[0]).toMatchObject({ id: before!.id, className: '四年级(2)班' });

    // The father binds this year, to the class the child is in now: the same child, two guardians.
    const father = await bind(code, '小林', '四年级（2）班');
    expect(father.status, JSON.stringify(father.body)).toBe(200);
    expect(father.body.user.children).toMatchObject([{ id: before!.id, name: '小林', className: '四年级(2)班' }]);
    const family = (await makeClassRepository(testTable()).childLinksOfSchool(school.id, { grade: '四年级', className: '四年级(2)班' })).map((l) => l.id);
    expect(family).toEqual([before!.id, before!.id]);

    // A third guardian is refused, before and after a second rollover run (which moves nothing twice).
    const third = await bind(code, '小林', '四年级(2)班');
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: 'CHILD_PARENTS_FULL', message: expect.stringMatching(/两位家长/) });
    expect((await rolloverSchoolYear(testTable(), { to: YEAR, schoolIds: [school.id] })).schools[0]).toMatchObject({ childrenAdvanced: 0, childrenAlready: 1 });
    expect((await bind(code, '小林', '四年级(2)班')).body.code).toBe('CHILD_PARENTS_FULL');

    // This year's 三年级(2)班 has a 小林 of its own: another child, not last year's.
    expect((await put(admin, school.id, { schoolYear: YEAR, classes: named('三年级(2)班', '四年级(2)班') })).status).toBe(200);
    const namesake = await bind(code, '小林', '三年级(2)班');
    expect(namesake.status).toBe(200);
    expect(namesake.body.user.children?.[0]?.id).not.toBe(before!.id);

    // The graduate stays listed with the year it left, as before.
    expect(await me(senior)).toMatchObject([{ name: '小山', className: '六年级(1)班', graduatedIn: LAST }]);
  });
});
