import type { UploadTicket } from '@lianyan/shared';
import { appConfig } from '../config';
import { absoluteUrl, errorMessageOfBody, isImageType } from '../utils/files';
import type { EvidencePlatform, PickedFile, PickKind } from './evidence-types';
import { PHOTO_ASK, withPrivacy } from './privacy';

export type { EvidencePlatform, PickedFile, PickKind } from './evidence-types';

const IMAGES = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';
const ACCEPT: Record<PickKind, string> = { image: IMAGES, pdf: 'application/pdf,.pdf', any: `${IMAGES},application/pdf,.pdf` };
const UPLOAD_FAILED = '上传失败，请检查网络后重试';

/** A hidden file input: the browser's own picker, offering the kind of file asked for. */
function chooseFiles(kind: PickKind, max: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT[kind];
    input.multiple = max > 1;
    input.style.display = 'none';
    input.setAttribute('data-testid', 'evidence-file-input');
    const done = (files: File[]) => {
      input.remove();
      resolve(files.slice(0, max));
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

// XMLHttpRequest rather than fetch: it reports upload progress.
function put(body: Blob | ArrayBuffer, ticket: UploadTicket, onProgress: (share: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', absoluteUrl(ticket.url, appConfig.apiBase));
    for (const [name, value] of Object.entries(ticket.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new Error(errorMessageOfBody(xhr.responseText, UPLOAD_FAILED)));
    };
    xhr.onerror = () => reject(new Error(UPLOAD_FAILED));
    xhr.ontimeout = () => reject(new Error(UPLOAD_FAILED));
    xhr.timeout = 120_000;
    xhr.send(body);
  });
}

export const evidencePlatform: EvidencePlatform = {
  pickers: [{ kind: 'any', label: '添加图片或 PDF' }],
  async pick(kind, max) {
    await withPrivacy(PHOTO_ASK, () => Promise.resolve());
    const files = await chooseFiles(kind, max);
    return files.map(
      (file): PickedFile => ({
        name: file.name,
        contentType: file.type,
        previewUrl: isImageType(file.type) ? URL.createObjectURL(file) : '',
        source: file,
      }),
    );
  },
  read: async (file) => file.source as Blob,
  put,
  async open(file) {
    if (!file.url) throw new Error('文件链接已失效，请刷新后再试');
    window.open(absoluteUrl(file.url, appConfig.apiBase), '_blank');
  },
  release(file) {
    if (file.previewUrl.startsWith('blob:')) URL.revokeObjectURL(file.previewUrl);
  },
};
