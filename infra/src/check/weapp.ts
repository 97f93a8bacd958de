// WeChat's own compiler on the mini-program build: `npm run check:weapp` compiles miniapp/dist/weapp with
// `miniprogram-ci` offline in strict mode (es6, JS / WXML / WXSS minified: only then does it report broken WXML,
// WXSS and JS), runs its code-quality check and code analysis, and writes the package sizes it compiled to
// miniapp/dist/weapp-check.json (read by `npm run bench`). Exit 1 on a compile error or a failed quality item.
//   node --import tsx infra/src/check/weapp.ts [projectDir] [--out file.json]
// Offline: the project's attr() hook answers the tool's own defaults (otherwise it asks WeChat's servers first);
// any appid and a throw-away private key do, since nothing is uploaded. Runtime APIs are not checked.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

interface CheckItem {
  name: string;
  success: boolean;
  text?: string;
  detail?: unknown;
}
interface Project {
  attr(): Promise<unknown>;
}
interface MiniprogramCi {
  Project: new (options: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => Project;
  DefaultProjectAttr: unknown;
  getCompiledResult(options: { project: Project; version: string; setting: Record<string, boolean>; onProgressUpdate?: (t: unknown) => void }): Promise<Record<string, string | Buffer>>;
  checkCodeQuality(project: Project): Promise<CheckItem[]>;
  analyseCode(project: Project, option?: { silent: boolean }): Promise<{ files: unknown[]; modules: unknown[] } | undefined>;
}

export interface WeappCheck {
  ok: boolean;
  errors: string[];
  quality: CheckItem[];
  /** Compiled bytes: the main package and each sub-package (by root). */
  sizes: { main: number; packages: Record<string, number> };
  analysedFiles: number;
  compileMs: number;
}

/** Strict settings: with the project's loose ones a broken copy compiles. */
export const STRICT = { es6: true, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true };

export async function checkWeapp(projectPath: string): Promise<WeappCheck> {
  const ci = createRequire(import.meta.url)('miniprogram-ci') as MiniprogramCi;
  const keyDir = mkdtempSync(join(tmpdir(), 'lianyan-weapp-key-'));
  const privateKeyPath = join(keyDir, 'private.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath, privateKeyPath, ignores: ['node_modules/**/*'] });
  project.attr = async () => ci.DefaultProjectAttr;
  const errors: string[] = [];
  const appJson = JSON.parse(readFileSync(join(projectPath, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  const sizes = { main: 0, packages: Object.fromEntries(roots.map((r) => [r.slice(0, -1), 0])) as Record<string, number> };
  const started = performance.now();
  try {
    const files = await ci.getCompiledResult({ project, version: '0.0.0', setting: STRICT });
    for (const [path, content] of Object.entries(files)) {
      const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
      const name = path.replace(/^\/+/, '');
      const root = roots.find((r) => name.startsWith(r));
      if (root) sizes.packages[root.slice(0, -1)]! += bytes;
      else sizes.main += bytes;
    }
  } catch (error) {
    const e = error as { code?: unknown; message?: string };
    errors.push(`compile${e.code ? ` (${String(e.code)})` : ''}: ${e.message ?? String(error)}`);
  }
  const compileMs = Math.round(performance.now() - started);
  let quality: CheckItem[] = [];
  let analysedFiles = 0;
  try {
    quality = await ci.checkCodeQuality(project);
    for (const item of quality) if (!item.success) errors.push(`quality: ${item.name} — ${item.text ?? ''} ${item.detail ? JSON.stringify(item.detail) : ''}`.trim());
    analysedFiles = (await ci.analyseCode(project, { silent: true }))?.files.length ?? 0;
  } catch (error) {
    errors.push(`quality/analysis: ${(error as Error).message ?? String(error)}`);
  }
  rmSync(keyDir, { recursive: true, force: true });
  return { ok: errors.length === 0, errors, quality, sizes, analysedFiles, compileMs };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const root = resolve(import.meta.dirname, '../../..');
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? resolve(args[outAt + 1]!) : resolve(root, 'miniapp/dist/weapp-check.json');
  const positional = args.filter((_, i) => i !== outAt && i !== outAt + 1);
  const projectPath = resolve(positional[0] ?? resolve(root, 'miniapp/dist/weapp'));
  checkWeapp(projectPath)
    .then((result) => {
      writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), project: relative(root, projectPath), ...result }, null, 2)}\n`);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      say(`check:weapp ${relative(process.cwd(), projectPath)}: compiled (strict) in ${(result.compileMs / 1000).toFixed(1)} s; main ${kb(result.sizes.main)}`);
      for (const [name, bytes] of Object.entries(result.sizes.packages)) say(`  ${name}: ${kb(bytes)}`);
      for (const item of result.quality) say(`  quality ${item.success ? 'ok  ' : 'FAIL'} ${item.name}`);
      say(`  analysed ${result.analysedFiles} files`);
      for (const e of result.errors) console.error(`  error: ${e}`);
      say(result.ok ? 'check:weapp passed' : `check:weapp FAILED (${result.errors.length})`);
      // The tool leaves handles open for minutes after it resolves.
      process.exit(result.ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
