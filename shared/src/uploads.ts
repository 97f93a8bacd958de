import * as z from 'zod/mini';
import { code, integer, line } from './fields.ts';

// Uploads: evidence files are PUT straight to storage with a short-lived link; the type is checked by content.
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** An import file's size limit: 20,000 rows of a filled template are about 1 MB as XLSX, 2 MB as CSV. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_TYPES = [XLSX_CONTENT_TYPE, 'text/csv'] as const;
export const IMPORT_FILE_INVALID = '文件内容不是 Excel（.xlsx）或 CSV，请用下载的模板填写后重新上传（.xls 请先另存为 .xlsx）';
/** `evidence` (the default): photos and PDFs kept with an entry; `import`: a roster file (XLSX or CSV) read once by an import. */
const UPLOAD_PURPOSES = ['evidence', 'import'] as const;
export const CreateUploadRequest = z
  .strictObject({
    fileName: line('文件名', 100, 1),
    contentType: code('文件类型', 100),
    size: integer('文件大小', 1, UPLOAD_MAX_BYTES, { message: '文件不能为空，也不能超过 10 MB' }),
    purpose: z._default(z.enum(UPLOAD_PURPOSES, { error: '上传用途只能是 evidence 或 import' }), 'evidence'),
  })
  .check(
    z.refine((r) => r.purpose !== 'evidence' || (UPLOAD_TYPES as readonly string[]).includes(r.contentType), { error: '只能上传 JPG、PNG、WebP 图片或 PDF 文件', path: ['contentType'] }),
    z.refine((r) => r.purpose !== 'import' || (IMPORT_TYPES as readonly string[]).includes(r.contentType), { error: '导入文件只能是 Excel（.xlsx）或 CSV 文件，请另存为 .xlsx 后重新选择', path: ['contentType'] }),
    z.refine((r) => r.purpose !== 'import' || r.size <= IMPORT_MAX_BYTES, { error: `导入文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入`, path: ['size'] }),
  );
export type CreateUploadRequest = z.infer<typeof CreateUploadRequest>;
export interface UploadTicket {
  uploadId: string;
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}
