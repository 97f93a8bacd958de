import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('npm start without Java', () => {
  it('stops at once and says exactly what to install', () => {
    const bin = mkdtempSync(join(tmpdir(), 'lianyan-nojava-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    try {
      const run = spawnSync(join(bin, 'node'), ['--import', 'tsx', 'infra/src/local/start.ts'], {
        cwd: root,
        env: { PATH: bin, HOME: process.env.HOME ?? '/tmp', PORT: '0' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('需要 Java 17');
      expect(run.stderr).toContain('apt-get install -y openjdk-17-jre-headless');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
