import { IMPORT_FILE_INVALID, IMPORT_MAX_BYTES, UPLOAD_MAX_BYTES, type CreateUploadRequest, type Evidence, type UploadTicket } from '@lianyan/shared';
import type { BlobStore } from '#lib/blobs';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, serviceUnavailable } from '#lib/errors';
import { isLegacyExcel, sniffContentType, sniffImportType, type ImportType } from '#lib/sniff';
import type { AuthContext } from '#lib/tokens';
import type { UploadRepository } from '#repositories/uploads';

const PUT_LINK_SECONDS = 15 * 60;
const VIEW_LINK_SECONDS = 60 * 60;
/** An issued upload nobody attached is forgotten after a day (DynamoDB TTL; S3 lifecycle on `incoming/`). */
const ISSUED_TTL_SECONDS = 24 * 3600;

export interface UploadServiceDeps {
  uploads: UploadRepository;
  blobs: BlobStore | undefined;
  clock: Clock;
  newId: () => string;
}

/**
 * Evidence files. A file is PUT to `incoming/<user>/<id>` with a link that fixes its type and size; when an entry
 * takes it, its first bytes must be what the type says, and only then is it moved to `evidence/` for good.
 */
export function makeUploadService({ uploads, blobs, clock, newId }: UploadServiceDeps) {
  const store = () => {
    if (!blobs) throw serviceUnavailable(60);
    return blobs;
  };

  return {
    async issue(auth: AuthContext, request: CreateUploadRequest, origin: string): Promise<UploadTicket> {
      const id = newId();
      const key = `incoming/${auth.userId}/${id}`;
      const now = clock.now();
      await uploads.putUpload({
        id,
        userId: auth.userId,
        key,
        fileName: request.fileName,
        contentType: request.contentType,
        size: request.size,
        ...(request.purpose === 'import' ? { purpose: 'import' as const } : {}),
        status: 'issued',
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + ISSUED_TTL_SECONDS,
      });
      const link = await store().presignPut(key, { contentType: request.contentType, size: request.size, expiresInSeconds: PUT_LINK_SECONDS, origin });
      return {
        uploadId: id,
        url: link.url,
        method: 'PUT',
        headers: link.headers,
        expiresAt: new Date(now.getTime() + PUT_LINK_SECONDS * 1000).toISOString(),
        maxBytes: request.purpose === 'import' ? IMPORT_MAX_BYTES : UPLOAD_MAX_BYTES,
      };
    },

    /** An import file the person uploaded, whole, checked by content (XLSX or CSV). Stays in incoming/ (gone in a day). */
    async readImport(userId: string, id: string): Promise<{ bytes: Buffer; fileName: string; type: ImportType }> {
      const upload = (await uploads.getUploads([id])).get(id);
      if (!upload || upload.userId !== userId || upload.purpose !== 'import') {
        throw badRequest('UPLOAD_INVALID', '找不到上传的名册文件，请重新选择文件上传', { fieldErrors: { uploadId: ['文件不存在'] } });
      }
      const bytes = await store().read(upload.key);
      if (!bytes) throw badRequest('UPLOAD_INVALID', `文件「${upload.fileName}」还没有上传完成，请重新上传`, { fieldErrors: { uploadId: [id] } });
      if (bytes.length > IMPORT_MAX_BYTES) throw new AppError(413, 'UPLOAD_TOO_LARGE', `导入文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入`);
      const type = sniffImportType(bytes.subarray(0, 16));
      if (!type) {
        const message = isLegacyExcel(bytes) ? `文件「${upload.fileName}」是旧版 Excel（.xls），请在 Excel 或 WPS 中另存为 .xlsx 后重新上传` : IMPORT_FILE_INVALID;
        throw badRequest('UPLOAD_INVALID', message, { fieldErrors: { uploadId: [id] } });
      }
      return { bytes, fileName: upload.fileName, type };
    },

    /** The person's uploads by id, each checked by content and kept for good; refuses the whole set on any bad file. */
    async claim(userId: string, ids: string[]): Promise<Evidence[]> {
      if (!ids.length) return [];
      const found = await uploads.getUploads(ids);
      const evidence: Evidence[] = [];
      for (const id of [...new Set(ids)]) {
        const upload = found.get(id);
        if (!upload || upload.userId !== userId) {
          throw badRequest('UPLOAD_INVALID', '证明材料不存在，请重新上传', { fieldErrors: { evidence: [`找不到文件 ${id}`] } });
        }
        if (upload.status === 'issued') {
          const key = `evidence/${userId}/${id}`;
          // Not in incoming/ any more: another request claiming the same upload (a retry, a double tap) moved it.
          const incoming = await store().stat(upload.key);
          const stored = incoming ?? (await store().stat(key));
          if (!stored) throw badRequest('UPLOAD_INVALID', `文件「${upload.fileName}」还没有上传完成，请重新上传`, { fieldErrors: { evidence: [id] } });
          if (stored.size > UPLOAD_MAX_BYTES) {
            await store().remove(upload.key);
            throw new AppError(413, 'UPLOAD_TOO_LARGE', undefined, { fieldErrors: { evidence: [id] } });
          }
          const type = sniffContentType(stored.head);
          if (!type) {
            await store().remove(upload.key);
            throw badRequest('UPLOAD_INVALID', `文件「${upload.fileName}」不是 JPG、PNG、WebP 图片或 PDF，请重新选择`, { fieldErrors: { evidence: [id] } });
          }
          if (incoming) await store().move(upload.key, key);
          await uploads.markVerified(id, key, type, stored.size);
          Object.assign(upload, { key, contentType: type, size: stored.size, status: 'verified' });
        }
        evidence.push({ id, name: upload.fileName, contentType: upload.contentType, size: upload.size });
      }
      return evidence;
    },

    /** Short-lived links to view evidence files. */
    async withLinks(files: Evidence[], ownerId: string, origin: string): Promise<Evidence[]> {
      if (!files.length || !blobs) return files;
      return Promise.all(
        files.map(async (f) => ({
          ...f,
          url: await blobs.presignGet(`evidence/${ownerId}/${f.id}`, { expiresInSeconds: VIEW_LINK_SECONDS, origin, fileName: f.name, contentType: f.contentType }),
        })),
      );
    },

  };
}
export type UploadService = ReturnType<typeof makeUploadService>;
