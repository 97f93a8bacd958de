import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { cacheControlOf, contentTypeOf, isHtml } from './assets.ts';

export interface Upload {
  /** The object key, also its path on the site. */
  key: string;
  file: string;
  contentType: string;
  cacheControl: string;
}

export interface UploadPlan {
  /** Hashed files first, HTML last: a new page never names a file not uploaded yet. */
  uploads: Upload[];
  /** Only the HTML: every other file's name changes with its content. */
  invalidate: string[];
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

// S3 cannot choose by Accept-Encoding: the uncompressed files go up and CloudFront compresses them at the edge.
const PRECOMPRESSED = /\.(br|gz)$/;

/** What `npm run deploy:web` uploads from an H5 build, with which headers, and which paths it invalidates. */
export function planUpload(dir: string): UploadPlan {
  const uploads = [...filesUnder(dir)]
    .filter((file) => !PRECOMPRESSED.test(file))
    .map((file) => {
      const key = relative(dir, file).split(sep).join('/');
      return { key, file, contentType: contentTypeOf(file), cacheControl: cacheControlOf(file) };
    })
    .sort((a, b) => Number(isHtml(a.key)) - Number(isHtml(b.key)) || a.key.localeCompare(b.key));
  const html = uploads.filter((u) => isHtml(u.key)).map((u) => `/${u.key}`);
  // `/` is cached under its own path (the default root object), the entry routes under /index.html (rewritten before the cache).
  const invalidate = html.includes('/index.html') ? ['/', ...html] : html;
  return { uploads, invalidate };
}
