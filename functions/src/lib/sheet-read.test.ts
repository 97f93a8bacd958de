import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { xlsx } from './xlsx.ts';
import { cellRef, decodeCsv, readCsv, readXlsx, UnreadableFile } from './sheet-read.ts';

const texts = (sheet: ReturnType<typeof readXlsx>) => sheet.rows.map((r) => [r.row, ...Array.from(r.cells, (c) => c?.text ?? '')]);

/** A workbook as other programs write it: prefixed elements, shared strings with phonetic runs, a formula, merges. */
function foreignWorkbook(): Uint8Array {
  const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zipSync({
    'xl/workbook.xml': strToU8(`<x:workbook ${ns} xmlns:r="r"><x:sheets><x:sheet name="说明" sheetId="1" r:id="rId2"/><x:sheet name="教师名册" sheetId="2" r:id="rId1"/></x:sheets></x:workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Target="worksheets/guide.xml"/></Relationships>'),
    'xl/sharedStrings.xml': strToU8(`<x:sst ${ns}><x:si><x:t>姓名</x:t></x:si><x:si><x:r><x:t>张</x:t></x:r><x:r><x:t xml:space="preserve">三 </x:t></x:r><x:rPh><x:t>ZHANG</x:t></x:rPh></x:si><x:si><x:t>A&amp;B_x000D_</x:t></x:si></x:sst>`),
    'xl/worksheets/data.xml': strToU8(
      `<x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>` +
        `<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3"><x:v>1.3812345678E10</x:v></x:c><x:c r="C3" t="str"><x:f>A1&amp;"x"</x:f><x:v>姓名x</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c></x:row>` +
        `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B3:B5"/></x:mergeCells></x:worksheet>`,
    ),
    'xl/worksheets/guide.xml': strToU8('<worksheet><sheetData/></worksheet>'),
  });
}

describe('reading XLSX', () => {
  it('reads the server writer’s own files (inline strings, numbers)', () => {
    const sheet = readXlsx(xlsx([{ name: '说明', rows: [['x']] }, { name: '教师名册', rows: [['姓名', '手机号'], ['李四', 13812345678], ['<&>"', null]] }]), '教师名册');
    expect(sheet.name).toBe('教师名册');
    expect(texts(sheet)).toEqual([[1, '姓名', '手机号'], [2, '李四', '13812345678'], [3, '<&>"']]);
    expect(sheet.rows[1]!.cells[1]).toEqual({ text: '13812345678', numeric: true });
  });

  it('reads prefixed XML, shared strings without phonetic runs, escapes, formulas, booleans and merged ranges', () => {
    const sheet = readXlsx(foreignWorkbook(), '教师名册');
    expect(texts(sheet)).toEqual([[1, '姓名', '', 'A&B\r'], [3, '张三 ', '1.3812345678E10', '姓名x', 'TRUE']]);
    expect(sheet.rows[1]!.cells[2]).toEqual({ text: '姓名x', formula: true });
    expect(sheet.merges).toEqual([{ ref: 'B3:B5', top: 3, left: 1, bottom: 5, right: 1 }]);
  });

  it('takes the first sheet when none has the name, and refuses what is not a workbook', () => {
    expect(readXlsx(xlsx([{ name: 'Sheet1', rows: [['a']] }]), '教师名册').name).toBe('Sheet1');
    expect(() => readXlsx(Buffer.from('PK\x03\x04 broken'), '教师名册')).toThrow(UnreadableFile);
    expect(() => readXlsx(zipSync({ 'a.txt': strToU8('x') }), '教师名册')).toThrow(UnreadableFile);
  });

  it('turns cell references into row and column', () => {
    expect(cellRef('A1')).toEqual({ column: 0, row: 1 });
    expect(cellRef('$AB$12')).toEqual({ column: 27, row: 12 });
    expect(cellRef('1A')).toBeUndefined();
  });
});

describe('reading CSV', () => {
  it('decodes UTF-8 with or without BOM, and GBK', () => {
    expect(decodeCsv(Buffer.from('\uFEFF张三'))).toBe('张三');
    expect(decodeCsv(Buffer.from('张三'))).toBe('张三');
    expect(decodeCsv(Uint8Array.of(0xd5, 0xc5, 0xc8, 0xfd))).toBe('张三');
  });

  it('reads quoted fields, CRLF, blank lines, tabs, ="…" numbers, and marks other formulas', () => {
    const sheet = readCsv(Buffer.from('姓名,手机号\r\n"王,五","=""1"""\r\n\r\n赵六,="13812345678"\n钱七,=A1+1\n"多\n行",x'));
    expect(sheet.rows.map((r) => [r.row, ...r.cells.map((c) => c?.text)])).toEqual([
      [1, '姓名', '手机号'],
      [2, '王,五', '1'],
      [4, '赵六', '13812345678'],
      [5, '钱七', '=A1+1'],
      [6, '多\n行', 'x'],
    ]);
    expect(sheet.rows[3]!.cells[1]).toEqual({ text: '=A1+1', formula: true });
    expect(readCsv(Buffer.from('姓名\t手机号\n张三\t13812345678')).rows[1]!.cells.map((c) => c?.text)).toEqual(['张三', '13812345678']);
  });
});
