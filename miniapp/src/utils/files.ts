import { UPLOAD_TYPES } from '@lianyan/shared';

const TYPES_BY_EXTENSION: Record<string, (typeof UPLOAD_TYPES)[number]> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** The type a file claims by its name; empty when it is not one we take (the server checks the content anyway). */
export function contentTypeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES_BY_EXTENSION[extension] ?? '';
}

/** The last part of a temporary file path or URL, e.g. `tmp_1a2b.jpg`. */
export function fileNameOf(path: string): string {
  const name = path.split(/[\\/]/).pop()?.split(/[?#]/)[0] ?? '';
  return name || 'file';
}

export const isImageType = (contentType: string) => contentType.startsWith('image/');

/** `356 KB`, `2.4 MB` */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** A URL the API gave as a path (the local stack's uploads) made absolute against the API's origin. */
export function absoluteUrl(url: string, apiBase: string): string {
  return url.startsWith('/') ? `${apiBase}${url}` : url;
}

/** The message of a JSON error body `{ code, message }`, if the text is one. */
export function errorMessageOfBody(text: unknown, fallback: string): string {
  if (typeof text === 'object' && text !== null && typeof (text as { message?: unknown }).message === 'string') {
    return (text as { message: string }).message;
  }
  if (typeof text !== 'string') return fallback;
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' && body.message ? body.message : fallback;
  } catch {
    return fallback;
  }
}

const MAX_NAME = 100;

/** A name the upload request takes (100 characters at most), cut in the stem so the extension stays. */
export function uploadName(name: string): string {
  const trimmed = name.trim() || 'file';
  if (trimmed.length <= MAX_NAME) return trimmed;
  const dot = trimmed.lastIndexOf('.');
  const extension = dot > 0 && trimmed.length - dot <= 10 ? trimmed.slice(dot) : '';
  return `${trimmed.slice(0, MAX_NAME - extension.length)}${extension}`;
}
