import { extname } from 'node:path';
import policy from '../../web.json' with { type: 'json' };

/** The headers and entry routes of the web side: one definition for the local server, the deploy script and CloudFront. */
export const webPolicy = policy;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Worth compressing: text formats (images and fonts are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.map', '.txt', '.xml', '.svg', '.wasm']);

// Webpack names built files `<name>.<8+ hex>.<ext>`: their content never changes under that name.
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=3600';

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function isCompressible(path: string): boolean {
  return COMPRESSIBLE.has(extname(path).toLowerCase());
}

export function isHtml(path: string): boolean {
  return extname(path).toLowerCase() === '.html';
}

/** HTML is revalidated on every visit (it names the current hashed files); hashed files are kept a year. */
export function cacheControlOf(path: string): string {
  if (isHtml(path)) return REVALIDATE;
  return HASHED.test(path) ? IMMUTABLE : SHORT;
}

/** The page an address opens when it names no file: the app shell for `/`, the QR landing's and the display's own pages. */
export function entryPageOf(pathname: string): string | null {
  if (pathname === '/') return '/index.html';
  const prefix = Object.keys(webPolicy.entryRoutes).find((p) => pathname.startsWith(p));
  return prefix ? webPolicy.entryRoutes[prefix as keyof typeof webPolicy.entryRoutes] : null;
}

/** Headers every page carries; the CSP only on HTML (API pages set their own, stricter). */
export function securityHeaders(html: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': webPolicy.referrerPolicy,
    'x-frame-options': webPolicy.frameOptions,
    ...(html ? { 'content-security-policy': webPolicy.contentSecurityPolicy } : {}),
  };
}
