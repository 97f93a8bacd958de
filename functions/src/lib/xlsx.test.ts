import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csv, xlsx } from './xlsx.ts';

/** Reads the entries of a zip through its central directory. */
function unzip(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(p + 28);
    const size = buf.readUInt32LE(p + 20);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26);
    files.set(name, inflateRawSync(buf.subarray(start, start + size)).toString('utf8'));
    p += 46 + nameLength;
  }
  return files;
}

describe('xlsx', () => {
  it('writes a workbook whose sheets hold the cells, Chinese included', () => {
    const files = unzip(xlsx([{ name: '签到表', rows: [['姓名', '学时'], ['王老师 <A&B>', 1.5]] }]));
    expect([...files.keys()]).toContain('xl/worksheets/sheet1.xml');
    expect(files.get('xl/workbook.xml')).toContain('name="签到表"');
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<t xml:space="preserve">王老师 &lt;A&amp;B&gt;</t>');
    expect(sheet).toContain('<c r="B2"><v>1.5</v></c>');
  });
});

describe('csv', () => {
  it('starts with a BOM, uses CRLF, quotes and defuses formulas', () => {
    const text = csv([['姓名', '备注'], ['李,老师', '=HYPERLINK("x")'], ['张"三"', null]]);
    expect(text.startsWith('\uFEFF姓名,备注\r\n')).toBe(true);
    expect(text).toContain('"李,老师","\'=HYPERLINK(""x"")"');
    expect(text).toContain('"张""三""",\r\n');
  });
});
