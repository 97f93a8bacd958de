import {
  schoolYearLabel,
  ARCHIVE_KIND_LABELS,
  ARCHIVE_KINDS,
  ATTENDANCE_STATUS_LABELS,
  ENTRY_STATUS_LABELS,
  LEVEL_LABELS,
  MENTOR_ROLE_LABELS,
  POSITION_LABELS,
  PROJECT_ROLE_LABELS,
  SESSION_KIND_LABELS,
  type ArchiveEntry,
  type ArchiveKind,
  type AttendanceStatus,
  type SchoolArchiveRow,
} from '@lianyan/shared';
import { formatHours, type Tone } from '@/utils/labels';

// School years

/** `2026-2027` → `2025-2026` for -1. */
export function shiftYear(year: string, delta: number): string {
  const start = Number(year.slice(0, 4)) + delta;
  return `${start}-${start + 1}`;
}

export const yearLabel = schoolYearLabel;

/** `2026-2027-1` → `2026–2027 学年第一学期`. */
export function semesterLabel(semester: string): string {
  const part = semester.endsWith('-1') ? '第一学期' : '第二学期';
  return `${schoolYearLabel(semester)}${part}`;
}

// The timeline

/** `2026-11-23` → `11月23日`. */
/** `9月5日`; with the year (`2023年12月2日`) where no month heading above says it, as in 档案审核. */
export function dayLabel(date: string, withYear = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return match ? `${withYear ? `${match[1]}年` : ''}${Number(match[2])}月${Number(match[3])}日` : date;
}

export interface MonthGroup {
  /** `2026-11` */
  key: string;
  /** `2026年11月` */
  label: string;
  entries: ArchiveEntry[];
}

/** Lines by month, newest month and newest line first (same day: the later created first). */
export function groupByMonth(entries: readonly ArchiveEntry[]): MonthGroup[] {
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
  const groups: MonthGroup[] = [];
  for (const entry of sorted) {
    const key = entry.date.slice(0, 7);
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      group = { key, label: `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`, entries: [] };
      groups.push(group);
    }
    group.entries.push(entry);
  }
  return groups;
}

export type KindFilter = 'all' | ArchiveKind;

/** The filter chips: 全部, then each kind the year holds, in the usual order, with its count. */
export function kindFilters(entries: readonly ArchiveEntry[]): Array<{ value: KindFilter; label: string; count: number }> {
  const counts = new Map<ArchiveKind, number>();
  for (const entry of entries) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
  return [
    { value: 'all', label: '全部', count: entries.length },
    ...ARCHIVE_KINDS.filter((kind) => counts.has(kind)).map((kind) => ({ value: kind, label: ARCHIVE_KIND_LABELS[kind], count: counts.get(kind) ?? 0 })),
  ];
}

export function filterByKind(entries: readonly ArchiveEntry[], kind: KindFilter): ArchiveEntry[] {
  return kind === 'all' ? [...entries] : entries.filter((entry) => entry.kind === kind);
}

export function entryBadge(entry: Pick<ArchiveEntry, 'source' | 'status'>): { label: string; tone: Tone } {
  if (entry.source === 'derived') return { label: '系统自动记录', tone: 'info' };
  const tone: Record<ArchiveEntry['status'], Tone> = { pending: 'warn', approved: 'ok', rejected: 'bad' };
  return { label: ENTRY_STATUS_LABELS[entry.status], tone: tone[entry.status] };
}

/** A teacher may change or remove their own entered lines until they are approved. */
export function isEditable(entry: Pick<ArchiveEntry, 'source' | 'status'>): boolean {
  return entry.source === 'entered' && (entry.status === 'pending' || entry.status === 'rejected');
}

export interface Detail {
  label: string;
  value: string;
  /** Long text shown under its label rather than beside it. */
  long?: boolean;
}

const stars = (n: number) => '★★★★★☆☆☆☆☆'.slice(5 - n, 10 - n);
const joined = (...parts: Array<string | undefined>) => parts.filter((p) => p && p.trim()).join(' · ');

/** What an entry says, as label–value lines for the timeline and the review list. */
export function entryDetails(entry: ArchiveEntry): Detail[] {
  const lines: Array<Detail | null> = [];
  const add = (label: string, value: string | undefined, long = false) => {
    if (value && value.trim()) lines.push({ label, value, ...(long ? { long } : {}) });
  };
  if (entry.source === 'derived') {
    add('活动类型', entry.sessionKind ? SESSION_KIND_LABELS[entry.sessionKind] : undefined);
    add('说明', entry.detail);
    if (entry.attendanceStatus && entry.attendanceStatus in ATTENDANCE_STATUS_LABELS) {
      add('签到情况', ATTENDANCE_STATUS_LABELS[entry.attendanceStatus as AttendanceStatus]);
    }
    if (entry.hours > 0 || entry.kind === 'research_attendance') add('计入学时', `${formatHours(entry.hours)} 学时`);
    return lines.filter((line): line is Detail => line !== null);
  }
  if (entry.duplicateOfPairId) add('说明', '与学校登记的师徒结对重复，不重复计数');
  switch (entry.kind) {
    case 'training':
      add('培训机构', entry.provider);
      add('学时', `${formatHours(entry.hours)} 学时`);
      add('证书编号', entry.certificateNo);
      break;
    case 'lesson_observation':
      add('授课教师', joined(entry.observedTeacher, entry.observedSchool));
      add('学科年级', joined(entry.subject, entry.grade, entry.className));
      add('课题', entry.topic);
      add('评分', stars(entry.rating));
      add('评课意见', entry.comments, true);
      break;
    case 'open_class':
      add('级别', LEVEL_LABELS[entry.level]);
      add('学科年级', joined(entry.subject, entry.grade));
      break;
    case 'award':
      add('级别', LEVEL_LABELS[entry.level]);
      add('颁发单位', entry.issuer);
      break;
    case 'paper':
      add('刊物或会议', entry.publication);
      add('级别', entry.level ? LEVEL_LABELS[entry.level] : undefined);
      break;
    case 'project':
      add('本人角色', PROJECT_ROLE_LABELS[entry.role]);
      add('级别', LEVEL_LABELS[entry.level]);
      break;
    case 'mentorship':
      add('本人身份', MENTOR_ROLE_LABELS[entry.role]);
      add(entry.role === 'mentor' ? '徒弟' : '师傅', entry.partnerName);
      add('结对期限', entry.until ? `至 ${entry.until}` : undefined);
      break;
    case 'rotation':
      add('交流', `${entry.fromSchool} → ${entry.toSchool}`);
      add('交流期限', entry.until ? `至 ${entry.until}` : undefined);
      break;
    case 'reading':
      add('书名', `《${entry.book.replace(/^《|》$/g, '')}》`);
      add('读书心得', entry.reflection, true);
      break;
    case 'other':
      add('说明', entry.description, true);
      break;
  }
  add('备注', entry.note, true);
  return lines.filter((line): line is Detail => line !== null);
}

// 教师档案总览

export type RowSortKey = 'hours' | 'observations' | 'name';
export interface RowSort {
  key: RowSortKey;
  desc: boolean;
}

export const ROW_SORTS: ReadonlyArray<{ value: RowSortKey; label: string }> = [
  { value: 'hours', label: '学时' },
  { value: 'observations', label: '听课' },
  { value: 'name', label: '姓名' },
];

/** Figures from the most by default, names in 拼音 order; choosing the current sort again turns it round. */
export function nextSort(current: RowSort, key: RowSortKey): RowSort {
  if (current.key === key) return { key, desc: !current.desc };
  return { key, desc: key !== 'name' };
}

export function sortRows(rows: readonly SchoolArchiveRow[], sort: RowSort): SchoolArchiveRow[] {
  const byName = (a: SchoolArchiveRow, b: SchoolArchiveRow) => a.name.localeCompare(b.name, 'zh-CN');
  const sign = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'hours') return sign * (a.hours - b.hours) || byName(a, b);
    if (sort.key === 'observations') return sign * (a.observations - b.observations) || sign * (a.hours - b.hours) || byName(a, b);
    return sign * byName(a, b);
  });
}

/** The rows shown: all, or only those behind their targets (未达进度), in the chosen order. */
export function visibleRows(rows: readonly SchoolArchiveRow[], sort: RowSort, onlyBehind: boolean): SchoolArchiveRow[] {
  return sortRows(onlyBehind ? rows.filter((row) => !row.onTrack) : rows, sort);
}

export function positionLabel(row: Pick<SchoolArchiveRow, 'position'>): string {
  return row.position ? POSITION_LABELS[row.position] : '教师';
}

/** A file name without characters file systems refuse. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '-');
}
