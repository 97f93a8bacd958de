import * as z from 'zod/mini';
import {
  CreatePersonRequest,
  POSITION_LABELS,
  type SUBJECT_NAMES,
  TITLE_LABELS,
  UpdatePersonRequest,
  type FederationWithSchools,
  type Person,
  type PersonStatus,
  type Position,
  type Title,
  type User,
} from '@lianyan/shared';
import type { Tone } from '@/utils/labels';

/** The subjects and grades offered as chips; the API takes any short word, these are the common ones. */
// The chips offered first: the most common of the names an import accepts (SUBJECT_NAMES in shared), so a subject
// picked here is one the roster file may carry too.
export const COMMON_SUBJECTS = ['语文', '数学', '英语', '科学', '道德与法治', '音乐', '体育', '美术', '信息技术', '物理', '化学', '生物', '历史', '地理'] as const satisfies ReadonlyArray<(typeof SUBJECT_NAMES)[number]>;
export const COMMON_GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '初一', '初二', '初三'] as const;

export const STATUS_BADGES: Record<PersonStatus, { label: string; tone: Tone }> = {
  invited: { label: '待登录', tone: 'warn' },
  active: { label: '已登录', tone: 'ok' },
  left: { label: '已离校', tone: 'muted' },
};

export const PAGE_SIZE = 50;

/** Where the import page (built beside this one) takes a school's Excel roster. */
export const importPageUrl = (schoolId: string) => `/packages/admin/import/index?schoolId=${encodeURIComponent(schoolId)}`;

export interface SchoolChoice {
  id: string;
  name: string;
  federationName: string;
}

/** The schools whose roster this admin keeps: all for the district, a federation's for its admins, their own for school admins. */
export function managedSchools(user: User, federations: readonly FederationWithSchools[]): SchoolChoice[] {
  const district = user.roles.some((g) => g.role === 'districtAdmin');
  const feds = new Set(user.roles.flatMap((g) => (g.role === 'federationAdmin' && 'federationId' in g.scope ? [g.scope.federationId] : [])));
  const own = new Set(user.roles.flatMap((g) => (g.role === 'schoolAdmin' && 'schoolId' in g.scope ? [g.scope.schoolId] : [])));
  return federations.flatMap(({ federation, schools }) =>
    schools
      .filter((s) => district || feds.has(federation.id) || own.has(s.id))
      .sort((a, b) => Number(b.isCore) - Number(a.isCore) || a.name.localeCompare(b.name, 'zh-CN'))
      .map((s) => ({ id: s.id, name: s.name, federationName: federation.name })),
  );
}

/** The school asked for in the link when this admin keeps it, else the first one. */
export function initialSchoolId(asked: string | undefined, schools: readonly SchoolChoice[]): string | undefined {
  return schools.find((s) => s.id === asked)?.id ?? schools[0]?.id;
}

/** The next page appended; a person already shown (the list moved under us) is not shown twice. */
export function appendPage(items: readonly Person[], next: readonly Person[]): Person[] {
  const seen = new Set(items.map((p) => p.id));
  return [...items, ...next.filter((p) => !seen.has(p.id))];
}

export const replacePerson = (items: readonly Person[], person: Person): Person[] => items.map((p) => (p.id === person.id ? person : p));

/** 职务 · 学科 · 年级 · 称号, as one line under the name. */
export function personDetails(person: Person): string[] {
  return [
    person.position ? POSITION_LABELS[person.position] : '',
    person.subjects.join('、'),
    person.grades.join('、'),
    person.titles.map((t) => TITLE_LABELS[t]).join('、'),
  ].filter(Boolean);
}

export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export interface PersonForm {
  name: string;
  /** The full number; blank when editing keeps the number on file (only its masked form is ever shown). */
  phone: string;
  position: Position;
  subjects: string[];
  grades: string[];
  titles: Title[];
}
export type PersonFormErrors = Partial<Record<keyof PersonForm, string>>;

export const emptyPersonForm = (): PersonForm => ({ name: '', phone: '', position: 'teacher', subjects: [], grades: [], titles: [] });

export const personFormOf = (person: Person): PersonForm => ({
  name: person.name,
  phone: '',
  position: person.position ?? 'teacher',
  subjects: [...person.subjects],
  grades: [...person.grades],
  titles: [...person.titles],
});

function firstErrors(error: z.core.$ZodError): PersonFormErrors {
  const errors: PersonFormErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'name') as keyof PersonFormErrors;
    errors[field] ??= issue.message;
  }
  return errors;
}

export type Checked<T> = { ok: true; request: T } | { ok: false; errors: PersonFormErrors };

/** A new teacher's request, checked with the API's own schema (phone digits only: spaces and dashes dropped). */
export function checkNewPerson(form: PersonForm): Checked<CreatePersonRequest> {
  const parsed = CreatePersonRequest.safeParse({ ...form, phone: form.phone.replace(/[\s-]/g, '') });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, errors: firstErrors(parsed.error) };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Only what changed; a blank phone keeps the number on file. */
export function checkPersonChange(person: Person, form: PersonForm): Checked<UpdatePersonRequest> {
  const change: Record<string, unknown> = {};
  if (form.name.trim() !== person.name) change.name = form.name;
  const phone = form.phone.replace(/[\s-]/g, '');
  if (phone) change.phone = phone;
  if (form.position !== (person.position ?? 'teacher')) change.position = form.position;
  if (!same(form.subjects, person.subjects)) change.subjects = form.subjects;
  if (!same(form.grades, person.grades)) change.grades = form.grades;
  if (!same(form.titles, person.titles)) change.titles = form.titles;
  const parsed = UpdatePersonRequest.safeParse(change);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, errors: firstErrors(parsed.error) };
}
