import * as z from 'zod/mini';
import { Cursor, Id, IsoDateTime } from './common.ts';
import { code, integer, line, prose, shaped } from './fields.ts';
import { Semester } from './semester.ts';

// 听评课: observation scales (课堂观察量表, versioned) and walk-in observations (推门听课) filled in with one.

/** An item's id within its scale version: `<dimension>.<item>`, 1-based (`2.3`), given by the server. */
const ScaleItemId = shaped(/^\d{1,2}\.\d{1,2}$/, '观察项编号格式应为 维度序号.项目序号，如 2.3', 5);

const ScaleItemInput = z.strictObject({ label: line('观察项', 40, 1) });
const DimensionInput = z.strictObject({
  name: line('维度名称', 20, 1),
  /** Share of the total score, 1–100; the weights of a scale add up to 100. */
  weight: integer('权重', 1, 100),
  items: z.array(ScaleItemInput).check(z.minLength(1, '每个维度至少 1 个观察项'), z.maxLength(8, '每个维度最多 8 个观察项')),
});
const ScoreRange = z.strictObject({ min: integer('最低分', 0, 10), max: integer('最高分', 1, 100) });

type ScaleShape = { dimensions: Array<{ weight: number }>; scoreRange: { min: number; max: number } };
const scaleChecks = [
  z.refine<ScaleShape>((s) => s.dimensions.reduce((sum, d) => sum + d.weight, 0) === 100, {
    message: '各维度权重之和应为 100',
    path: ['dimensions'],
  }),
  z.refine<ScaleShape>((s) => s.scoreRange.min < s.scoreRange.max, { message: '最高分应大于最低分', path: ['scoreRange'] }),
];

const ScaleBody = {
  name: line('量表名称', 40, 2),
  dimensions: z.array(DimensionInput).check(z.minLength(1, '至少 1 个维度'), z.maxLength(8, '最多 8 个维度')),
  scoreRange: ScoreRange,
  /** Free-text fields besides 亮点 and 建议 (e.g. 课堂片段记录). */
  textFields: z._default(z.array(line('文字栏目名称', 20, 1)).check(z.maxLength(4, '文字栏目最多 4 个')), []),
};

export const CreateScaleRequest = z.strictObject(ScaleBody).check(...scaleChecks);
export type CreateScaleRequest = z.infer<typeof CreateScaleRequest>;
/** A whole new version: what an observation already filled in keeps its own. */
export const UpdateScaleRequest = z.strictObject({ ...ScaleBody, version: integer('量表版本', 1, 10_000) }).check(...scaleChecks);
export type UpdateScaleRequest = z.infer<typeof UpdateScaleRequest>;

export interface ScaleItem {
  id: string;
  label: string;
}
export interface ScaleDimension {
  name: string;
  weight: number;
  items: ScaleItem[];
}
export interface ObservationScale {
  id: string;
  /** Absent for the default scale, which every federation has. */
  federationId?: string;
  name: string;
  version: number;
  dimensions: ScaleDimension[];
  scoreRange: { min: number; max: number };
  textFields: string[];
  builtIn: boolean;
  createdAt: string;
  updatedAt: string;
}
export const ScaleList = z.custom<{ items: ObservationScale[] }>((v) => typeof v === 'object' && v !== null && Array.isArray((v as { items?: unknown }).items));
export type ScaleList = { items: ObservationScale[] };

/** Items get their ids by position: `1.1`, `1.2`, `2.1` … */
export function withItemIds(dimensions: Array<{ name: string; weight: number; items: Array<{ label: string }> }>): ScaleDimension[] {
  return dimensions.map((d, di) => ({ name: d.name, weight: d.weight, items: d.items.map((item, ii) => ({ id: `${di + 1}.${ii + 1}`, label: item.label })) }));
}

export const DEFAULT_SCALE_ID = 'default';
const DEFAULT_DIMENSIONS: Array<[string, number, string[]]> = [
  ['教学目标', 15, ['目标明确、符合课标与学情', '重难点把握准确']],
  ['教学过程', 30, ['环节清晰、层次递进', '方法得当、因材施教', '时间分配合理']],
  ['学生参与', 25, ['参与面广、思维活跃', '合作与表达充分']],
  ['教学效果', 20, ['目标达成度高', '学生获得感强']],
  ['教师素养', 10, ['语言规范、板书工整', '应变与课堂调控能力']],
];
/** The scale the product ships with (课堂观察量表（通用）), read by every federation, never changed. */
export const DEFAULT_SCALE: ObservationScale = {
  id: DEFAULT_SCALE_ID,
  name: '课堂观察量表（通用）',
  version: 1,
  dimensions: withItemIds(DEFAULT_DIMENSIONS.map(([name, weight, items]) => ({ name, weight, items: items.map((label) => ({ label })) }))),
  scoreRange: { min: 1, max: 5 },
  textFields: [],
  builtIn: true,
  createdAt: '2026-09-01T00:00:00.000Z',
  updatedAt: '2026-09-01T00:00:00.000Z',
};

const ObservationNote = z.strictObject({ at: IsoDateTime, text: prose('听课笔记', 500, 1) });
export type ObservationNote = z.infer<typeof ObservationNote>;
export const ScaleScore = z.strictObject({ item: ScaleItemId, score: integer('评分', 0, 100) });

export const CreateObservationRequest = z.strictObject({
  teacherId: Id,
  schoolId: Id,
  subject: line('学科', 10, 1),
  grade: line('年级', 10, 1),
  className: line('班级', 20, 1),
  topic: z.optional(line('课题', 60)),
  startedAt: IsoDateTime,
  scaleId: Id,
  /** The version the draft was filled in with (the current one when omitted). */
  scaleVersion: z.optional(integer('量表版本', 1, 10_000)),
  scores: z.array(ScaleScore).check(z.maxLength(64, '评分最多 64 项')),
  notes: z._default(z.array(ObservationNote).check(z.maxLength(60, '听课笔记最多 60 条')), []),
  strengths: z._default(prose('亮点', 2000), ''),
  suggestions: z._default(prose('建议', 2000), ''),
  /** The scale's own free-text fields, by their name. */
  texts: z.optional(z.array(z.strictObject({ field: line('文字栏目名称', 20, 1), text: prose('文字栏目内容', 2000) })).check(z.maxLength(4, '文字栏目最多 4 个'))),
  /** Made once per draft on the device: a repeat of the same submit returns the same observation. */
  clientId: code('草稿编号', 64, 8),
});
export type CreateObservationRequest = z.infer<typeof CreateObservationRequest>;

export const AcknowledgeObservationRequest = z.strictObject({ reflection: z._default(prose('教学反思', 2000), '') });
export type AcknowledgeObservationRequest = z.infer<typeof AcknowledgeObservationRequest>;

export const ListObservationsQuery = z.strictObject({
  observer: z.optional(z.literal('me', '只能查看自己听的课：observer=me')),
  teacher: z.optional(z.literal('me', '只能查看自己被听的课：teacher=me')),
  cursor: z.optional(Cursor),
  limit: z.optional(integer('每页条数', 1, 100, { coerce: true })),
});
export type ListObservationsQuery = z.infer<typeof ListObservationsQuery>;

export const ObservableTeachersQuery = z.strictObject({ q: z.optional(line('搜索词', 20)) });
export type ObservableTeachersQuery = z.infer<typeof ObservableTeachersQuery>;
/** A school's teachers to pick from when observing: by name, with their subjects and how often observed this semester. */
export interface ObservableTeacher {
  id: string;
  name: string;
  subjects: string[];
  grades: string[];
  observedThisSemester: number;
}
export type ObservableTeachers = { schoolId: string; schoolName: string; items: ObservableTeacher[] };

export const CoverageQuery = z.strictObject({
  semester: z.optional(Semester),
  format: z.optional(z.enum(['json', 'xlsx'], 'format 只能是 json 或 xlsx')),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

/** Who observed: 中心教研组 members, the federation's leaders (admins), the school's leaders, or a colleague. */
export const OBSERVER_KINDS = ['group', 'leader', 'school_leader', 'peer'] as const;
export type ObserverKind = (typeof OBSERVER_KINDS)[number];
export const OBSERVER_KIND_LABELS: Record<ObserverKind, string> = { group: '中心教研组', leader: '校联体领导', school_leader: '学校领导', peer: '同事' };

export interface DimensionScore {
  name: string;
  /** Mean of the dimension's items, 2 decimals. */
  average: number;
  /** The mean as a share of the scale's range, 0–100, 1 decimal: comparable across scales and versions. */
  score: number;
}

export interface Observation {
  id: string;
  federationId: string;
  schoolId: string;
  teacherId: string;
  teacherName: string;
  observerId: string;
  observerName: string;
  observerKind: ObserverKind;
  subject: string;
  grade: string;
  className: string;
  topic?: string;
  startedAt: string;
  semester: string;
  scaleId: string;
  scaleVersion: number;
  scaleName: string;
  scores: Array<{ item: string; score: number }>;
  dimensions: DimensionScore[];
  /** Weighted, 0–100, 1 decimal. */
  total: number;
  notes: ObservationNote[];
  strengths: string;
  suggestions: string;
  texts?: Array<{ field: string; text: string }>;
  clientId: string;
  /** 评课 of a 听评课 session that names the scale (one per observer and session); absent for walk-ins. */
  sessionId?: string;
  /** When the observer last changed their 评课 of a session (walk-ins are never changed). */
  updatedAt?: string;
  acknowledgedAt?: string;
  reflection?: string;
  createdAt: string;
}
export type ObservationPage = { items: Observation[]; nextCursor?: string };

export interface CoverageTeacher {
  id: string;
  name: string;
  subjects: string[];
  count: number;
  /** Observers by kind: how many observations each kind made. */
  byKind: Partial<Record<ObserverKind, number>>;
  observers: string[];
}
export interface CoverageObserver {
  id: string;
  name: string;
  position: string;
  count: number;
  target: number;
  onTrack: boolean;
}
export interface Coverage {
  schoolId: string;
  schoolName: string;
  semester: string;
  teachers: CoverageTeacher[];
  notObserved: Array<{ id: string; name: string }>;
  /** Observed teachers / all teachers, 0–1, 3 decimals (0 for a school without teachers). */
  rate: number;
  observers: CoverageObserver[];
  /** The school's mean per dimension this semester, per scale (scores 0–100 of the range). */
  dimensions: DimensionAverages[];
}

/** Observations filled in with one scale, and the mean of each dimension's score (0–100 of the range). */
export interface DimensionAverages {
  scaleId: string;
  scaleName: string;
  count: number;
  dimensions: Array<{ name: string; score: number }>;
}

/** Means per dimension of observations grouped by scale, in the order the scales first appear; 1 decimal. */
export function dimensionAverages(observations: ReadonlyArray<{ scaleId: string; scaleName: string; dimensions?: ReadonlyArray<{ name: string; score?: number }> }>): DimensionAverages[] {
  const groups = new Map<string, { scaleName: string; count: number; sums: Map<string, { sum: number; n: number }> }>();
  for (const o of observations) {
    const scored = (o.dimensions ?? []).filter((d): d is { name: string; score: number } => typeof d.score === 'number');
    if (!scored.length) continue;
    const group = groups.get(o.scaleId) ?? { scaleName: o.scaleName, count: 0, sums: new Map() };
    group.count += 1;
    for (const d of scored) {
      const acc = group.sums.get(d.name) ?? { sum: 0, n: 0 };
      group.sums.set(d.name, { sum: acc.sum + d.score, n: acc.n + 1 });
    }
    groups.set(o.scaleId, group);
  }
  return [...groups].map(([scaleId, g]) => ({
    scaleId,
    scaleName: g.scaleName,
    count: g.count,
    dimensions: [...g.sums].map(([name, { sum, n }]) => ({ name, score: Math.round((sum / n) * 10) / 10 })),
  }));
}

/** Scores checked against a scale version: every item once, each within the range. Messages per item, zh-CN. */
export function scoreProblems(scale: Pick<ObservationScale, 'dimensions' | 'scoreRange'>, scores: ReadonlyArray<{ item: string; score: number }>): string[] {
  const items = new Map(scale.dimensions.flatMap((d) => d.items.map((i) => [i.id, `${d.name}·${i.label}`] as const)));
  const { min, max } = scale.scoreRange;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { item, score } of scores) {
    const label = items.get(item);
    if (!label) problems.push(`量表中没有观察项 ${item}`);
    else if (seen.has(item)) problems.push(`${label}评了两次`);
    else if (score < min || score > max) problems.push(`${label}的评分应在 ${min} 到 ${max} 分之间`);
    seen.add(item);
  }
  for (const [id, label] of items) if (!seen.has(id)) problems.push(`请为${label}评分`);
  return problems;
}

/** Dimension means and the weighted total (0–100) of valid scores. */
export function scoreSummary(scale: Pick<ObservationScale, 'dimensions' | 'scoreRange'>, scores: ReadonlyArray<{ item: string; score: number }>): { dimensions: DimensionScore[]; total: number } {
  const byItem = new Map(scores.map((s) => [s.item, s.score]));
  const { min, max } = scale.scoreRange;
  let total = 0;
  const dimensions = scale.dimensions.map((d) => {
    const values = d.items.map((i) => byItem.get(i.id) ?? min);
    const average = values.reduce((a, b) => a + b, 0) / values.length;
    total += (d.weight * (average - min)) / (max - min);
    return { name: d.name, average: Math.round(average * 100) / 100, score: Math.round(((average - min) / (max - min)) * 1000) / 10 };
  });
  return { dimensions, total: Math.round(total * 10) / 10 };
}

/** Coverage rate, 3 decimals. */
export const coverageRate = (observed: number, all: number) => (all === 0 ? 0 : Math.round((observed / all) * 1000) / 1000);

// Replies as the mini-program reads them (shapes above; the API is the one writer).
const anObject = (v: unknown) => typeof v === 'object' && v !== null;
export const ObservationScaleReply = z.custom<ObservationScale>((v) => anObject(v) && Array.isArray((v as { dimensions?: unknown }).dimensions));
export const ObservationReply = z.custom<Observation>((v) => anObject(v) && typeof (v as { id?: unknown }).id === 'string');
export const ObservationPageReply = z.custom<ObservationPage>((v) => anObject(v) && Array.isArray((v as { items?: unknown }).items));
export const CoverageReply = z.custom<Coverage>((v) => anObject(v) && Array.isArray((v as { teachers?: unknown }).teachers));
export const ObservableTeachersReply = z.custom<ObservableTeachers>((v) => anObject(v) && Array.isArray((v as { items?: unknown }).items));
