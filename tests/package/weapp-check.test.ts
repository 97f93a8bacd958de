import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run check:weapp` (infra/src/check/weapp.ts, WeChat's miniprogram-ci offline in strict mode) on copies of the
// build with a broken WXML, WXSS or JS file planted: the check can fail. CI builds dist/weapp before this project.
const root = resolve(import.meta.dirname, '../..');
const dist = resolve(root, 'miniapp/dist/weapp');
const work = mkdtempSync(join(tmpdir(), 'lianyan-weapp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(project: string): Promise<{ status: number | null; output: string; result: { ok: boolean; errors: string[] } }> {
  const out = join(work, `${project.split('/').pop()}.json`);
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/src/check/weapp.ts', project, '--out', out], { cwd: root });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status) => done({ status, output, result: JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; errors: string[] } }));
  });
}

function broken(name: string, file: string, text: string): string {
  const copy = join(work, name);
  cpSync(dist, copy, { recursive: true });
  expect(existsSync(join(copy, file)), file).toBe(true);
  appendFileSync(join(copy, file), text);
  return copy;
}

// SKIPPED for now: on 2026-12-02 (a loaded 2-core machine) the three planted compiles had not settled after 15 min
// (the tool's compile of a broken file seems never to resolve or reject); needs a per-run timeout in weapp.ts first.
describe.skip('WeChat compiler check', () => {
  it('fails on a broken WXML, WXSS or JS file', async () => {
    expect(existsSync(join(dist, 'app.json')), 'run npm run build:weapp first').toBe(true);
    const [wxml, wxss, js] = await Promise.all([
      check(broken('wxml', 'pages/index/index.wxml', '\n<view class="broken"><text>未闭合</view>\n')),
      check(broken('wxss', 'app.wxss', '\n.broken { color: red;\n')),
      check(broken('js', 'pages/index/index.js', '\nfunction broken( {\n')),
    ]);
    for (const [what, run] of Object.entries({ wxml, wxss, js })) {
      expect(run.status, `${what}: ${run.output}`).toBe(1);
      expect(run.result.ok).toBe(false);
      expect(run.result.errors.join('\n'), what).toMatch(/^compile/m);
    }
  }, 900_000);
});
