import { CreateUploadRequest } from '@lianyan/shared';
import { evidencePlatform, type PickedFile } from '@/platform/evidence';
import { createUpload } from '@/services/archive';
import { uploadName } from '@/utils/files';

const byteLength = (body: Blob | ArrayBuffer) =>
  typeof (body as ArrayBuffer).byteLength === 'number' ? (body as ArrayBuffer).byteLength : (body as Blob).size;

/** Checks the file as the API will (type, 10 MB), asks for a link, and PUTs the bytes; resolves with the upload id. */
export async function uploadEvidence(file: PickedFile, onProgress: (share: number) => void): Promise<string> {
  const body = await evidencePlatform.read(file);
  const request = CreateUploadRequest.safeParse({ fileName: uploadName(file.name), contentType: file.contentType, size: byteLength(body) });
  if (!request.success) throw new Error(request.error.issues[0]?.message ?? '文件不符合要求');
  const ticket = await createUpload(request.data);
  await evidencePlatform.put(body, ticket, onProgress);
  return ticket.uploadId;
}
