import {
  OBSERVER_KIND_LABELS,
  OBSERVER_KINDS,
  POSITION_LABELS,
  coverageRate,
  dimensionAverages,
  elapsedShare,
  semesterDays,
  type Coverage,
  type CoverageTeacher,
  type Position,
  type School,
} from '@lianyan/shared';
import { xlsxFile, type ExportFile } from '#lib/xlsx';
import type { CoverageLine } from '#repositories/observations';

// 听评课覆盖 of a school in a semester, from its teachers, the semester's observation lines and the leaders' counts; pure.

interface Profile {
  id: string;
  name: string;
  position?: Position;
  subjects?: string[];
  status?: string;
}

export function coverageOf(input: {
  school: Pick<School, 'id' | 'name'>;
  semester: string;
  profiles: Profile[];
  lines: CoverageLine[];
  /** Each leader's lessons observed this semester (their archive count). */
  counts: ReadonlyMap<string, number>;
  targets: Record<string, number>;
  now: Date;
}): Coverage {
  const { school, semester, lines, counts, targets, now } = input;
  const people = input.profiles.filter((p) => p.status !== 'left').sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  const byTeacher = new Map<string, CoverageLine[]>();
  for (const line of lines) byTeacher.set(line.teacherId, [...(byTeacher.get(line.teacherId) ?? []), line]);
  const teachers: CoverageTeacher[] = people.map((p) => {
    const own = byTeacher.get(p.id) ?? [];
    const byKind: CoverageTeacher['byKind'] = {};
    for (const line of own) byKind[line.observerKind] = (byKind[line.observerKind] ?? 0) + 1;
    return { id: p.id, name: p.name, subjects: p.subjects ?? [], count: own.length, byKind, observers: [...new Set(own.map((l) => l.observerName))] };
  });
  const notObserved = teachers.filter((t) => t.count === 0).map((t) => ({ id: t.id, name: t.name }));
  const share = elapsedShare(semesterDays(semester), now);
  const observers = people
    .filter((p) => (targets[p.position ?? ''] ?? 0) > 0)
    .map((p) => {
      const target = targets[p.position ?? ''] ?? 0;
      const count = counts.get(p.id) ?? 0;
      return { id: p.id, name: p.name, position: POSITION_LABELS[p.position as Position] ?? '', count, target, onTrack: count >= Math.floor(target * share) };
    });
  return {
    schoolId: school.id,
    schoolName: school.name,
    semester,
    teachers,
    notObserved,
    rate: coverageRate(teachers.length - notObserved.length, teachers.length),
    observers,
    dimensions: dimensionAverages(lines),
  };
}

/** The coverage as a workbook: 教师 (every teacher, by whom) and 听课人 (leaders against their targets). */
export function coverageFile(coverage: Coverage): ExportFile {
  const teacherRows = coverage.teachers.map((t) => [t.name, t.subjects.join('、'), t.count, ...OBSERVER_KINDS.map((k) => t.byKind[k] ?? 0), t.observers.join('、'), t.count ? '已覆盖' : '未覆盖']);
  return xlsxFile(`${coverage.schoolName}听评课覆盖${coverage.semester}`, [
    {
      name: '教师',
      rows: [['教师', '学科', '被听课次数', ...OBSERVER_KINDS.map((k) => OBSERVER_KIND_LABELS[k]), '听课人', '状态'], ...teacherRows, [], ['覆盖率', `${Math.round(coverage.rate * 1000) / 10}%`]],
      widths: [12, 14, 10, 10, 10, 10, 10, 30, 8],
    },
    {
      name: '听课人',
      rows: [['姓名', '职务', '本学期听课', '目标', '进度'], ...coverage.observers.map((o) => [o.name, o.position, o.count, o.target, o.onTrack ? '按计划' : '落后'])],
      widths: [12, 10, 10, 8, 8],
    },
  ]);
}
