import { currentSemester, previousSemester } from '@lianyan/shared';

/** This semester and the three before it, newest first. */
export function semesterOptions(now: Date, count = 4): string[] {
  const list = [currentSemester(now)];
  while (list.length < count) list.push(previousSemester(list[list.length - 1] ?? ''));
  return list;
}

/** `2026-2027-1` → `2026–2027 第一学期`. */
export const shortSemester = (s: string) => `${s.slice(0, 4)}–${s.slice(5, 9)} ${s.endsWith('-1') ? '第一学期' : '第二学期'}`;
