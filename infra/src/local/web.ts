import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { cacheControlOf, contentTypeOf, entryPageOf, isCompressible, isHtml, securityHeaders, webPolicy } from '../web/assets.ts';

type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encodings the client accepts, best first (q=0 refuses one). */
export function acceptedEncodings(header: string | string[] | undefined): Encoding[] {
  const accepted = new Map<string, number>();
  for (const part of [header ?? ''].flat().join(',').split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(token, q === undefined ? 1 : Number(q));
  }
  const weight = (e: Encoding) => accepted.get(e) ?? accepted.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a));
}

function etagOf(stat: Stats, encoding: Encoding | undefined): string {
  return `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function sendError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...securityHeaders(false) });
  res.end(JSON.stringify({ code, message }));
}

function notBuilt(res: ServerResponse) {
  res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders(true) });
  res.end('<!doctype html><meta charset="utf-8"><p>H5 页面尚未构建：请运行 <code>npm run build:h5</code>。</p>');
}

/** The file a path names inside the build, the app shell for its entry routes, or null. */
function resolveFile(webRoot: string, pathname: string): string | null {
  const file = join(webRoot, normalize(pathname));
  if (file.startsWith(webRoot + sep) && existsSync(file) && statSync(file).isFile()) return file;
  const page = entryPageOf(pathname);
  if (!page) return null;
  // A build without the display's own page: the app shell routes /display/ too.
  return existsSync(join(webRoot, page)) ? join(webRoot, page) : join(webRoot, 'index.html');
}

/**
 * The H5 build, as CloudFront serves it: the precompressed variant the client accepts (with Vary), hashed files
 * cached for a year, HTML revalidated by ETag (304), the CSP on every page.
 */
export function serveWeb(req: IncomingMessage, res: ServerResponse, webRoot: string | undefined, rawPathname: string): void {
  if (!webRoot || !existsSync(join(webRoot, 'index.html'))) return notBuilt(res);
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPathname);
  } catch {
    return sendError(res, 400, 'BAD_REQUEST', '链接地址有误');
  }
  if (pathname.includes('\0')) return sendError(res, 400, 'BAD_REQUEST', '链接地址有误');
  const file = resolveFile(webRoot, pathname);
  if (!file) return sendError(res, 404, 'NOT_FOUND', '页面不存在');

  const compressible = isCompressible(file);
  const encoding = compressible
    ? acceptedEncodings(req.headers['accept-encoding']).find((e) => existsSync(file + SUFFIX[e]))
    : undefined;
  const served = encoding ? file + SUFFIX[encoding] : file;
  const stat = statSync(served);
  const etag = etagOf(stat, encoding);
  const headers: Record<string, string> = {
    'content-type': contentTypeOf(file),
    'cache-control': cacheControlOf(file),
    etag,
    ...(compressible ? { vary: 'Accept-Encoding' } : {}),
    ...securityHeaders(isHtml(file)),
  };
  if (matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  res.writeHead(200, {
    ...headers,
    'content-length': String(stat.size),
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(served).pipe(res);
}

const COMPRESSIBLE_TYPE = /^(application\/(json|xml|javascript)|text\/)/i;

/** Writes a handler's answer; a text body above the threshold goes compressed, as CloudFront compresses `/v1/*`. */
export async function sendLambdaResult(req: IncomingMessage, res: ServerResponse, result: APIGatewayProxyStructuredResultV2): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : Buffer.from(result.body ?? '');
  const encoding = !result.isBase64Encoded && body.length >= webPolicy.compressMinBytes && COMPRESSIBLE_TYPE.test(headers['content-type'] ?? '') && !headers['content-encoding']
    ? acceptedEncodings(req.headers['accept-encoding'])[0]
    : undefined;
  if (!encoding) {
    res.writeHead(result.statusCode ?? 200, headers);
    return void res.end(body);
  }
  // Fast levels: an API answer is compressed on every request, unlike the build's files.
  const packed = encoding === 'br'
    ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : await gzipAsync(body, { level: 6 });
  res.writeHead(result.statusCode ?? 200, {
    ...headers,
    'content-encoding': encoding,
    vary: headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding',
    'content-length': String(packed.length),
  });
  res.end(packed);
}
