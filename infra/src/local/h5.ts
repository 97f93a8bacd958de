import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/h5 is missing or older than any source it is built from. */
export function h5IsStale(root: string): boolean {
  const index = join(root, 'miniapp/dist/h5/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return ['miniapp/src', 'miniapp/config', 'shared/src'].some((d) => newestMtime(join(root, d)) > built);
}

export function buildH5(root: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:h5', '--silent'], {
      cwd: root,
      env: { ...process.env, TARO_APP_STAGE: 'local', TARO_APP_API_BASE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      log(output.slice(-4000));
      reject(new Error(`H5 build failed (exit ${code})`));
    });
  });
}
