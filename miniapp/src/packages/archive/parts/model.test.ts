import { describe, expect, it } from 'vitest';
import type { ArchiveEntry, SchoolArchiveRow } from '@lianyan/shared';
import { formatHours } from '@/utils/labels';
import {
  dayLabel,
  entryBadge,
  entryDetails,
  filterByKind,
  groupByMonth,
  isEditable,
  kindFilters,
  nextSort,
  safeFileName,
  semesterLabel,
  shiftYear,
  sortRows,
  visibleRows,
  yearLabel,
} from './model';

const base = { userId: 'u-1', hours: 0, evidenceFiles: [], createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };

function derived(id: string, date: string, overrides: Partial<ArchiveEntry> = {}): ArchiveEntry {
  return { ...base, id, source: 'derived', status: 'approved', kind: 'research_attendance', title: '联合教研', date, hours: 2, ...overrides } as ArchiveEntry;
}

function training(id: string, date: string, overrides: Record<string, unknown> = {}): ArchiveEntry {
  return {
    ...base,
    id,
    source: 'entered',
    status: 'pending',
    kind: 'training',
    title: '新课标培训',
    provider: '区教师发展中心',
    hours: 8,
    date,
    evidence: [],
    ...overrides,
  } as ArchiveEntry;
}

describe('groupByMonth', () => {
  it('groups by month, newest month and newest line first', () => {
    const groups = groupByMonth([
      derived('a', '2026-10-08'),
      training('b', '2026-11-20'),
      derived('c', '2026-11-23'),
      training('d', '2026-09-30'),
    ]);
    expect(groups.map((g) => [g.key, g.label, g.entries.map((e) => e.id)])).toEqual([
      ['2026-11', '2026年11月', ['c', 'b']],
      ['2026-10', '2026年10月', ['a']],
      ['2026-09', '2026年9月', ['d']],
    ]);
  });

  it('puts the later created first on the same day, and gives nothing for nothing', () => {
    const early = training('early', '2026-11-02', { createdAt: '2026-11-02T01:00:00.000Z' });
    const late = training('late', '2026-11-02', { createdAt: '2026-11-02T09:00:00.000Z' });
    expect(groupByMonth([early, late])[0]?.entries.map((e) => e.id)).toEqual(['late', 'early']);
    expect(groupByMonth([])).toEqual([]);
  });
});

describe('kindFilters and filterByKind', () => {
  const entries = [training('t1', '2026-11-01'), derived('r1', '2026-11-02'), derived('r2', '2026-11-03'), training('t2', '2026-11-04')];

  it('offers 全部 and each kind present, in the usual order, with counts', () => {
    expect(kindFilters(entries)).toEqual([
      { value: 'all', label: '全部', count: 4 },
      { value: 'training', label: '培训学时', count: 2 },
      { value: 'research_attendance', label: '教研活动', count: 2 },
    ]);
  });

  it('keeps one kind, or all', () => {
    expect(filterByKind(entries, 'research_attendance').map((e) => e.id)).toEqual(['r1', 'r2']);
    expect(filterByKind(entries, 'all')).toHaveLength(4);
  });
});

describe('entryBadge and isEditable', () => {
  it('marks derived lines as recorded by the system, entered ones by review status', () => {
    expect(entryBadge(derived('a', '2026-11-01'))).toEqual({ label: '系统自动记录', tone: 'info' });
    expect(entryBadge({ source: 'entered', status: 'pending' })).toEqual({ label: '待审核', tone: 'warn' });
    expect(entryBadge({ source: 'entered', status: 'approved' })).toEqual({ label: '已通过', tone: 'ok' });
    expect(entryBadge({ source: 'entered', status: 'rejected' })).toEqual({ label: '未通过', tone: 'bad' });
  });

  it('lets a teacher change entered lines until they are approved', () => {
    expect(isEditable({ source: 'entered', status: 'pending' })).toBe(true);
    expect(isEditable({ source: 'entered', status: 'rejected' })).toBe(true);
    expect(isEditable({ source: 'entered', status: 'approved' })).toBe(false);
    expect(isEditable({ source: 'derived', status: 'approved' })).toBe(false);
  });
});

describe('entryDetails', () => {
  it('lists a training with its provider, hours and certificate', () => {
    expect(entryDetails(training('t', '2026-11-01', { certificateNo: 'ZS-2026-001', hours: 1.5 }))).toEqual([
      { label: '培训机构', value: '区教师发展中心' },
      { label: '学时', value: '1.5 学时' },
      { label: '证书编号', value: 'ZS-2026-001' },
    ]);
  });

  it('shows an observation with stars and the comments as long text', () => {
    const entry = {
      ...base,
      id: 'o',
      source: 'entered',
      status: 'approved',
      kind: 'lesson_observation',
      title: '听课：爬山虎的脚',
      date: '2026-11-03',
      observedTeacher: '钱子涵',
      observedSchool: '城东二小',
      subject: '语文',
      grade: '四年级',
      rating: 4,
      comments: '评课意见'.repeat(10),
      evidence: [],
    } as unknown as ArchiveEntry;
    const lines = entryDetails(entry);
    expect(lines).toContainEqual({ label: '授课教师', value: '钱子涵 · 城东二小' });
    expect(lines).toContainEqual({ label: '学科年级', value: '语文 · 四年级' });
    expect(lines).toContainEqual({ label: '评分', value: '★★★★☆' });
    expect(lines).toContainEqual({ label: '评课意见', value: '评课意见'.repeat(10), long: true });
  });

  it('describes a derived line by its session', () => {
    expect(entryDetails(derived('d', '2026-11-01', { sessionKind: 'joint_research', attendanceStatus: 'late', hours: 1.5 }))).toEqual([
      { label: '活动类型', value: '联合教研' },
      { label: '签到情况', value: '迟到' },
      { label: '计入学时', value: '1.5 学时' },
    ]);
  });
});

describe('labels', () => {
  it('formats years, semesters, days and hours', () => {
    expect(shiftYear('2026-2027', -1)).toBe('2025-2026');
    expect(shiftYear('2026-2027', 1)).toBe('2027-2028');
    expect(yearLabel('2026-2027')).toBe('2026–2027 学年');
    expect(semesterLabel('2026-2027-1')).toBe('2026–2027 学年第一学期');
    expect(semesterLabel('2026-2027-2')).toBe('2026–2027 学年第二学期');
    expect(dayLabel('2026-09-05')).toBe('9月5日');
    expect(dayLabel('2023-12-02', true)).toBe('2023年12月2日');
    expect(formatHours(2)).toBe('2');
    expect(formatHours(1.25)).toBe('1.3');
    expect(formatHours(0.1 + 0.2)).toBe('0.3');
  });

  it('makes a file name safe', () => {
    expect(safeFileName('明湖区实验小学 2026/2027:档案')).toBe('明湖区实验小学-2026-2027-档案');
  });
});

describe('teacher rows', () => {
  const row = (userId: string, name: string, hours: number, observations: number, onTrack: boolean): SchoolArchiveRow => ({
    userId,
    name,
    hours,
    hoursTarget: 24,
    observations,
    sessions: 0,
    openClasses: 0,
    awards: 0,
    pending: 0,
    onTrack,
  });
  const rows = [row('a', '王晓燕', 6, 3, false), row('b', '李建华', 20, 1, true), row('c', '张丽娟', 6, 5, true)];

  it('sorts by hours, most first by default, names breaking ties', () => {
    expect(sortRows(rows, { key: 'hours', desc: true }).map((r) => r.userId)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, { key: 'hours', desc: false }).map((r) => r.userId)).toEqual(['a', 'c', 'b']);
  });

  it('sorts by observations and by name in 拼音 order', () => {
    expect(sortRows(rows, { key: 'observations', desc: true }).map((r) => r.userId)).toEqual(['c', 'a', 'b']);
    expect(sortRows(rows, { key: 'name', desc: false }).map((r) => r.name)).toEqual(['李建华', '王晓燕', '张丽娟']);
  });

  it('turns the order round when the same sort is chosen again, and starts names ascending', () => {
    expect(nextSort({ key: 'hours', desc: true }, 'hours')).toEqual({ key: 'hours', desc: false });
    expect(nextSort({ key: 'hours', desc: true }, 'name')).toEqual({ key: 'name', desc: false });
    expect(nextSort({ key: 'name', desc: false }, 'observations')).toEqual({ key: 'observations', desc: true });
  });

  it('keeps only those behind when asked', () => {
    expect(visibleRows(rows, { key: 'hours', desc: true }, true).map((r) => r.userId)).toEqual(['a']);
    expect(visibleRows(rows, { key: 'hours', desc: true }, false)).toHaveLength(3);
  });
});
