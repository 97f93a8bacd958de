import * as z from 'zod/mini';
import { SchoolYear } from './archive.ts';
import { Id } from './common.ts';
import { gradeOfClass } from './family.ts';
import type { School } from './federations.ts';

type SchoolStage = School['stage'];
import { line } from './fields.ts';
import { InviteCode } from './invites.ts';
import { schoolYearOf } from './semester.ts';

// 班级管理: a school's classes of a school year (from 1 September, Asia/Shanghai), and the yearly rollover.

/** The school year under way at an instant (it starts on 1 September in Asia/Shanghai): `2026-2027`. */
export const currentSchoolYear = (now: Date | string = new Date()) => schoolYearOf(now);

const firstYearOf = (schoolYear: string) => Number(schoolYear.slice(0, 4));
/** `2026-2027` → `2027-2028`. */
export const nextSchoolYear = (schoolYear: string) => `${firstYearOf(schoolYear) + 1}-${firstYearOf(schoolYear) + 2}`;
/** `2027-2028` → `2026-2027`. */
export const previousSchoolYear = (schoolYear: string) => `${firstYearOf(schoolYear) - 1}-${firstYearOf(schoolYear)}`;

/** The grades a class may belong to, in school order (七年级 … 九年级 and 初一 … 初三 are both in use). */
export const GRADES = [
  '小班', '中班', '大班',
  '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级',
  '初一', '初二', '初三', '高一', '高二', '高三',
] as const;
export type Grade = (typeof GRADES)[number];

/** The grades each stage offers (what the class page lists first). */
export const STAGE_GRADES: Record<SchoolStage, readonly Grade[]> = {
  kindergarten: ['小班', '中班', '大班'],
  primary: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'],
  junior: ['初一', '初二', '初三', '七年级', '八年级', '九年级'],
  senior: ['高一', '高二', '高三'],
};

/** The last grade of each way of counting, per stage: a class there graduates at the rollover. */
const TOP_GRADES: Record<SchoolStage, readonly string[]> = {
  kindergarten: ['大班'],
  primary: ['六年级', '九年级'],
  junior: ['初三', '九年级'],
  senior: ['高三'],
};
const SEQUENCES: readonly (readonly string[])[] = [
  ['小班', '中班', '大班'],
  ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级'],
  ['初一', '初二', '初三'],
  ['高一', '高二', '高三'],
];

/**
 * The grade a class moves to at the rollover, or `undefined` when it graduates (the top grade of its stage). A
 * primary school with 七年级 … 九年级 classes is a nine-year school (九年一贯制): its 六年级 moves on to 七年级.
 */
export function nextGrade(grade: string, stage: SchoolStage, options: { nineYear?: boolean } = {}): string | undefined {
  const top: readonly string[] = options.nineYear && stage === 'primary' ? ['九年级'] : TOP_GRADES[stage];
  if (top.includes(grade)) return undefined;
  const sequence = SEQUENCES.find((s) => s.includes(grade));
  return sequence?.[sequence.indexOf(grade) + 1];
}

/** Whether a school's classes make it a nine-year school (七年级 … 九年级 beside the primary grades). */
export const isNineYear = (grades: Iterable<string>) => [...grades].some((g) => g === '七年级' || g === '八年级' || g === '九年级');

const GRADE_PREFIX = /^(?:[一二三四五六七八九1-9]年级|[初高][一二三]|[小中大]班)/;

/** `一年级(1)班` → `二年级(1)班`: the class name with its grade replaced. */
export const classNameInGrade = (name: string, grade: string) => name.replace(GRADE_PREFIX, grade);

/** `一年级（2）班 ` → `一年级(2)班`: how a class is written in keys, whatever the keyboard. */
export const normalizeClassName = (name: string) => name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

export const CLASS_ERROR_MESSAGES = {
  CLASS_NOT_LISTED: '请从学校设置的班级中选择孩子的班级',
  CLASSES_NOT_SET: '学校还没有设置本学年的班级，暂时不能绑定。请联系班主任或学校管理员在「班级管理」中添加班级',
  CLASS_DUPLICATE: '班级重复，请删除重复的班级后再保存',
  SCHOOL_YEAR_CLOSED: '往年的班级已归档，不能修改；请选择本学年或下一学年',
} as const;

export const SchoolClass = z.object({ grade: z.string(), name: z.string() });
export type SchoolClass = z.infer<typeof SchoolClass>;

const ClassGrade = z.enum(GRADES, { error: '请选择年级（一年级 … 九年级、初一 … 高三、小班 / 中班 / 大班）' });
const ClassEntryName = line(
  '班级名称',
  20,
  1,
  z.overwrite(normalizeClassName),
  z.refine((v) => !v.includes('#'), '班级名称不能含有 #'),
  z.refine((v) => gradeOfClass(v) !== undefined, '请按「一年级(2)班」「初二(3)班」「大班(1)班」的格式填写班级'),
);

export const ClassEntry = z
  .strictObject({ grade: ClassGrade, name: ClassEntryName })
  .check(
    z.refine((c) => gradeOfClass(c.name) === c.grade, { error: '班级名称应以所在年级开头，如「一年级(2)班」', path: ['name'] }),
  );

export const PutClassesRequest = z.strictObject({
  schoolYear: SchoolYear,
  /** The whole list of the year: classes left out are removed. */
  classes: z.array(ClassEntry).check(z.maxLength(300, '一所学校一个学年最多 300 个班级')),
});
export type PutClassesRequest = z.infer<typeof PutClassesRequest>;

export const ClassesQuery = z.strictObject({ schoolYear: z.optional(SchoolYear) });
export type ClassesQuery = z.infer<typeof ClassesQuery>;

export const ClassList = z.object({
  schoolId: Id,
  schoolYear: z.string(),
  /** Grade by grade, class by class number. */
  classes: z.array(SchoolClass),
  updatedAt: z.optional(z.string()),
});
export type ClassList = z.infer<typeof ClassList>;

/** What a parent with an invite code may pick from on the bind page. */
export const BindClassesQuery = z.strictObject({ inviteCode: InviteCode });
export type BindClassesQuery = z.infer<typeof BindClassesQuery>;

export const BindClasses = z.object({
  school: z.object({ id: Id, name: z.string() }),
  schoolYear: z.string(),
  classes: z.array(SchoolClass),
  /** Set when the invite is for one class (a 班主任's invite): the only class offered. */
  className: z.optional(z.string()),
});
export type BindClasses = z.infer<typeof BindClasses>;

/** What a rollover did, school by school. */
const RolloverSchoolReport = z.object({
  schoolId: Id,
  schoolName: z.string(),
  /** Classes of the new year written by this run (0 when a run before already did). */
  classesCreated: z.int(),
  /** Classes of the old year whose grade graduated. */
  classesGraduated: z.int(),
  childrenAdvanced: z.int(),
  childrenGraduated: z.int(),
  /** Children a run before (or one at the same time) already moved. */
  childrenAlready: z.int(),
});
/** A pending school move the rollover reached: applied now (`moved`), or left pending with the reason (`refused`). */
export const RolloverMoveReport = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  fromFederationId: z.string(),
  toFederationId: z.string(),
  outcome: z.enum(['moved', 'refused']),
  reason: z.optional(z.string()),
});
export type RolloverMoveReport = z.infer<typeof RolloverMoveReport>;
export const RolloverReport = z.object({
  from: z.string(),
  to: z.string(),
  schools: z.array(RolloverSchoolReport),
  /** The schools that moved federation from `to` (pending moves applied by this run; a second run finds none). */
  moves: z.array(RolloverMoveReport),
});
export type RolloverReport = z.infer<typeof RolloverReport>;
