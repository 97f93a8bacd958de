import * as z from 'zod/mini';
import { Id } from './common.ts';
import { GRADE_ORDER } from './family.ts';
import { POSITION_LABELS, type Position } from './users.ts';
import { TITLE_LABELS, type Title } from './people.ts';

// 教师名册导入: a spreadsheet (XLSX or CSV, UTF-8 or GBK) uploaded like an evidence file, previewed row by row,
// then applied as previewed. Rows are matched to people by phone number.

const IMPORT_KINDS = ['teachers'] as const;
export const ImportKind = z.enum(IMPORT_KINDS, { error: '导入类型只能是 teachers（教师名册）' });
export type ImportKind = z.infer<typeof ImportKind>;

/** Data rows a file may hold (the header row not counted). */
export const IMPORT_MAX_ROWS = 20_000;
/** How long a preview can be applied (and how long it is kept: DynamoDB TTL). */
export const IMPORT_PREVIEW_HOURS = 24;

export const TEACHER_SHEET = '教师名册';
export const GUIDE_SHEET = '说明';
/** The template's columns, in order; 学校 only in a federation's template. */
export const TEACHER_COLUMNS = ['姓名', '手机号', '职务', '学科', '任教年级', '称号'] as const;
export const SCHOOL_COLUMN = '学校';
/** The template's example rows' phones: a row with one is the example left in. */
export const TEMPLATE_EXAMPLE_PHONES = ['13800000001', '13800000002'] as const;
/** Columns people add for themselves, read and ignored. */
export const IGNORED_COLUMNS = ['序号', '备注'] as const;

/** 学科 a roster may name (a research group is a subject and a grade). */
export const SUBJECT_NAMES = [
  '语文', '数学', '英语', '科学', '物理', '化学', '生物', '历史', '地理', '道德与法治', '思想政治', '音乐', '体育', '体育与健康',
  '美术', '艺术', '书法', '信息技术', '通用技术', '劳动', '综合实践', '心理健康', '日语', '俄语', '特殊教育', '学前教育',
] as const;
/** 任教年级 a roster may name: 小班 … 九年级, 初一 … 高三. */
export const GRADE_NAMES: readonly string[] = GRADE_ORDER;

export const POSITION_BY_LABEL = new Map(Object.entries(POSITION_LABELS).map(([k, v]) => [v, k as Position]));
export const TITLE_BY_LABEL = new Map(Object.entries(TITLE_LABELS).map(([k, v]) => [v, k as Title]));

export const ImportTemplateQuery = z.strictObject({
  kind: ImportKind,
  /** A federation's template has a 学校 column and lists the federation's schools. */
  federationId: z.optional(Id),
});
export type ImportTemplateQuery = z.infer<typeof ImportTemplateQuery>;

export const CreateImportRequest = z
  .strictObject({
    kind: ImportKind,
    schoolId: z.optional(Id),
    federationId: z.optional(Id),
    uploadId: Id,
  })
  .check(
    z.refine((r) => Boolean(r.schoolId) !== Boolean(r.federationId), { error: '请指定学校（schoolId）或校联体（federationId）其中之一', path: ['schoolId'] }),
  );
export type CreateImportRequest = z.infer<typeof CreateImportRequest>;

/**
 * Why a row (or the file: row 1, the header) cannot be imported.
 * @public the list behind ImportErrorCode
 */
export const IMPORT_ERROR_CODES = [
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'TOO_MANY_ROWS',
  'HEADER_MISSING',
  'HEADER_UNKNOWN',
  'HEADER_DUPLICATE',
  'MERGED_CELLS',
  'FORMULA',
  'NAME_MISSING',
  'NAME_INVALID',
  'PHONE_MISSING',
  'PHONE_INVALID',
  'PHONE_DUPLICATE',
  'POSITION_UNKNOWN',
  'SUBJECT_UNKNOWN',
  'GRADE_UNKNOWN',
  'TITLE_UNKNOWN',
  'TOO_MANY_VALUES',
  'SCHOOL_MISSING',
  'SCHOOL_UNKNOWN',
  'EXAMPLE_ROW',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportError {
  /** The row number as the spreadsheet shows it (the header is row 1 in the template). */
  row: number;
  /** The column's header (姓名, 手机号 …); empty for the file as a whole. */
  column: string;
  code: ImportErrorCode;
  message: string;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'invalid';

export interface ImportRow {
  row: number;
  action: ImportAction;
  name: string;
  /** Only ever masked outside the server. */
  phoneMasked: string;
  position?: Position;
  subjects: string[];
  grades: string[];
  titles: Title[];
  schoolId?: string;
  schoolName?: string;
  /** The person the row matched (update, unchanged). */
  personId?: string;
}

export interface ImportSummary {
  create: number;
  update: number;
  unchanged: number;
  invalid: number;
}

export interface ImportPreview {
  id: string;
  kind: ImportKind;
  schoolId?: string;
  federationId?: string;
  fileName: string;
  status: 'previewed' | 'applied';
  rows: ImportRow[];
  errors: ImportError[];
  summary: ImportSummary;
  /** Until when `POST /v1/imports/{id}/apply` takes it. */
  expiresAt: string;
}

export interface ImportResult {
  id: string;
  status: 'applied';
  created: number;
  updated: number;
  unchanged: number;
  appliedAt: string;
}
