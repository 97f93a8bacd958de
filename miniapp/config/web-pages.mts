import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, transform } from 'esbuild';
import { compile } from 'sass';

// After `taro build --type h5`: the pages the web opens without the app, each a page of its own with a few KB of
// script. `/display/*` loads display.html (the venue display, with the mini-program page's own styles) and `/s/*`
// landing.html (the QR landing); infra/web.json routes them.
const miniapp = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(miniapp, 'dist/h5'));

const baseCss = `
  html { -webkit-text-size-adjust: 100%; }
  body { margin: 0; font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', sans-serif; }
  h1, h2, p { margin: 0; }
  [hidden] { display: none !important; }
`;

const pages = [
  {
    name: 'display',
    // The page's SCSS in CSS pixels (the app's rem conversion is Taro's), plus what Taro's components bring by themselves.
    scss: 'src/packages/display/index.scss',
    // The time and venue keep their place while empty (two lines on a phone, one on a wide screen), so the API's
    // answer moves nothing below them.
    css: `.display__toggle { display: block; width: 100%; padding: 0 14px; line-height: 2.6; cursor: pointer; }
      .display__meta { line-height: 1.5; min-height: 3em; }
      @media (min-width: 900px) and (min-aspect-ratio: 1/1) { .display__meta { min-height: 1.5em; } }`,
  },
  { name: 'landing', scss: 'src/web/landing.scss', css: '' },
];

for (const page of pages) {
  const bundle = await build({
    entryPoints: [join(miniapp, `src/web/${page.name}.ts`)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2018'],
    write: false,
    define: { 'process.env.TARO_APP_API_BASE': JSON.stringify(process.env.TARO_APP_API_BASE ?? '') },
  });
  const script = bundle.outputFiles[0]!.contents;
  const scriptPath = `/js/${page.name}.${createHash('sha256').update(script).digest('hex').slice(0, 8)}.js`;
  mkdirSync(join(out, 'js'), { recursive: true });
  writeFileSync(join(out, scriptPath), script);

  const pageCss = compile(join(miniapp, page.scss), { loadPaths: [join(miniapp, 'src')] }).css;
  const css = (await transform(baseCss + page.css + pageCss, { loader: 'css', minify: true })).code.trim();
  const html = readFileSync(join(miniapp, `src/web/${page.name}.html`), 'utf8').replace('<!--styles-->', css).replace('<!--script-->', scriptPath);
  writeFileSync(join(out, `${page.name}.html`), html);
  process.stdout.write(`${page.name} page: ${scriptPath} (${(script.length / 1024).toFixed(1)} KB), ${page.name}.html (${(html.length / 1024).toFixed(1)} KB)\n`);
}
