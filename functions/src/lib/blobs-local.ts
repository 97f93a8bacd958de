import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile, open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_ERROR_MESSAGES, IMPORT_FILE_INVALID, IMPORT_TYPES, UPLOAD_MAX_BYTES } from '@lianyan/shared';
import type { BlobStore } from './blobs.ts';
import { SNIFF_BYTES, contentMatches } from './sniff.ts';

/** Where the local server serves the store: `PUT|GET /__uploads/<key>?…&sig=…`. */
const LOCAL_BLOB_PREFIX = '/__uploads/';
const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export interface LocalBlobStore extends BlobStore {
  /** Serves a signed PUT or GET; true when the request was for the store. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

function reply(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify({ code, message }));
}

/**
 * Files under `dir`, behind links signed like S3's: the link fixes the operation, key, type, size and expiry.
 * A PUT is checked the way S3 checks a presigned PUT (type and length as signed), and more: the bytes must be
 * what the type says, or nothing is written.
 */
export function makeLocalBlobStore(options: { dir: string; secret: string; now?: () => number }): LocalBlobStore {
  const root = resolve(options.dir);
  const now = options.now ?? Date.now;
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid blob key: ${key}`);
    return join(root, key);
  };
  const sign = (fields: string[]) => createHmac('sha256', options.secret).update(fields.join('|')).digest('base64url');
  const link = (origin: string, key: string, params: Record<string, string>) => {
    const query = new URLSearchParams(params);
    query.set('sig', sign([key, ...Object.values(params)]));
    return `${origin}${LOCAL_BLOB_PREFIX}${key}?${query.toString()}`;
  };

  function verified(key: string, url: URL, names: string[]): Record<string, string> | undefined {
    const values = Object.fromEntries(names.map((n) => [n, url.searchParams.get(n) ?? '']));
    const expected = Buffer.from(sign([key, ...names.map((n) => values[n] ?? '')]));
    const given = Buffer.from(url.searchParams.get('sig') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (Number(values.exp) * 1000 < now()) return undefined;
    return values;
  }

  async function receive(req: IncomingMessage, res: ServerResponse, key: string, spec: Record<string, string>) {
    const size = Number(spec.size);
    const declared = Number(req.headers['content-length'] ?? -1);
    if (req.headers['content-type'] !== spec.ct) return reply(res, 403, 'UPLOAD_INVALID', '上传的文件类型与申请时不一致，请重新选择文件');
    if (declared > UPLOAD_MAX_BYTES) return reply(res, 413, 'UPLOAD_TOO_LARGE', DEFAULT_ERROR_MESSAGES.UPLOAD_TOO_LARGE);
    if (declared !== size) return reply(res, 403, 'UPLOAD_INVALID', '上传的文件大小与申请时不一致，请重新选择文件');
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > size) return reply(res, 413, 'UPLOAD_TOO_LARGE', DEFAULT_ERROR_MESSAGES.UPLOAD_TOO_LARGE);
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    if (body.length !== size) return reply(res, 400, 'UPLOAD_INVALID', '文件没有上传完整，请重试');
    if (!contentMatches(body.subarray(0, SNIFF_BYTES), spec.ct ?? '')) {
      const message = (IMPORT_TYPES as readonly string[]).includes(spec.ct ?? '') ? IMPORT_FILE_INVALID : DEFAULT_ERROR_MESSAGES.UPLOAD_INVALID;
      return reply(res, 415, 'UPLOAD_INVALID', message);
    }
    const file = pathOf(key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.part`, body);
    await rename(`${file}.part`, file);
    res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
    res.end();
  }

  return {
    async presignPut(key, spec) {
      pathOf(key);
      const exp = String(Math.floor(now() / 1000) + spec.expiresInSeconds);
      return { url: link(spec.origin, key, { op: 'put', ct: spec.contentType, size: String(spec.size), exp }), headers: { 'content-type': spec.contentType } };
    },

    async presignGet(key, spec) {
      pathOf(key);
      const exp = String(Math.floor(now() / 1000) + spec.expiresInSeconds);
      return link(spec.origin, key, { op: 'get', ct: spec.contentType, name: spec.fileName, exp });
    },

    async stat(key) {
      try {
        const file = pathOf(key);
        const { size } = await stat(file);
        const handle = await open(file, 'r');
        try {
          const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
          await handle.read(head, 0, head.length, 0);
          return { size, head };
        } finally {
          await handle.close();
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async move(from, to) {
      const target = pathOf(to);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(pathOf(from), target);
      } catch (error) {
        // Moved a moment ago by a concurrent request: done.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await this.stat(to))) return;
        throw error;
      }
    },

    async remove(key) {
      await rm(pathOf(key), { force: true });
    },

    async read(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async write(key, data) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    },

    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(LOCAL_BLOB_PREFIX)) return false;
      const key = decodeURIComponent(url.pathname.slice(LOCAL_BLOB_PREFIX.length));
      const op = req.method === 'PUT' ? 'put' : req.method === 'GET' ? 'get' : undefined;
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-methods': 'GET,PUT', 'access-control-allow-headers': 'content-type' });
        res.end();
        return true;
      }
      const spec = op && KEY.test(key) && url.searchParams.get('op') === op
        ? verified(key, url, op === 'put' ? ['op', 'ct', 'size', 'exp'] : ['op', 'ct', 'name', 'exp'])
        : undefined;
      if (!spec) {
        reply(res, 403, 'FORBIDDEN', '文件链接无效或已过期，请刷新后重试');
        return true;
      }
      if (op === 'put') {
        await receive(req, res, key, spec);
        return true;
      }
      const found = await this.stat(key);
      if (!found) {
        reply(res, 404, 'NOT_FOUND', '文件不存在或已被删除');
        return true;
      }
      res.writeHead(200, {
        'content-type': spec.ct ?? 'application/octet-stream',
        'content-length': String(found.size),
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(spec.name ?? 'file')}`,
        'cache-control': 'private, max-age=300',
        'x-content-type-options': 'nosniff',
      });
      createReadStream(pathOf(key)).pipe(res);
      return true;
    },
  };
}
