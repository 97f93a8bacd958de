import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RouteDefinition } from '@lianyan/functions/routes';

// `npm run entries`: writes functions/src/entries/<function>.ts, the handler of each Lambda function that serves
// several routes (infra/serverless/function-groups.cjs), and removes entries no function uses any more. An entry
// imports only its routes' handlers, so esbuild bundles only those. infra/src/build/entries.test.ts fails when the
// files differ from the route table.

interface HttpFunction {
  name: string;
  routes: RouteDefinition[];
  entry: boolean;
}
const groups = createRequire(import.meta.url)('../../serverless/function-groups.cjs') as {
  httpFunctions: () => HttpFunction[];
  routeKey: (route: RouteDefinition) => string;
};

export const ENTRIES_DIR = resolve(import.meta.dirname, '../../../functions/src/entries');
const FALLBACK_HANDLER = 'not-found';

function render(fn: HttpFunction): string {
  const imports = fn.routes.map((r) => `import { handler as ${r.name} } from '#handlers/${r.handler}';`);
  const table = fn.routes.map((r) => `  '${groups.routeKey(r)}': ${r.name},`);
  return [
    `// Written by \`npm run entries\` (infra/src/build/entries.ts) from functions/routes.json: do not edit.`,
    `// The Lambda function ${fn.name} (infra/serverless/function-groups.cjs): ${fn.routes.length} routes with the same access.`,
    `import { dispatch } from '#lib/dispatch';`,
    `import { handler as notFound } from '#handlers/${FALLBACK_HANDLER}';`,
    ...imports,
    '',
    'export const handler = dispatch(',
    '  {',
    ...table.map((line) => `  ${line}`),
    '  },',
    '  notFound,',
    ');',
    '',
  ].join('\n');
}

/** The entry files as they should be: file name → text. */
export function expectedEntries(): Map<string, string> {
  return new Map(groups.httpFunctions().filter((f) => f.entry).map((f) => [`${f.name}.ts`, render(f)]));
}

/** The entry files as they are. */
export function currentEntries(): Map<string, string> {
  if (!existsSync(ENTRIES_DIR)) return new Map();
  return new Map(readdirSync(ENTRIES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => [f, readFileSync(join(ENTRIES_DIR, f), 'utf8')]));
}

export function writeEntries(): { written: string[]; removed: string[] } {
  mkdirSync(ENTRIES_DIR, { recursive: true });
  const expected = expectedEntries();
  const current = currentEntries();
  const written: string[] = [];
  const removed: string[] = [];
  for (const [file, text] of expected) {
    if (current.get(file) === text) continue;
    writeFileSync(join(ENTRIES_DIR, file), text);
    written.push(file);
  }
  for (const file of current.keys()) {
    if (expected.has(file)) continue;
    rmSync(join(ENTRIES_DIR, file));
    removed.push(file);
  }
  return { written, removed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { written, removed } = writeEntries();
  process.stdout.write(`functions/src/entries: ${expectedEntries().size} entries; written ${written.join(', ') || 'none'}; removed ${removed.join(', ') || 'none'}\n`);
}
