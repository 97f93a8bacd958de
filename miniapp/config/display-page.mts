import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, transform } from 'esbuild';
import { compile } from 'sass';

// After `taro build --type h5`: the venue display as a page of its own (dist/h5/display.html), a few KB of script
// instead of the whole app, with the mini-program page's own styles. `/display/*` loads it (infra/web.json).
const miniapp = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(miniapp, 'dist/h5'));

const bundle = await build({
  entryPoints: [join(miniapp, 'src/web/display.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2018'],
  write: false,
  define: { 'process.env.TARO_APP_API_BASE': JSON.stringify(process.env.TARO_APP_API_BASE ?? '') },
});
const script = bundle.outputFiles[0]!.contents;
const scriptPath = `/js/display.${createHash('sha256').update(script).digest('hex').slice(0, 8)}.js`;
mkdirSync(join(out, 'js'), { recursive: true });
writeFileSync(join(out, scriptPath), script);

// The page's SCSS in CSS pixels (the app's rem conversion is Taro's), plus what Taro's components bring by themselves.
const pageCss = compile(join(miniapp, 'src/packages/display/index.scss'), { loadPaths: [join(miniapp, 'src')] }).css;
const baseCss = `
  html { -webkit-text-size-adjust: 100%; }
  body { margin: 0; font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', sans-serif; }
  h1, h2 { margin: 0; }
  [hidden] { display: none !important; }
  .display__toggle { display: block; width: 100%; padding: 0 14px; line-height: 2.6; cursor: pointer; }
`;
const css = (await transform(baseCss + pageCss, { loader: 'css', minify: true })).code.trim();

const html = readFileSync(join(miniapp, 'src/web/display.html'), 'utf8').replace('<!--styles-->', css).replace('<!--script-->', scriptPath);
writeFileSync(join(out, 'display.html'), html);
process.stdout.write(`display page: ${scriptPath} (${(script.length / 1024).toFixed(1)} KB), display.html (${(html.length / 1024).toFixed(1)} KB)\n`);
