import { describe, expect, it } from 'vitest';
import type { ReadCell, ReadSheet } from '#lib/sheet-read';
import { checkTeacherRows, normalizePhone } from './import-rows.ts';

const cell = (v: string | number | ReadCell | undefined): ReadCell | undefined =>
  v === undefined || v === '' ? undefined : typeof v === 'object' ? v : typeof v === 'number' ? { text: String(v), numeric: true } : { text: v };
const sheet = (rows: Array<Array<string | number | ReadCell | undefined>>, merges: ReadSheet['merges'] = []): ReadSheet => ({
  name: '教师名册',
  rows: rows.map((cells, i) => ({ row: i + 1, cells: cells.map(cell) })),
  merges,
});
const HEADER = ['姓名', '手机号', '职务', '学科', '任教年级', '称号'];
const codes = (r: ReturnType<typeof checkTeacherRows>) => r.errors.map((e) => `${e.row}:${e.column}:${e.code}`);

describe('phone numbers as people type them', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-13812345678', '13812345678'],
    ['８６１３８１２３４５６７８', '13812345678'],
    ['(138)12345678', '13812345678'],
  ])('%s → %s', (text, phone) => expect(normalizePhone({ text })).toBe(phone));
  it('reads a number cell, also in scientific notation, and refuses what is not a mobile number', () => {
    expect(normalizePhone({ text: '1.3812345678E10', numeric: true })).toBe('13812345678');
    expect(normalizePhone({ text: '13812345678', numeric: true })).toBe('13812345678');
    for (const text of ['1381234567', '23812345678', '138123456789', '电话', '12345678901']) expect(normalizePhone({ text })).toBeUndefined();
  });
});

describe('the rows of a 教师名册 file', () => {
  it('reads labels into the API values, splits lists on 、 , ， ; and spaces, and leaves empty cells undefined', () => {
    const result = checkTeacherRows(sheet([HEADER, ['张三', 13812345678, '副校长', '语文，数学 科学', '4年级;五年级', '骨干教师、名师'], ['李四', '13912345678']]), { schoolId: 'sch-1' });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { row: 2, name: '张三', phone: '13812345678', schoolId: 'sch-1', position: 'vice_principal', subjects: ['语文', '数学', '科学'], grades: ['四年级', '五年级'], titles: ['backbone', 'famous'] },
      { row: 3, name: '李四', phone: '13912345678', schoolId: 'sch-1' },
    ]);
  });

  it('accepts headers in any order, with spaces or a * mark, and ignores 序号 and 备注; refuses a column twice', () => {
    const ok = checkTeacherRows(sheet([['序号', '手机号*', ' 姓 名 ', '备注'], [1, '13812345678', '王五', '新来的']]), { schoolId: 's' });
    expect(ok.errors).toEqual([]);
    expect(ok.rows[0]).toMatchObject({ name: '王五', phone: '13812345678' });
    expect(codes(checkTeacherRows(sheet([['姓名', '手机号', '姓名'], ['a', '13812345678', 'b']]), { schoolId: 's' }))).toEqual(['1:姓名:HEADER_DUPLICATE']);
  });

  it('wants 学校 in a federation file and matches it by name', () => {
    const schools = new Map([['实验小学', 'sch-1'], ['青山小学', 'sch-2']]);
    expect(codes(checkTeacherRows(sheet([HEADER, ['a', '13812345678']]), { schools }))).toEqual(['1:学校:HEADER_MISSING']);
    const result = checkTeacherRows(sheet([['姓名', '手机号', '学校'], ['a', '13812345678', '青山 小学'], ['b', '13812345679', ''], ['c', '13812345670', '别的学校']]), { schools });
    expect(result.rows.map((r) => r.schoolId)).toEqual(['sch-2']);
    expect(codes(result)).toEqual(['3:学校:SCHOOL_MISSING', '4:学校:SCHOOL_UNKNOWN']);
    expect(result.invalid.map((r) => r.row)).toEqual([3, 4]);
  });

  it('refuses formulas in the header, more than 6 values, and a merged header', () => {
    expect(codes(checkTeacherRows(sheet([[{ text: '姓名', formula: true }, '手机号'], ['a', '13812345678']]), { schoolId: 's' }))).toEqual(['1:姓名:FORMULA']);
    expect(codes(checkTeacherRows(sheet([HEADER, ['a', '13812345678', '', '语文、数学、英语、科学、音乐、体育、美术']]), { schoolId: 's' }))).toEqual(['2:学科:TOO_MANY_VALUES']);
    expect(codes(checkTeacherRows(sheet([HEADER, ['a', '13812345678']], [{ ref: 'A1:B1', top: 1, left: 0, bottom: 1, right: 1 }]), { schoolId: 's' }))).toEqual(['1:姓名:MERGED_CELLS']);
  });

  it('counts 20,000 data rows as fine and 20,001 as too many', () => {
    const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => [`教师${i}`, `139${String(i).padStart(8, '0')}`])];
    expect(checkTeacherRows(sheet(rows(20_000)), { schoolId: 's' }).errors).toEqual([]);
    expect(codes(checkTeacherRows(sheet(rows(20_001)), { schoolId: 's' }))).toEqual(['20002::TOO_MANY_ROWS']);
  });
});
