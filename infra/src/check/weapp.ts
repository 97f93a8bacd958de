// WeChat's own compiler on the mini-program build: `npm run check:weapp` compiles miniapp/dist/weapp with
// `miniprogram-ci` offline in strict mode (es6, JS / WXML / WXSS minified: only then does it report broken WXML,
// WXSS and JS), runs its code-quality check and code analysis, and writes the package sizes it compiled to
// miniapp/dist/weapp-check.json (read by `npm run bench`). Exit 1 on a compile error or a failed quality item.
//   node --import tsx infra/src/check/weapp.ts [projectDir] [--out file.json] [--timeout seconds]
// Each step (compile, quality check, analysis) has a time limit (default 600 s; WEAPP_CHECK_TIMEOUT_S): a step that
// does not settle in time fails the check instead of hanging CI.
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

/** A step's promise, or a rejection after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function checkWeapp(projectPath: string, options: { timeoutMs?: number } = {}): Promise<WeappCheck> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const ci = createRequire(import.meta.url)('miniprogram-ci') as MiniprogramCi;
  // The tool forks its compiler with our execArgv and the project as cwd: `--import tsx` would not resolve from a
  // project outside the repository (the child dies and the compile never settles). The child needs no TypeScript.
  process.execArgv = process.execArgv.filter((arg, k, all) => !/^--import=tsx$/.test(arg) && !(arg === '--import' && all[k + 1] === 'tsx') && !(arg === 'tsx' && all[k - 1] === '--import'));
  const keyDir = mkdtempSync(join(tmpdir(), 'lianyan-weapp-key-'));
  const privateKeyPath = join(keyDir, 'private.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath, privateKeyPath, ignores: ['node_modules/**/*'] });
  project.attr = async () => ci.DefaultProjectAttr;
  const errors: string[] = [];
  // The tool also fails through promises nobody awaits (its compiler process dying): they fail the check.
  const stray = (reason: unknown) => errors.push(`tool: ${reason instanceof Error ? reason.message : String(reason)}`);
  process.on('unhandledRejection', stray);
  const appJson = JSON.parse(readFileSync(join(projectPath, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  const sizes = { main: 0, packages: Object.fromEntries(roots.map((r) => [r.slice(0, -1), 0])) as Record<string, number> };
  const started = performance.now();
  try {
    const files = await within(ci.getCompiledResult({ project, version: '0.0.0', setting: STRICT }), timeoutMs, 'compile');
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
    quality = await within(ci.checkCodeQuality(project), timeoutMs, 'code quality check');
    for (const item of quality) if (!item.success) errors.push(`quality: ${item.name} — ${item.text ?? ''} ${item.detail ? JSON.stringify(item.detail) : ''}`.trim());
    analysedFiles = (await within(ci.analyseCode(project, { silent: true }), timeoutMs, 'code analysis'))?.files.length ?? 0;
  } catch (error) {
    errors.push(`quality/analysis: ${(error as Error).message ?? String(error)}`);
  }
  process.off('unhandledRejection', stray);
  rmSync(keyDir, { recursive: true, force: true });
  return { ok: errors.length === 0, errors, quality, sizes, analysedFiles, compileMs };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const root = resolve(import.meta.dirname, '../../..');
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? resolve(args[outAt + 1]!) : resolve(root, 'miniapp/dist/weapp-check.json');
  const timeoutAt = args.indexOf('--timeout');
  const timeoutS = Number(timeoutAt >= 0 ? args[timeoutAt + 1] : (process.env.WEAPP_CHECK_TIMEOUT_S ?? 600));
  const flags = new Set([outAt, outAt + 1, timeoutAt, timeoutAt + 1].filter((i) => i >= 0));
  const positional = args.filter((_, i) => !flags.has(i));
  const projectPath = resolve(positional[0] ?? resolve(root, 'miniapp/dist/weapp'));
  checkWeapp(projectPath, { timeoutMs: timeoutS * 1000 })
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
