import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planUpload } from './upload-plan.ts';

const require = createRequire(import.meta.url);
const web = require('../../serverless/web.cjs') as {
  routerCode: (verification: { uri: string; body: string } | null) => string;
  verificationFile: (path: string | undefined) => { uri: string; body: string } | null;
};

const dirs: string[] = [];
function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lianyan-h5-'));
  dirs.push(dir);
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the upload plan of deploy:web', () => {
  const dir = () =>
    build({
      'index.html': '<!doctype html>',
      'index.html.br': 'x',
      'js/app.52d0b679.js': 'app',
      'js/app.52d0b679.js.gz': 'x',
      'css/app.1ceb342c.css': 'css',
      'js/4523.7bf36659.js.LICENSE.txt': 'licence',
      'static/images/logo.png': 'png',
    });

  it('uploads each file once, without the precompressed variants (CloudFront compresses at the edge)', () => {
    const keys = planUpload(dir()).uploads.map((u) => u.key);
    expect(keys.sort()).toEqual(['css/app.1ceb342c.css', 'index.html', 'js/4523.7bf36659.js.LICENSE.txt', 'js/app.52d0b679.js', 'static/images/logo.png']);
  });

  it('gives each file its content type and cache lifetime: hashed files a year, HTML revalidated, others an hour', () => {
    const byKey = Object.fromEntries(planUpload(dir()).uploads.map((u) => [u.key, u]));
    expect(byKey['index.html']).toMatchObject({ contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
    expect(byKey['js/app.52d0b679.js']).toMatchObject({ contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(byKey['css/app.1ceb342c.css']).toMatchObject({ contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(byKey['static/images/logo.png']).toMatchObject({ contentType: 'image/png', cacheControl: 'public, max-age=3600' });
    expect(byKey['js/4523.7bf36659.js.LICENSE.txt']?.cacheControl).toBe('public, max-age=3600');
  });

  it('uploads the HTML last, so a new page never names a file that is not there yet', () => {
    const keys = planUpload(dir()).uploads.map((u) => u.key);
    expect(keys.at(-1)).toBe('index.html');
  });

  it('invalidates only the HTML: the shell under / and /index.html (where the entry routes are cached)', () => {
    expect(planUpload(dir()).invalidate).toEqual(['/', '/index.html']);
  });
});

describe('the CloudFront Function of the web side', () => {
  type Request = { uri: string };
  type Response = { statusCode: number; headers: Record<string, { value: string }>; body: { data: string } };
  const handlerOf = (code: string) => new Function(`${code}\nreturn handler;`)() as (event: { request: Request }) => Request | Response;
  const run = (code: string, uri: string) => handlerOf(code)({ request: { uri } });

  it('loads the QR landing and the display their own pages, and leaves other paths alone', () => {
    const code = web.routerCode(null);
    expect(run(code, '/s/01JABC/tok_en-123')).toEqual({ uri: '/landing.html' });
    expect(run(code, '/display/01JABC')).toEqual({ uri: '/display.html' });
    expect(run(code, '/js/app.52d0b679.js')).toEqual({ uri: '/js/app.52d0b679.js' });
    expect(run(code, '/v1x/display/')).toEqual({ uri: '/v1x/display/' });
  });

  it("answers WeChat's verification file at /s/<name> from the deploy parameter", () => {
    const file = join(build({ 'Xy12ab.txt': 'c0ffee1234\n' }), 'Xy12ab.txt');
    const code = web.routerCode(web.verificationFile(file));
    const answer = run(code, '/s/Xy12ab.txt') as Response;
    expect(answer.statusCode).toBe(200);
    expect(answer.body.data).toBe('c0ffee1234');
    expect(answer.headers['content-type']?.value).toMatch(/^text\/plain/);
    expect(run(code, '/s/other.txt')).toEqual({ uri: '/landing.html' });
  });

  it('refuses a verification file whose name or content could not be what WeChat issues', () => {
    expect(() => web.verificationFile(join(build({ 'bad name.txt': 'x' }), 'bad name.txt'))).toThrow(/WECHAT_VERIFY_FILE/);
    expect(() => web.verificationFile(join(build({ 'ok.txt': 'c0ffee\u0007</script>' }), 'ok.txt'))).toThrow(/WECHAT_VERIFY_FILE/);
    expect(web.verificationFile(undefined)).toBeNull();
  });
});
