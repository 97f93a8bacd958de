import { gradeOfClass, type BindClasses, type SchoolClass } from '@lianyan/shared';

// The bind page: a parent picks the child's grade, then the class, from the classes the invite's school lists.

export type Field = 'inviteCode' | 'childName' | 'className' | 'name' | 'phone';
export type Form = Record<Field, string>;

export const emptyForm = (): Form => ({ inviteCode: '', childName: '', className: '', name: '', phone: '' });

/** The request from the form: optional fields left out when empty. */
export function bindRequestOf(form: Form, guardianConsent = false) {
  return {
    ...(guardianConsent ? { guardianConsent: true as const } : {}),
    inviteCode: form.inviteCode,
    childName: form.childName,
    className: form.className,
    ...(form.name.trim() ? { name: form.name } : {}),
    ...(form.phone.trim() ? { phone: form.phone } : {}),
  };
}

/** What the invite code typed so far is: too short to look up, or a code whose classes to load. */
export const codeToLookUp = (typed: string) => (/^[A-Z0-9]{8}$/.test(typed) ? typed : undefined);

/** The grades that have classes, in school order (the list comes sorted). */
export const gradesOf = (classes: readonly SchoolClass[]) => [...new Set(classes.map((c) => c.grade))];

export const classesOf = (classes: readonly SchoolClass[], grade: string) => classes.filter((c) => c.grade === grade).map((c) => c.name);

/** What the class part of the page shows for the loaded list. */
export type ClassChoice =
  | { kind: 'none'; message: string }
  /** A 班主任's invite names the class: nothing to pick. */
  | { kind: 'fixed'; grade: string; className: string }
  | { kind: 'pick'; grades: string[] };

export function classChoice(found: BindClasses): ClassChoice {
  if (found.className) return { kind: 'fixed', grade: gradeOfClass(found.className) ?? '', className: found.className };
  if (found.classes.length === 0) {
    return { kind: 'none', message: `${found.school.name}还没有设置本学年的班级，暂时不能绑定。请联系班主任或学校管理员在「班级管理」中添加班级。` };
  }
  return { kind: 'pick', grades: gradesOf(found.classes) };
}
