import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Reads what `npm run build` produced (CI builds before this check).
const dist = resolve(import.meta.dirname, '../../miniapp/dist');

function sizeOf(dir: string, skip: (path: string) => boolean = () => false): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    total += entry.isDirectory() ? sizeOf(path, skip) : statSync(path).size;
  }
  return total;
}

describe('mini-program packages', () => {
  for (const platform of ['weapp', 'dd']) {
    it(`keeps the ${platform} main package (everything outside the sub-packages) under 1 MB`, () => {
      const root = join(dist, platform);
      expect(existsSync(join(root, 'app.json')), `run npm run build first: no ${root}/app.json`).toBe(true);
      const main = sizeOf(root, (p) => p.startsWith(join(root, 'packages')));
      expect(main).toBeGreaterThan(50_000);
      expect(main).toBeLessThan(1024 * 1024);
      expect(sizeOf(root)).toBeLessThan(20 * 1024 * 1024);
    });
  }
});
