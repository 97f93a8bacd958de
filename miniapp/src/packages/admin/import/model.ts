import {
  CreateUploadRequest,
  IMPORT_MAX_BYTES,
  POSITION_LABELS,
  TITLE_LABELS,
  XLSX_CONTENT_TYPE,
  type ImportError,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type ImportSummary,
} from '@lianyan/shared';

// 教师名册导入: which school or federation, what file may go up, and how the preview reads. Pure.

export type ImportTarget = { schoolId: string } | { federationId: string };

/** The page's target from its query (`?schoolId=…` or `?federationId=…`); undefined when neither is given. */
export function importTarget(params: Record<string, string | undefined>): ImportTarget | undefined {
  if (params.schoolId) return { schoolId: params.schoolId };
  if (params.federationId) return { federationId: params.federationId };
  return undefined;
}

export function templatePath(target: ImportTarget): string {
  return 'federationId' in target ? `/v1/imports/template?kind=teachers&federationId=${encodeURIComponent(target.federationId)}` : '/v1/imports/template?kind=teachers';
}

export const templateName = (target: ImportTarget) => ('federationId' in target ? '教师名册模板（校联体）' : '教师名册模板');

/** The type a roster file claims by its name: .xlsx or .csv; empty for anything else. */
function rosterTypeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension === 'xlsx' ? XLSX_CONTENT_TYPE : extension === 'csv' ? 'text/csv' : '';
}

/** The upload request for a picked file, or the reason it cannot go up (checked again by the server, by content). */
export function uploadRequestFor(file: { name: string; size: number }): { ok: true; value: CreateUploadRequest } | { ok: false; message: string } {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension === 'xls') return { ok: false, message: '这是旧版 Excel（.xls），请在 Excel 或 WPS 中另存为 .xlsx 后再选择' };
  const contentType = rosterTypeOf(file.name);
  if (!contentType) return { ok: false, message: '请选择 Excel（.xlsx）或 CSV 文件' };
  if (file.size <= 0) return { ok: false, message: '文件是空的，请重新选择' };
  if (file.size > IMPORT_MAX_BYTES) return { ok: false, message: `文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入` };
  const name = file.name.length > 100 ? `${file.name.slice(0, 90)}.${extension}` : file.name;
  const parsed = CreateUploadRequest.safeParse({ fileName: name, contentType, size: file.size, purpose: 'import' });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? '文件不符合要求' };
}

/** The errors in row order, each as the page lists it: `第 5 行 · 手机号：…`; the file's own first. */
export function errorLines(errors: ImportError[]): Array<{ key: string; where: string; message: string }> {
  return [...errors]
    .sort((a, b) => a.row - b.row || a.column.localeCompare(b.column, 'zh-CN'))
    .map((e, i) => ({ key: `${e.row}-${e.column}-${e.code}-${i}`, where: `第 ${e.row} 行${e.column ? ` · ${e.column}` : ''}`, message: e.message }));
}

export const canApply = (preview: ImportPreview) => preview.errors.length === 0 && preview.status !== 'applied' && preview.rows.some((r) => r.action !== 'invalid');

/** Why 应用 is off, when it is. */
export function applyBlocker(preview: ImportPreview): string | undefined {
  if (preview.errors.length) return `有 ${new Set(preview.errors.map((e) => e.row)).size} 行需要修改：请在文件中改好后重新上传（全部正确才能导入）`;
  if (!preview.rows.some((r) => r.action !== 'invalid')) return '文件中没有教师';
  return undefined;
}

export function summaryItems(summary: ImportSummary): Array<{ key: keyof ImportSummary; label: string; value: number }> {
  return [
    { key: 'create', label: '新增', value: summary.create },
    { key: 'update', label: '更新', value: summary.update },
    { key: 'unchanged', label: '无变化', value: summary.unchanged },
    { key: 'invalid', label: '有错误', value: summary.invalid },
  ];
}

export const ACTION_LABELS: Record<ImportRow['action'], string> = { create: '新增', update: '更新', unchanged: '无变化', invalid: '有错误' };

/** One line of a row's details: 职务 · 学科 · 年级 · 称号 · 学校, what is filled. */
export function rowDetails(row: ImportRow): string {
  return [
    row.position ? POSITION_LABELS[row.position] : '',
    row.subjects.join('、'),
    row.grades.join('、'),
    row.titles.map((t) => TITLE_LABELS[t]).join('、'),
    row.schoolName ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Rows shown at once; the rest behind 显示更多 (a file may have 20,000). */
export const ROWS_PAGE = 100;

export function resultLine(result: ImportResult): string {
  return `已导入：新增 ${result.created} 人，更新 ${result.updated} 人，${result.unchanged} 人无变化。新教师在小程序中用手机号登录即可，无需邀请码。`;
}
