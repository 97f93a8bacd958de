// Semesters: `2026-2027-1` (autumn, from 1 Sep) and `2026-2027-2` (spring, from 1 Feb), in Asia/Shanghai.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

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
