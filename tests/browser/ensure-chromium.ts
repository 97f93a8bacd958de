import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The first step of `npm test`: the browser tests need Debian's Chromium, the ZIP test lists our archives with
// Info-ZIP's `unzip` as Debian users open them, and the briefing PDF test renders with poppler (poppler-utils, and
// poppler-data for the CJK font mapping); install them where we can, never skip silently.
const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const say = (line: string) => process.stdout.write(`${line}\n`);

const hasUnzip = () => spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;
const hasPoppler = () => spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).status === 0 && existsSync('/usr/share/poppler/cMap');

function works(): boolean {
  if (!existsSync(path) || !hasUnzip() || !hasPoppler()) return false;
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
  say('Chromium, unzip or poppler is missing: installing the Debian packages `chromium`, `unzip`, `poppler-utils` and `poppler-data` with apt-get (needs a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk', 'unzip', 'poppler-utils', 'poppler-data']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) break;
  }
  if (works()) process.exit(0);
}

process.stderr.write(
  [
    !hasUnzip()
      ? 'The ZIP test needs `unzip` (Info-ZIP), and it is not there.'
      : !hasPoppler()
        ? 'The briefing PDF test needs poppler (`pdftoppm`, with poppler-data), and it is not there.'
        : `The browser tests need Chromium at ${path}, and it is not there.`,
    isRoot && hasApt
      ? 'Installing it with apt-get failed (see above).'
      : 'It could not be installed automatically (installing needs root and apt-get).',
    'Install it, then run `npm test` again:',
    '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk unzip poppler-utils poppler-data',
    '  Elsewhere: install Chromium and set CHROMIUM_PATH=/path/to/chromium',
    '',
  ].join('\n'),
);
process.exit(1);
