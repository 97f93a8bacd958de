import { describe, expect, it } from 'vitest';
import { XLSX_CONTENT_TYPE, type ImportPreview } from '@lianyan/shared';
import { applyBlocker, canApply, errorLines, importTarget, resultLine, rowDetails, summaryItems, templatePath, uploadRequestFor } from './model';

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  id: 'imp-1',
  kind: 'teachers',
  schoolId: 'sch-1',
  fileName: '名册.xlsx',
  status: 'previewed',
  rows: [{ row: 2, action: 'create', name: '张三', phoneMasked: '138****5678', subjects: [], grades: [], titles: [] }],
  errors: [],
  summary: { create: 1, update: 0, unchanged: 0, invalid: 0 },
  expiresAt: '2026-12-03T00:00:00.000Z',
  ...over,
});

describe('the import page model', () => {
  it('reads its target from the query: a school or a federation', () => {
    expect(importTarget({ schoolId: 'sch-1' })).toEqual({ schoolId: 'sch-1' });
    expect(importTarget({ federationId: 'fed-1' })).toEqual({ federationId: 'fed-1' });
    expect(importTarget({})).toBeUndefined();
    expect(templatePath({ schoolId: 'sch-1' })).toBe('/v1/imports/template?kind=teachers');
    expect(templatePath({ federationId: 'fed 1' })).toBe('/v1/imports/template?kind=teachers&federationId=fed%201');
  });

  it('takes .xlsx and .csv up to 5 MB, and says what to do with .xls and other files', () => {
    expect(uploadRequestFor({ name: '名册.XLSX', size: 1000 })).toEqual({ ok: true, value: { fileName: '名册.XLSX', contentType: XLSX_CONTENT_TYPE, size: 1000, purpose: 'import' } });
    expect(uploadRequestFor({ name: '名册.csv', size: 10 })).toMatchObject({ ok: true, value: { contentType: 'text/csv' } });
    expect(uploadRequestFor({ name: '名册.xls', size: 10 })).toEqual({ ok: false, message: expect.stringContaining('另存为 .xlsx') });
    expect(uploadRequestFor({ name: '名册.pdf', size: 10 })).toEqual({ ok: false, message: '请选择 Excel（.xlsx）或 CSV 文件' });
    expect(uploadRequestFor({ name: '名册.xlsx', size: 0 })).toMatchObject({ ok: false });
    expect(uploadRequestFor({ name: '名册.xlsx', size: 6 * 1024 * 1024 })).toEqual({ ok: false, message: expect.stringContaining('5 MB') });
    const long = uploadRequestFor({ name: `${'很'.repeat(120)}.xlsx`, size: 10 });
    expect(long.ok && long.value.fileName.length).toBeLessThanOrEqual(100);
  });

  it('lists errors by row, the file-level ones named without a column', () => {
    const lines = errorLines([
      { row: 5, column: '手机号', code: 'PHONE_INVALID', message: '手机号「123」不是 11 位手机号，请核对' },
      { row: 1, column: '', code: 'FILE_EMPTY', message: '文件是空的' },
      { row: 3, column: '姓名', code: 'NAME_MISSING', message: '请填写姓名' },
    ]);
    expect(lines.map((l) => l.where)).toEqual(['第 1 行', '第 3 行 · 姓名', '第 5 行 · 手机号']);
    expect(new Set(lines.map((l) => l.key)).size).toBe(3);
  });

  it('keeps 应用 off while any row has an error, when nothing is there, and once applied', () => {
    expect(canApply(preview())).toBe(true);
    expect(applyBlocker(preview())).toBeUndefined();
    const bad = preview({ errors: [{ row: 3, column: '姓名', code: 'NAME_MISSING', message: '请填写姓名' }, { row: 3, column: '手机号', code: 'PHONE_MISSING', message: '请填写手机号' }] });
    expect(canApply(bad)).toBe(false);
    expect(applyBlocker(bad)).toContain('有 1 行需要修改');
    expect(canApply(preview({ rows: [], summary: { create: 0, update: 0, unchanged: 0, invalid: 0 } }))).toBe(false);
    expect(canApply(preview({ status: 'applied' }))).toBe(false);
  });

  it('shows counts, row details and the result in Chinese', () => {
    expect(summaryItems({ create: 3, update: 1, unchanged: 2, invalid: 4 }).map((i) => `${i.label}${i.value}`)).toEqual(['新增3', '更新1', '无变化2', '有错误4']);
    expect(rowDetails({ row: 2, action: 'create', name: '张三', phoneMasked: '', position: 'group_leader', subjects: ['语文', '书法'], grades: ['四年级'], titles: ['backbone'], schoolName: '实验小学' })).toBe(
      '教研组长 · 语文、书法 · 四年级 · 骨干教师 · 实验小学',
    );
    expect(resultLine({ id: 'i', status: 'applied', created: 47, updated: 3, unchanged: 0, appliedAt: '' })).toContain('新增 47 人，更新 3 人');
  });
});
