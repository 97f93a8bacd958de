// Sessions happen in China: times are shown in Asia/Shanghai (UTC+8, no DST) whatever the phone's zone.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

// Intl time zones are missing on some mini-program engines, so shift and read the UTC fields.
function shanghaiParts(iso: string): Parts | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `11月23日 周一` */
export function formatDay(iso: string): string {
  const p = shanghaiParts(iso);
  return p ? `${p.month}月${p.day}日 ${WEEKDAYS[p.weekday]}` : '';
}

/** `09:30` */
export function formatClock(iso: string): string {
  const p = shanghaiParts(iso);
  return p ? `${pad(p.hour)}:${pad(p.minute)}` : '';
}

/** `11月23日 09:30` */
export function formatDateTime(iso: string): string {
  const p = shanghaiParts(iso);
  return p ? `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}` : '';
}

/** `11月23日 周一 09:30–11:00`, or both days when the session runs past midnight. */
export function formatRange(startAt: string, endAt: string): string {
  const start = formatDay(startAt);
  const end = formatDay(endAt);
  if (!start || !end) return '';
  if (start === end) return `${start} ${formatClock(startAt)}–${formatClock(endAt)}`;
  return `${start} ${formatClock(startAt)} – ${end} ${formatClock(endAt)}`;
}

/** `2026-11-23` for a date picker. */
export function toDateInput(iso: string): string {
  const p = shanghaiParts(iso);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)}` : '';
}

/** `09:30` for a time picker. */
export function toTimeInput(iso: string): string {
  return formatClock(iso);
}

/** A Shanghai date and time from pickers as UTC ISO, so start times sort as strings on the server. */
export function fromDateTimeInputs(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return '';
  const ms = Date.parse(`${date}T${time}:00+08:00`);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}
