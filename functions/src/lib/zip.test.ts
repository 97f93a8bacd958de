import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zip } from './zip.ts';

describe('zip', () => {
  it('writes UTF-8 names, deflated data and the given time, readable through the central directory', () => {
    const data = Buffer.from('心得体会'.repeat(50));
    const buf = zip([{ name: '06-心得体会/王芳.txt', data, modified: { year: 2026, month: 11, day: 23, hour: 14, minute: 30 } }]);
    const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(buf.readUInt16LE(end + 10)).toBe(1);
    const central = buf.readUInt32LE(end + 16);
    expect(buf.readUInt16LE(central + 8) & 0x0800).toBe(0x0800);
    expect(buf.readUInt16LE(central + 12)).toBe((14 << 11) | (30 << 5));
    expect(buf.readUInt16LE(central + 14)).toBe(((2026 - 1980) << 9) | (11 << 5) | 23);
    const nameLength = buf.readUInt16LE(central + 28);
    expect(buf.subarray(central + 46, central + 46 + nameLength).toString('utf8')).toBe('06-心得体会/王芳.txt');
    const start = 30 + buf.readUInt16LE(26);
    expect(inflateRawSync(buf.subarray(start, start + buf.readUInt32LE(central + 20))).equals(data)).toBe(true);
  });

  it('dates entries 1980-01-01 without a time', () => {
    const buf = zip([{ name: 'a.txt', data: Buffer.from('a') }]);
    expect(buf.readUInt16LE(12)).toBe(0x21);
  });
});
