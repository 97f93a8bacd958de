import { strFromU8, unzipSync } from 'fflate';

// Reading a spreadsheet someone filled in: XLSX (a ZIP of XML parts, unzipped by fflate) or CSV (UTF-8, UTF-8 with
// BOM, or GBK as Excel and WPS save it on Chinese Windows). Only what an import needs: one sheet's cell texts, which
// cells hold formulas, and the merged ranges. The XML of those parts is regular (Office Open XML, SpreadsheetML), so
// a few patterns read it; entities and the `_xHHHH_` escapes are decoded.

export interface ReadCell {
  /** The cell's text; a number as written in the file (`13812345678`, `1.3812345678E10`). */
  text: string;
  /** Stored as a number (not as text). */
  numeric?: boolean;
  /** A formula (its cached value, if any, is `text`). */
  formula?: boolean;
}
export interface ReadRow {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  /** By 0-based column. */
  cells: Array<ReadCell | undefined>;
}
export interface MergedRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}
export interface ReadSheet {
  name: string;
  rows: ReadRow[];
  merges: MergedRange[];
}

export class UnreadableFile extends Error {
  override readonly name = 'UnreadableFile';
}

/** A sheet's XML may not unpack to more than this (a ZIP bomb is refused before it is inflated). */
const MAX_PART_BYTES = 64 * 1024 * 1024;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeXml(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? whole;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const attr = (attrs: string, name: string) => {
  const m = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXml(m[1] as string) : undefined;
};
/** Elements by local name, any namespace prefix: `<x:row …>…</x:row>` and `<row/>` alike. */
const elements = (name: string) => new RegExp(`<(?:\\w+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${name}>)`, 'g');
/** The text runs of a string item, phonetic guides (`<rPh>`) left out. */
const textOf = (xml: string) =>
  [...xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '').matchAll(elements('t'))].map((m) => decodeXml(m[2] ?? '')).join('');

/** `AB12` → { column: 27 (0-based), row: 12 }. */
export function cellRef(ref: string): { column: number; row: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  let column = 0;
  for (const c of m[1] as string) column = column * 26 + (c.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(m[2]) };
}

function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES) throw new UnreadableFile(`part too large: ${file.name}`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile('not a readable ZIP', { cause: error });
  }
}

/** The sheet named `preferred` (else the first sheet) of an XLSX file. */
export function readXlsx(bytes: Uint8Array, preferred: string): ReadSheet {
  const meta = unzipParts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml');
  const workbook = meta['xl/workbook.xml'];
  const rels = meta['xl/_rels/workbook.xml.rels'];
  if (!workbook || !rels) throw new UnreadableFile('no workbook part');
  const sheets = [...strFromU8(workbook).matchAll(elements('sheet'))].map((m) => ({ name: attr(m[1] ?? '', 'name') ?? '', rid: attr(m[1] ?? '', 'id') }));
  const targets = new Map([...strFromU8(rels).matchAll(elements('Relationship'))].map((m) => [attr(m[1] ?? '', 'Id'), attr(m[1] ?? '', 'Target') ?? '']));
  const sheet = sheets.find((s) => s.name.trim() === preferred) ?? sheets[0];
  const target = sheet && targets.get(sheet.rid);
  if (!sheet || !target) throw new UnreadableFile('no sheet');
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const part = unzipParts(bytes, (n) => n === path)[path];
  if (!part) throw new UnreadableFile(`missing ${path}`);
  const shared = meta['xl/sharedStrings.xml'] ? [...strFromU8(meta['xl/sharedStrings.xml']).matchAll(elements('si'))].map((m) => textOf(m[2] ?? '')) : [];
  return { name: sheet.name, ...parseSheetXml(strFromU8(part), shared) };
}

function parseSheetXml(xml: string, shared: string[]): Pick<ReadSheet, 'rows' | 'merges'> {
  const data = /<(?:\w+:)?sheetData\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheetData>/.exec(xml)?.[1] ?? '';
  const rows: ReadRow[] = [];
  let nextRow = 1;
  for (const r of data.matchAll(elements('row'))) {
    const row = Number(attr(r[1] ?? '', 'r')) || nextRow;
    nextRow = row + 1;
    const cells: Array<ReadCell | undefined> = [];
    let nextColumn = 0;
    for (const c of (r[2] ?? '').matchAll(elements('c'))) {
      const attrs = c[1] ?? '';
      const inner = c[2] ?? '';
      const column = cellRef(attr(attrs, 'r') ?? '')?.column ?? nextColumn;
      nextColumn = column + 1;
      const type = attr(attrs, 't') ?? 'n';
      const value = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
      const formula = /<(?:\w+:)?f\b/.test(inner);
      let text: string;
      if (type === 's') text = shared[Number(value)] ?? '';
      else if (type === 'inlineStr') text = textOf(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1] ?? '');
      else if (type === 'b') text = value === '1' ? 'TRUE' : value === undefined ? '' : 'FALSE';
      else text = decodeXml(value ?? '');
      if (!text && !formula) continue;
      cells[column] = { text, ...(type === 'n' && text ? { numeric: true } : {}), ...(formula ? { formula: true } : {}) };
    }
    if (cells.length) rows.push({ row, cells });
  }
  const merges = [...xml.matchAll(elements('mergeCell'))].flatMap((m) => {
    const ref = attr(m[1] ?? '', 'ref') ?? '';
    const [from, to] = ref.split(':').map(cellRef);
    return from && to ? [{ ref, top: from.row, left: from.column, bottom: to.row, right: to.column }] : [];
  });
  return { rows, merges };
}

/** Text of a CSV file: UTF-8 (BOM or not), else GBK (the file was not valid UTF-8). */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180: quoted fields with `""`, CRLF or LF; a tab-separated file (no comma in its first line) also reads. */
export function readCsv(bytes: Uint8Array): ReadSheet {
  const text = decodeCsv(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';';
  const rows: ReadRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    row.push(field);
    field = '';
    const cells = row.map((t) => (t === '' ? undefined : readCsvCell(t)));
    if (cells.some(Boolean)) rows.push({ row: rowStart, cells });
    row = [];
    rowStart = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length) endRow();
  return { name: 'CSV', rows, merges: [] };
}

/** `="13812345678"` is how people keep a long number as text in a CSV: the text. Any other `=…` is a formula. */
function readCsvCell(text: string): ReadCell {
  const kept = /^="(.*)"$/.exec(text);
  if (kept) return { text: kept[1] as string };
  return text.startsWith('=') ? { text, formula: true } : { text };
}
