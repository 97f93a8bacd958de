import { SHANGHAI_OFFSET_MS, shanghaiTime, XLSX_CONTENT_TYPE } from '@lianyan/shared';
import { zip } from './zip.ts';

// A minimal Office Open XML workbook (inline strings, bold header row, frozen header, date and percent cells): what
// Excel, WPS and LibreOffice need, no more.

/** A calendar day (`YYYY-MM-DD`), written as a date cell. */
export interface DateCell {
  date: string;
}
/** An instant (ISO 8601), written as a date-and-time cell in Beijing time. */
export interface TimeCell {
  at: string;
}
/** A ratio (0.862), written as a number with a percent format (86.2%). */
export interface PercentCell {
  percent: number;
}
export type Cell = string | number | null | undefined | DateCell | TimeCell | PercentCell;

export const dateCell = (date: string | undefined): Cell => (date ? { date } : undefined);
export const timeCell = (iso: string | undefined): Cell => (iso ? { at: iso } : undefined);
export const percentCell = (ratio: number | null | undefined): Cell =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? undefined : { percent: ratio };

const DAY_MS = 86_400_000;
/** Excel's day number: days since 1899-12-30, the fraction the time of day. */
const serial = (ms: number) => ms / DAY_MS + 25_569;

/** A typed cell as CSV and people read it; plain values as they are. */
export function cellText(value: Cell): string | number | null | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  if ('date' in value) return value.date;
  if ('at' in value) return shanghaiTime(value.at);
  return `${Math.round(value.percent * 1000) / 10}%`;
}

/** Style index and value of a typed cell in the sheet (styles.xml: 2 date, 3 date and time, 4 percent). */
function typedCell(value: DateCell | TimeCell | PercentCell): { style: number; value: number } | undefined {
  if ('percent' in value) return { style: 4, value: value.percent };
  if ('date' in value) {
    const ms = Date.parse(`${value.date}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(value.date) && Number.isFinite(ms) ? { style: 2, value: serial(ms) } : undefined;
  }
  const ms = Date.parse(value.at);
  return Number.isFinite(ms) ? { style: 3, value: Math.round(serial(ms + SHANGHAI_OFFSET_MS) * 1e8) / 1e8 } : undefined;
}
export interface Sheet {
  name: string;
  rows: Cell[][];
  widths?: number[];
}

const xmlEscape = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string)
    // Control characters are not allowed in XML 1.0.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function sheetXml(sheet: Sheet): string {
  const cols = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          const style = r === 0 ? ' s="1"' : '';
          if (value === null || value === undefined || value === '') return '';
          if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
          if (typeof value === 'object') {
            const typed = typedCell(value);
            if (typed) return `<c r="${ref}" s="${typed.style}"><v>${typed.value}</v></c>`;
            value = cellText(value);
          }
          return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${xmlEscape(String(value))}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `${cols}<sheetData>${rows}</sheetData></worksheet>`
  );
}

export function xlsx(sheets: Sheet[]): Buffer {
  const safeName = (n: string) => n.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  const files: Array<[string, string]> = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '</Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets.map((s, i) => `<sheet name="${xmlEscape(safeName(s.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
        '<numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; hh:mm"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>' +
        '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
        '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    ],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)]),
  ];
  return zip(files.map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })));
}

/** CSV that Excel and WPS open as UTF-8: a BOM, CRLF, quoted fields, and no formula injection. */
export function csv(rows: Cell[][]): string {
  const field = (cell: Cell) => {
    const value = cellText(cell);
    if (value === null || value === undefined) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** A file to send back (an export): its name as the browser saves it, its type and its bytes. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export const XLSX_TYPE = XLSX_CONTENT_TYPE;
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** A name Windows, macOS and WeChat's file viewer all accept: no path separators or reserved characters. */
export const fileName = (name: string) => name.replace(/[\\/:*?"<>|]/g, '_');

/** `<name>.xlsx` of these sheets. */
export function xlsxFile(name: string, sheets: Sheet[]): ExportFile {
  return { filename: `${fileName(name)}.xlsx`, contentType: XLSX_TYPE, body: xlsx(sheets) };
}

/** `<name>.csv` of these rows (UTF-8 with BOM). */
export function csvFile(name: string, rows: Cell[][]): ExportFile {
  return { filename: `${fileName(name)}.csv`, contentType: CSV_TYPE, body: Buffer.from(csv(rows), 'utf8') };
}
