import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('is listed and extracted with its Chinese names by the system unzip (Info-ZIP, as on Debian)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianyan-zip-'));
    try {
      const file = join(dir, 'bundle.zip');
      writeFileSync(file, zip([{ name: '06-心得体会/王芳.txt', data: Buffer.from('心得') }, { name: '签到表.csv', data: Buffer.from('a,b') }]));
      const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
      expect(listing).toEqual(['06-心得体会/王芳.txt', '签到表.csv']);
      execFileSync('unzip', ['-q', file, '-d', join(dir, 'out')]);
      expect(readFileSync(join(dir, 'out', '06-心得体会', '王芳.txt'), 'utf8')).toBe('心得');
      expect(execFileSync('zipinfo', [file], { encoding: 'utf8' })).toMatch(/-rw-r--r--.*unx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dates entries 1980-01-01 without a time', () => {
    const buf = zip([{ name: 'a.txt', data: Buffer.from('a') }]);
    expect(buf.readUInt16LE(12)).toBe(0x21);
  });
});
