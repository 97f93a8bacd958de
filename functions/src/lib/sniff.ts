import { IMPORT_TYPES, XLSX_CONTENT_TYPE, type UPLOAD_TYPES } from '@lianyan/shared';

export type UploadType = (typeof UPLOAD_TYPES)[number];
export type ImportType = (typeof IMPORT_TYPES)[number];

/** Bytes enough to tell the accepted types apart. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The file's type from its first bytes (magic numbers), never from its name or declared type. */
export function sniffContentType(bytes: Uint8Array): UploadType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

/** An old Excel file (.xls, OLE2 compound document): refused with a message to save it as .xlsx. */
export const isLegacyExcel = (bytes: Uint8Array) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * An import file's type from its first bytes: a ZIP container (XLSX), or text (CSV in UTF-8, UTF-8 with BOM or
 * GBK: no control characters but tab and line ends, and none of the binary types above).
 */
export function sniffImportType(bytes: Uint8Array): ImportType | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return XLSX_CONTENT_TYPE;
  if (!bytes.length || sniffContentType(bytes) || isLegacyExcel(bytes)) return undefined;
  return bytes.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) ? 'text/csv' : undefined;
}

/** Whether the bytes are what the declared type says (evidence and import files alike). */
export function contentMatches(bytes: Uint8Array, declared: string): boolean {
  if ((IMPORT_TYPES as readonly string[]).includes(declared)) return sniffImportType(bytes) === declared;
  return sniffContentType(bytes) === declared;
}
