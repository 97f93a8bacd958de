import * as z from 'zod/mini';
import { shaped } from './fields.ts';
// Semesters: `2026-2027-1` (autumn, from 1 Sep) and `2026-2027-2` (spring, from 1 Feb), in Asia/Shanghai.
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** `2026-11-23 10:05` in Asia/Shanghai, for people, spreadsheets and CSV ('' without an instant, as given if unreadable). */
export function shanghaiTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') : iso;
}

/** The calendar date in Asia/Shanghai (no DST there) of an instant. */
export function shanghaiDate(instant: Date | string): { year: number; month: number; day: number } {
  const d = new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function semesterOf(instant: Date | string, bounds = { autumnStartMonth: 9, springStartMonth: 2 }): string {
  const { year, month } = shanghaiDate(instant);
  if (month >= bounds.autumnStartMonth) return `${year}-${year + 1}-1`;
  if (month >= bounds.springStartMonth) return `${year - 1}-${year}-2`;
  return `${year - 1}-${year}-1`;
}

/** The school year (from 1 Sep, Asia/Shanghai) of an instant: `2026-2027`. */
/** `2026-2027` → `2026–2027 学年`: a range of years is written with an en dash, everywhere. */
export const schoolYearLabel = (schoolYear: string) => `${schoolYear.slice(0, 4)}–${schoolYear.slice(5, 9)} 学年`;

export function schoolYearOf(instant: Date | string): string {
  return semesterOf(instant).slice(0, 9);
}

/** A semester's first and last instants as UTC ISO strings, with the default boundaries (1 Sep, 1 Feb). */
export function semesterRange(semester: string): { from: string; to: string } {
  const match = /^(\d{4})-(\d{4})-([12])$/.exec(semester);
  if (!match) throw new Error(`not a semester: ${semester}`);
  const first = Number(match[1]);
  const [startYear, startMonth, endYear, endMonth] = match[3] === '1' ? [first, 9, first + 1, 2] : [first + 1, 2, first + 1, 9];
  // Midnight in Shanghai is 16:00 UTC the day before.
  const at = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_MS).toISOString();
  return { from: at(startYear, startMonth), to: new Date(Date.parse(at(endYear, endMonth)) - 1).toISOString() };
}

/** `2026-2027-1`: the autumn (1) or spring (2) semester of a school year of two consecutive years. */
export const Semester = shaped(/^\d{4}-\d{4}-[12]$/, '学期格式应为 2026-2027-1', 11, {
  then: [
    z.refine((s) => Number(s.slice(5, 9)) === Number(s.slice(0, 4)) + 1, '学期的两个年份应相邻，如 2026-2027-1'),
    z.refine((s) => Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) < 2100, '学期应在 2000 到 2100 年之间'),
  ],
});
