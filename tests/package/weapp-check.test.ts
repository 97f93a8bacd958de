import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run check:weapp` (infra/src/check/weapp.ts: WeChat's miniprogram-ci, offline, strict) on a minimal project
// (one page: compiles in seconds, unlike the whole dist/weapp) and on copies with a broken WXML, WXSS or JS file.
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'lianyan-weapp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MINIMAL: Record<string, string> = {
  'project.config.json': JSON.stringify({ miniprogramRoot: './', appid: 'touristappid', compileType: 'miniprogram', setting: { es6: true, minified: true, minifyWXML: true, minifyWXSS: true } }),
  'app.json': JSON.stringify({ pages: ['pages/index/index'], lazyCodeLoading: 'requiredComponents' }),
  'app.js': 'App({ onLaunch() { const greet = (name) => `你好 ${name}`; console.log(greet("联研")); } });\n',
  'app.wxss': 'page { color: #333; }\n',
  'pages/index/index.json': JSON.stringify({ usingComponents: {} }),
  'pages/index/index.js': 'Page({ data: { title: "签到" }, onLoad() { this.setData({ title: "签到成功" }); } });\n',
  'pages/index/index.wxml': '<view class="title"><text>{{title}}</text></view>\n',
  'pages/index/index.wxss': '.title { font-size: 32rpx; }\n',
};

function project(name: string, broken?: { file: string; text: string }): string {
  const dir = join(work, name);
  for (const [file, text] of Object.entries(MINIMAL)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  if (broken) appendFileSync(join(dir, broken.file), broken.text);
  return dir;
}

function check(dir: string): Promise<{ status: number | null; output: string; result: { ok: boolean; errors: string[]; sizes: { main: number } } }> {
  const out = `${dir}.json`;
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/src/check/weapp.ts', dir, '--out', out, '--timeout', '180'], { cwd: root });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status) => done({ status, output, result: JSON.parse(readFileSync(out, 'utf8')) as never }));
  });
}

describe('WeChat compiler check (npm run check:weapp)', () => {
  it('passes a sound minimal project and records its compiled size', async () => {
    const run = await check(project('sound'));
    expect(run.status, run.output).toBe(0);
    expect(run.result.ok).toBe(true);
    expect(run.result.sizes.main).toBeGreaterThan(100);
  }, 600_000);

  it('fails on a broken WXML, WXSS or JS file, naming the compile error', async () => {
    const planted = {
      wxml: { file: 'pages/index/index.wxml', text: '<view class="broken"><text>未闭合</view>\n', says: /unexpected end tag: view/ },
      wxss: { file: 'app.wxss', text: '.broken { color: red;\n', says: /app\.wxss.*Unclosed block/ },
      js: { file: 'pages/index/index.js', text: 'function broken( {\n', says: /index\.js/ },
    };
    for (const [what, broken] of Object.entries(planted)) {
      const run = await check(project(what, broken));
      expect(run.status, `${what}: ${run.output}`).toBe(1);
      expect(run.result.ok, what).toBe(false);
      expect(run.result.errors.join('\n'), what).toMatch(/^compile/m);
      expect(run.result.errors.join('\n'), what).toMatch(broken.says);
    }
  }, 900_000);
});
