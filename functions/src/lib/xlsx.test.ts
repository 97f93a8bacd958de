import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csv, dateCell, percentCell, timeCell, xlsx } from './xlsx.ts';

/** The entries of a zip as text. */
const unzip = (buf: Buffer) => new Map(Object.entries(unzipSync(buf)).map(([name, data]) => [name, strFromU8(data)]));

describe('xlsx', () => {
  it('writes a workbook whose sheets hold the cells, Chinese included', () => {
    const files = unzip(xlsx([{ name: '签到表', rows: [['姓名', '学时'], ['王老师 <A&B>', 1.5]] }]));
    expect([...files.keys()]).toContain('xl/worksheets/sheet1.xml');
    expect(files.get('xl/workbook.xml')).toContain('name="签到表"');
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<t xml:space="preserve">王老师 &lt;A&amp;B&gt;</t>');
    expect(sheet).toContain('<c r="B2"><v>1.5</v></c>');
  });

  it('writes dates, Beijing times and rates as numbers with Chinese date and percent formats', () => {
    const rows = [
      ['日期', '时间', '比例'],
      [dateCell('2026-11-23'), timeCell('2026-11-23T02:05:00.000Z'), percentCell(0.862)],
      [dateCell('不是日期'), timeCell(undefined), percentCell(null)],
    ];
    const files = unzip(xlsx([{ name: 'a', rows }]));
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    // 2026-11-23 is day 46349 after 1899-12-30; 02:05 UTC is 10:05 in Beijing (10h05 = 0.42013889 of a day).
    expect(sheet).toContain('<c r="A2" s="2"><v>46349</v></c>');
    expect(sheet).toContain('<c r="B2" s="3"><v>46349.42013889</v></c>');
    expect(sheet).toContain('<c r="C2" s="4"><v>0.862</v></c>');
    expect(sheet).toContain('<c r="A3" t="inlineStr"><is><t xml:space="preserve">不是日期</t></is></c>');
    expect(sheet).not.toContain('r="B3"');
    const styles = files.get('xl/styles.xml')!;
    expect(styles).toContain('formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"');
    expect(styles).toContain('formatCode="0.0%"');
    expect(styles).toContain('<cellXfs count="5">');
  });
});

describe('csv', () => {
  it('starts with a BOM, uses CRLF, quotes and defuses formulas', () => {
    const text = csv([['姓名', '备注'], ['李,老师', '=HYPERLINK("x")'], ['张"三"', null]]);
    expect(text.startsWith('\uFEFF姓名,备注\r\n')).toBe(true);
    expect(text).toContain('"李,老师","\'=HYPERLINK(""x"")"');
    expect(text).toContain('"张""三""",\r\n');
  });

  it('writes typed cells as people read them: the date, the Beijing time, the rate with %', () => {
    const text = csv([[dateCell('2026-11-23'), timeCell('2026-11-23T02:05:00.000Z'), percentCell(0.8625), percentCell(1)]]);
    expect(text).toBe('\uFEFF2026-11-23,2026-11-23 10:05,86.3%,100%\r\n');
  });
});
