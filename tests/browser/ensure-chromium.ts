import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The first step of `npm test`: the browser tests need Debian's Chromium, and the ZIP test lists our archives with
// Info-ZIP's `unzip` as Debian users open them; install both where we can, never skip silently.
const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const say = (line: string) => process.stdout.write(`${line}\n`);

const hasUnzip = () => spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;

function works(): boolean {
  if (!existsSync(path) || !hasUnzip()) return false;
  const out = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return out.status === 0;
}

if (works()) {
  say(`Chromium: ${spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
  process.exit(0);
}

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
if (!process.env.CHROMIUM_PATH && isRoot && hasApt) {
  say('Chromium or unzip is missing: installing the Debian packages `chromium` and `unzip` with apt-get (needs a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk', 'unzip']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) break;
  }
  if (works()) process.exit(0);
}

process.stderr.write(
  [
    hasUnzip() ? `The browser tests need Chromium at ${path}, and it is not there.` : 'The ZIP test needs `unzip` (Info-ZIP), and it is not there.',
    isRoot && hasApt
      ? 'Installing it with apt-get failed (see above).'
      : 'It could not be installed automatically (installing needs root and apt-get).',
    'Install it, then run `npm test` again:',
    '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk unzip',
    '  Elsewhere: install Chromium and set CHROMIUM_PATH=/path/to/chromium',
    '',
  ].join('\n'),
);
process.exit(1);
