import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../web/precompress.ts';
import { webPolicy } from '../web/assets.ts';
import { acceptedEncodings, sendLambdaResult, serveWeb } from './web.ts';

const app = `console.log(${JSON.stringify('联研'.repeat(2000))});`;
const shell = `<!doctype html><html><head><script defer src="/js/app.52d0b679.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
const displayPage = '<!doctype html><title>签到大屏</title>';
const landingPage = '<!doctype html><title>扫码签到</title>';
const bigJson = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: '教师' })) });
let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lianyan-web-'));
  const files: Record<string, string> = { 'index.html': shell, 'display.html': displayPage, 'landing.html': landingPage, 'js/app.52d0b679.js': app, 'favicon.ico': 'ico' };
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  precompress(root);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/v1/big') return void sendLambdaResult(req, res, { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: bigJson });
    if (url.pathname === '/v1/small') return void sendLambdaResult(req, res, { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    if (url.pathname === '/v1/file') return void sendLambdaResult(req, res, { statusCode: 200, headers: { 'content-type': 'text/csv' }, body: Buffer.from(bigJson).toString('base64'), isBase64Encoded: true });
    serveWeb(req, res, root, url.pathname);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET (fetch would decompress and hide the encoding). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('the local server sends the H5 build the way CloudFront does', () => {
  it('sends the precompressed variant the client accepts, Brotli first, with Vary', async () => {
    const br = await get('/js/app.52d0b679.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(app);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(app) / 3);

    const gz = await get('/js/app.52d0b679.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(app);

    const plain = await get('/js/app.52d0b679.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(app);
    expect(plain.headers.vary).toBe('Accept-Encoding');
  });

  it('keeps hashed files a year and revalidates HTML by ETag (304), each encoding with its own tag', async () => {
    const js = await get('/js/app.52d0b679.js', { 'accept-encoding': 'br' });
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/', { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const etag = page.headers.etag!;
    expect(etag).toMatch(/^".+"$/);
    expect((await get('/', { 'accept-encoding': 'gzip' })).headers.etag).not.toBe(etag);

    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect((await get('/', { 'accept-encoding': 'br', 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('opens the QR landing and the display their own pages, the app shell for /, each with the CSP and the other security headers', async () => {
    const pages: Array<[string, string]> = [['/', shell], ['/index.html', shell], ['/s/01JABC/token-123', landingPage], ['/display/01JABC', displayPage]];
    for (const [path, page] of pages) {
      const res = await get(`${path}?key=k`);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(webPolicy.contentSecurityPolicy);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.body.toString()).toBe(page);
    }
    expect(webPolicy.contentSecurityPolicy).toMatch(/script-src 'self';/);
  });

  it('answers 404 for a missing file outside the entry routes, 400 for an undecodable path, and never leaves the build', async () => {
    expect((await get('/js/missing.12345678.js')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    const escaped = await get('/..%2f..%2fetc%2fpasswd');
    expect(escaped.status).toBe(404);
    expect(escaped.body.toString()).not.toContain('root:');
  });
});

describe('API answers', () => {
  it('compresses JSON above the threshold for a client that accepts it, and leaves small or binary bodies alone', async () => {
    const big = await get('/v1/big', { 'accept-encoding': 'gzip, br' });
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(big.body).toString()).toBe(bigJson);

    expect((await get('/v1/big')).body.toString()).toBe(bigJson);
    expect((await get('/v1/small', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
    const file = await get('/v1/file', { 'accept-encoding': 'br' });
    expect(file.headers['content-encoding']).toBeUndefined();
    expect(file.body.toString()).toBe(bigJson);
  });

  it('reads Accept-Encoding with its weights', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=1, br;q=0.5')).toEqual(['gzip', 'br']);
    expect(acceptedEncodings('br;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });
});
