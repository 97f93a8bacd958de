import * as z from 'zod/mini';
import {
  ArchiveEntryInput,
  LEVEL_LABELS,
  LEVELS,
  MENTOR_ROLE_LABELS,
  OBSERVATION_COMMENT_MIN,
  PROJECT_ROLE_LABELS,
  READING_REFLECTION_MIN,
  type ArchiveEntry,
  type EntryKind,
} from '@lianyan/shared';

export type FieldType = 'text' | 'textarea' | 'number' | 'date' | 'choice' | 'rating';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  optional?: boolean;
  placeholder?: string;
  hint?: string;
  /** Characters allowed (text) — the schema's maximum. */
  max?: number;
  /** Characters required, counted after trimming: a live count is shown. */
  min?: number;
  options?: ReadonlyArray<{ value: string; label: string }>;
}

const LEVEL_OPTIONS = LEVELS.map((value) => ({ value, label: LEVEL_LABELS[value] }));
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export const KIND_HINTS: Record<EntryKind, string> = {
  training: '参加培训获得的学时',
  lesson_observation: '听课记录与评课意见',
  open_class: '公开课、示范课、研讨课',
  award: '获奖与荣誉称号',
  paper: '发表或交流的论文',
  project: '主持或参与的课题',
  mentorship: '青蓝工程、师徒结对',
  rotation: '跨校交流、支教轮岗',
  reading: '读书与心得',
  other: '其他成长记录',
};

const DATE_LABELS: Record<EntryKind, string> = {
  training: '培训日期',
  lesson_observation: '听课日期',
  open_class: '上课日期',
  award: '获奖日期',
  paper: '发表日期',
  project: '立项日期',
  mentorship: '结对开始日期',
  rotation: '交流开始日期',
  reading: '读完日期',
  other: '日期',
};

/** The fields of each kind, in form order, after the date; labels and limits follow the shared schema. */
export const KIND_FIELDS: Record<EntryKind, readonly FieldDef[]> = {
  training: [
    { name: 'title', label: '培训名称', type: 'text', max: 100, placeholder: '例如：义务教育新课标解读专题培训' },
    { name: 'provider', label: '培训机构', type: 'text', max: 60, placeholder: '例如：明湖区教师发展中心' },
    { name: 'hours', label: '学时', type: 'number', placeholder: '例如：8', hint: '按结业证书或培训通知上的学时填写，一次最多 200 学时' },
    { name: 'certificateNo', label: '证书编号', type: 'text', optional: true, max: 60 },
  ],
  lesson_observation: [
    { name: 'observedTeacher', label: '授课教师', type: 'text', max: 32 },
    { name: 'observedSchool', label: '授课学校', type: 'text', max: 60 },
    { name: 'subject', label: '学科', type: 'text', max: 20, placeholder: '例如：语文' },
    { name: 'grade', label: '年级', type: 'text', max: 20, placeholder: '例如：四年级' },
    { name: 'className', label: '班级', type: 'text', optional: true, max: 32, placeholder: '例如：四年级(2)班' },
    { name: 'topic', label: '课题', type: 'text', optional: true, max: 100, placeholder: '例如：《爬山虎的脚》' },
    { name: 'rating', label: '总体评价', type: 'rating' },
    {
      name: 'comments',
      label: '评课意见',
      type: 'textarea',
      min: OBSERVATION_COMMENT_MIN,
      max: 2000,
      placeholder: '教学目标、课堂亮点、值得商榷之处和改进建议',
    },
  ],
  open_class: [
    { name: 'title', label: '课题', type: 'text', max: 100, placeholder: '例如：《热的传递》' },
    { name: 'level', label: '级别', type: 'choice', options: LEVEL_OPTIONS },
    { name: 'subject', label: '学科', type: 'text', max: 20 },
    { name: 'grade', label: '年级', type: 'text', optional: true, max: 20 },
  ],
  award: [
    { name: 'title', label: '奖项名称', type: 'text', max: 100, placeholder: '例如：区优质课评比一等奖' },
    { name: 'level', label: '级别', type: 'choice', options: LEVEL_OPTIONS },
    { name: 'issuer', label: '颁发单位', type: 'text', max: 60 },
  ],
  paper: [
    { name: 'title', label: '论文题目', type: 'text', max: 100 },
    { name: 'publication', label: '刊物或会议', type: 'text', max: 60 },
    { name: 'level', label: '级别', type: 'choice', optional: true, options: LEVEL_OPTIONS },
  ],
  project: [
    { name: 'title', label: '课题名称', type: 'text', max: 100 },
    { name: 'role', label: '本人角色', type: 'choice', options: options(PROJECT_ROLE_LABELS) },
    { name: 'level', label: '级别', type: 'choice', options: LEVEL_OPTIONS },
  ],
  mentorship: [
    { name: 'role', label: '本人身份', type: 'choice', options: options(MENTOR_ROLE_LABELS) },
    { name: 'partnerName', label: '对方姓名', type: 'text', max: 32 },
    { name: 'until', label: '结对结束日期', type: 'date', optional: true },
  ],
  rotation: [
    { name: 'fromSchool', label: '原学校', type: 'text', max: 60 },
    { name: 'toSchool', label: '交流学校', type: 'text', max: 60 },
    { name: 'until', label: '交流结束日期', type: 'date', optional: true },
  ],
  reading: [
    { name: 'book', label: '书名', type: 'text', max: 60, placeholder: '例如：给教师的建议' },
    { name: 'reflection', label: '读书心得', type: 'textarea', min: READING_REFLECTION_MIN, max: 5000, placeholder: '读了什么、有什么体会、在教学中怎样用' },
  ],
  other: [
    { name: 'title', label: '名称', type: 'text', max: 100 },
    { name: 'description', label: '说明', type: 'textarea', optional: true, max: 1000 },
  ],
};

export const NOTE_FIELD: FieldDef = { name: 'note', label: '备注', type: 'textarea', optional: true, max: 500 };

export function dateField(kind: EntryKind): FieldDef {
  return { name: 'date', label: DATE_LABELS[kind], type: 'date' };
}

/** The form as typed: text for everything, so a half-typed number stays as it is. */
export type FormValues = Record<string, string>;
export type FieldErrors = Partial<Record<string, string>>;

export function emptyValues(kind: EntryKind, today: string): FormValues {
  const values: FormValues = { date: today, note: '' };
  for (const field of KIND_FIELDS[kind]) values[field.name] = field.type === 'rating' ? '0' : '';
  return values;
}

/** The form of an entry being edited. */
export function valuesFromEntry(entry: ArchiveEntry): FormValues {
  if (entry.source !== 'entered') return {};
  const record = entry as unknown as Record<string, unknown>;
  const values = emptyValues(entry.kind, entry.date);
  for (const name of Object.keys(values)) {
    const value = record[name];
    if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  }
  return values;
}

/** Characters as the schema counts them: after trimming. */
export const charCount = (text: string) => text.trim().length;

export type FormCheck = { ok: true; input: ArchiveEntryInput } | { ok: false; errors: FieldErrors };

/** The shared schema decides; blank numbers and unpicked choices get a message that says what to do. */
export function checkForm(kind: EntryKind, values: FormValues, evidence: readonly string[]): FormCheck {
  const raw: Record<string, unknown> = { kind, date: values.date ?? '', evidence: [...evidence] };
  const own: FieldErrors = {};
  if (!values.date) own.date = `请选择${dateField(kind).label}`;
  for (const field of [...KIND_FIELDS[kind], NOTE_FIELD]) {
    const text = (values[field.name] ?? '').trim();
    if (field.type === 'rating') {
      const rating = Number(text || 0);
      raw[field.name] = rating;
      if (!rating) own[field.name] = '请点选星级';
    } else if (field.type === 'number') {
      if (!text) {
        if (!field.optional) own[field.name] = `请填写${field.label}`;
      } else {
        raw[field.name] = Number(text);
        if (!Number.isFinite(Number(text))) own[field.name] = `${field.label}应为数字`;
      }
    } else if (text) {
      raw[field.name] = values[field.name];
    } else if (!field.optional) {
      if (field.type === 'choice' || field.type === 'date') own[field.name] = `请选择${field.label}`;
      else raw[field.name] = '';
    }
  }
  const parsed = ArchiveEntryInput.safeParse(raw);
  if (parsed.success && Object.keys(own).length === 0) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
    for (const [name, messages] of Object.entries(fields)) if (messages?.[0]) errors[name] = messages[0];
  }
  return { ok: false, errors: { ...errors, ...own } };
}

/** The first message of each field the API rejected. */
export function firstErrors(fieldErrors: Record<string, string[]>): FieldErrors {
  return Object.fromEntries(Object.entries(fieldErrors).flatMap(([name, messages]) => (messages[0] ? [[name, messages[0]]] : [])));
}
