import * as z from 'zod/mini';
import type { CreateImportRequest, CreateUploadRequest, ImportPreview, ImportResult, UploadTicket } from '@lianyan/shared';
import { request } from './request';

// 教师名册导入. Answers are checked for the fields the page reads.
const conforms = <T>(shape: z.ZodMiniType): z.ZodMiniType<T> => shape as unknown as z.ZodMiniType<T>;
const Ticket = conforms<UploadTicket>(z.looseObject({ uploadId: z.string(), url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()) }));
const Preview = conforms<ImportPreview>(
  z.looseObject({
    id: z.string(),
    rows: z.array(z.looseObject({ row: z.number(), action: z.string(), name: z.string() })),
    errors: z.array(z.looseObject({ row: z.number(), column: z.string(), code: z.string(), message: z.string() })),
    summary: z.looseObject({ create: z.number(), update: z.number(), unchanged: z.number(), invalid: z.number() }),
  }),
);
const Result = conforms<ImportResult>(z.looseObject({ id: z.string(), created: z.number(), updated: z.number(), unchanged: z.number() }));

export function createImportUpload(body: CreateUploadRequest): Promise<UploadTicket> {
  return request('/v1/uploads', Ticket, { method: 'POST', data: body, silent: true });
}

export function createImport(body: CreateImportRequest): Promise<ImportPreview> {
  return request('/v1/imports', Preview, { method: 'POST', data: body, silent: true });
}

export function applyImport(id: string): Promise<ImportResult> {
  return request(`/v1/imports/${encodeURIComponent(id)}/apply`, Result, { method: 'POST', silent: true });
}
