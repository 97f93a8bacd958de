import {
  GRADES,
  PutClassesRequest,
  STAGE_GRADES,
  compareClasses,
  currentSchoolYear,
  gradeOfClass,
  nextSchoolYear,
  normalizeClassName,
  type FederationWithSchools,
  type School,
  type User,
} from '@lianyan/shared';

// 班级管理 page logic: which schools the admin keeps classes for, the two school years, and the draft list.

export interface ManagedSchool {
  id: string;
  name: string;
  stage: School['stage'];
  federationName: string;
}

/** Schools whose classes this admin keeps: all for the district, the federation's for its admins, their own for school admins. */
export function manageableSchools(user: User, federations: readonly FederationWithSchools[]): ManagedSchool[] {
  const district = user.roles.some((g) => g.role === 'districtAdmin');
  const runs = new Set(user.roles.flatMap((g) => (g.role === 'federationAdmin' && 'federationId' in g.scope ? [g.scope.federationId] : [])));
  const own = new Set(user.roles.flatMap((g) => (g.role === 'schoolAdmin' && 'schoolId' in g.scope ? [g.scope.schoolId] : [])));
  return federations.flatMap(({ federation, schools }) =>
    schools
      .filter((s) => district || runs.has(federation.id) || own.has(s.id))
      .sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, 'zh-CN'))
      .map((s) => ({ id: s.id, name: s.name, stage: s.stage, federationName: federation.name })),
  );
}

/** The years a list may be changed for: this school year and the next (set up before 1 September). */
export function yearChoices(now: Date = new Date()) {
  const current = currentSchoolYear(now);
  const next = nextSchoolYear(current);
  return [
    { value: current, label: `本学年 ${current}` },
    { value: next, label: `下一学年 ${next}` },
  ];
}

/** The grades offered for a school: those of its stage. */
export const gradesFor = (stage: School['stage']) => [...STAGE_GRADES[stage]];
const isGrade = (value: string) => (GRADES as readonly string[]).includes(value);

const byClass = (a: string, b: string) => compareClasses({ grade: gradeOfClass(a) ?? '', className: a }, { grade: gradeOfClass(b) ?? '', className: b });
export const sortClasses = (names: readonly string[]) => [...names].sort(byClass);

/** The class numbers already used in a grade: `一年级(3)班` → 3. */
function numbersIn(names: readonly string[], grade: string): number[] {
  return names.flatMap((n) => {
    if (gradeOfClass(n) !== grade) return [];
    const match = /\((\d+)\)班$/.exec(n);
    return match ? [Number(match[1])] : [];
  });
}

const MAX_CLASSES = 300;
export type Edit = { ok: true; names: string[] } | { ok: false; error: string };

/** `count` classes of a grade after its highest number: 一年级 × 3 with (1)(2) there → (3)(4)(5). */
export function addBulk(names: readonly string[], grade: string, countText: string): Edit {
  if (!isGrade(grade)) return { ok: false, error: '请先选择年级' };
  const count = Number(countText.trim());
  if (!countText.trim() || !Number.isInteger(count) || count < 1 || count > 30) return { ok: false, error: '班级数应为 1 到 30 之间的整数' };
  const start = Math.max(0, ...numbersIn(names, grade));
  const added = Array.from({ length: count }, (_, i) => `${grade}(${start + i + 1})班`);
  if (names.length + added.length > MAX_CLASSES) return { ok: false, error: `一所学校一个学年最多 ${MAX_CLASSES} 个班级` };
  return { ok: true, names: sortClasses([...names, ...added]) };
}

/** A class renamed: checked as the server checks it (format, grade prefix), and never onto another class. */
export function rename(names: readonly string[], from: string, to: string): Edit {
  const name = normalizeClassName(to.trim());
  if (name === from) return { ok: true, names: [...names] };
  const parsed = PutClassesRequest.safeParse({ schoolYear: '2026-2027', classes: [{ grade: gradeOfClass(name) ?? '', name }] });
  if (!parsed.success) return { ok: false, error: '请按「一年级(2)班」「初二(3)班」「大班(1)班」的格式填写班级' };
  if (names.includes(name)) return { ok: false, error: `已有「${name}」，请换一个名称` };
  return { ok: true, names: sortClasses(names.map((n) => (n === from ? name : n))) };
}

export const remove = (names: readonly string[], name: string) => names.filter((n) => n !== name);

/** The list by grade, in school order. */
export function byGrade(names: readonly string[]): Array<{ grade: string; classes: string[] }> {
  const groups = new Map<string, string[]>();
  for (const name of sortClasses(names)) {
    const grade = gradeOfClass(name) ?? '其他';
    groups.set(grade, [...(groups.get(grade) ?? []), name]);
  }
  return [...groups.entries()].map(([grade, classes]) => ({ grade, classes }));
}

/** Whether the draft differs from what was saved. */
export function isChanged(saved: readonly string[], draft: readonly string[]): boolean {
  const [a, b] = [sortClasses(saved), sortClasses(draft)];
  return a.length !== b.length || a.some((n, i) => n !== b[i]);
}

/** The request for the draft, checked with the API's own schema. */
export function requestOf(schoolYear: string, names: readonly string[]): { ok: true; request: PutClassesRequest } | { ok: false; error: string } {
  const parsed = PutClassesRequest.safeParse({ schoolYear, classes: names.map((name) => ({ grade: gradeOfClass(name) ?? '', name })) });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? '班级有误，请检查后再保存' };
}
