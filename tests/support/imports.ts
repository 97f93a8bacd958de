import ExcelJS from 'exceljs';
import { XLSX_CONTENT_TYPE, type AuthResult, type Federation, type ImportPreview, type ImportResult, type School, type UploadTicket } from '@lianyan/shared';
import { xlsx, type Cell } from '@lianyan/functions/lib/xlsx';
import { api, devLogin, uniqueId, wechatLogin } from './api.ts';

// Roster files made the way people make them (Excel through exceljs: shared strings, numbers, formulas, merged
// cells; CSV in UTF-8 or GBK), uploaded and previewed through the API.

export const TEACHER_HEADER = ['姓名', '手机号', '职务', '学科', '任教年级', '称号'];

let counter = 0;
/** A phone no other test uses: 137 + 8 digits from the time and a counter. */
export const newPhone = () => `137${String(((Date.now() % 1e5) * 1000 + (++counter % 1000)) % 1e8).padStart(8, '0')}`;

/** An XLSX file as Excel writes it (exceljs). */
export async function excelFile(rows: unknown[][], options: { sheet?: string; merge?: string[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheet ?? '教师名册');
  for (const row of rows) sheet.addRow(row);
  for (const range of options.merge ?? []) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An XLSX file from the server's own writer (inline strings): fast for big files. */
export const plainXlsx = (rows: Cell[][], sheet = '教师名册') => xlsx([{ name: sheet, rows }]);

export const csvText = (rows: unknown[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(String(c ?? '')) ? `"${String(c).replace(/"/g, '""')}"` : String(c ?? ''))).join(',')).join('\r\n');

let gbkTable: Map<string, number[]> | undefined;
/** GBK bytes of a text (Node decodes GBK but does not encode it): the decoder's table, turned round. */
export function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const table = gbkTable;
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (table.get(c) ?? [0x3f]))));
}

/** Uploads an import file (purpose `import`) and returns its id. */
export async function uploadImportFile(token: string, bytes: Buffer, fileName = '教师名册.xlsx', contentType = fileName.endsWith('.csv') ? 'text/csv' : XLSX_CONTENT_TYPE) {
  const ticket = await api<UploadTicket>('POST', '/v1/uploads', { token, body: { fileName, contentType, size: bytes.length, purpose: 'import' } });
  if (ticket.status !== 201) throw new Error(`upload ticket: ${ticket.status} ${ticket.text}`);
  const put = await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: bytes });
  if (put.status !== 200) throw new Error(`upload PUT: ${put.status} ${await put.text()}`);
  return ticket.body.uploadId;
}

export async function previewImport(token: string, target: { schoolId: string } | { federationId: string }, bytes: Buffer, fileName?: string) {
  const uploadId = await uploadImportFile(token, bytes, fileName);
  return api<ImportPreview>('POST', '/v1/imports', { token, body: { kind: 'teachers', ...target, uploadId } });
}

export const applyImport = (token: string, id: string) => api<ImportResult>('POST', `/v1/imports/${id}/apply`, { token });

/** A federation of its own with two schools, and a school admin of the first (through an invite, as in real life). */
export async function importWorld() {
  const district = (await devLogin('district-admin')).token;
  const federation = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `导入校联体${uniqueId('f').slice(-6)}`, kind: 'group' } });
  const school = async (label: string, isCore: boolean) =>
    (await api<School>('POST', `/v1/federations/${federation.body.id}/schools`, { token: district, body: { name: `${label}${uniqueId('s').slice(-6)}`, stage: 'primary', isCore } })).body;
  const a = await school('导入一小', true);
  const b = await school('导入二小', false);
  const invite = await api<{ code: string }>('POST', '/v1/invites', { token: district, body: { role: 'schoolAdmin', scope: { schoolId: a.id } } });
  const login = await wechatLogin(uniqueId('openid-import-admin'));
  const redeemed = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name: '导入管理员' } });
  if (redeemed.status !== 200) throw new Error(`redeem: ${redeemed.status} ${redeemed.text}`);
  return { district, federation: federation.body, a, b, schoolAdmin: redeemed.body.token, schoolAdminAuth: redeemed.body };
}
