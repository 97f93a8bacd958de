import Taro from '@tarojs/taro';
import type { UploadTicket } from '@lianyan/shared';
import { appConfig } from '../config';
import { absoluteUrl, contentTypeOf, errorMessageOfBody, fileNameOf } from '../utils/files';
import type { PickedFile } from './evidence-types';
import { PHOTO_ASK, withPrivacy } from './privacy';

// What WeChat and DingTalk share: temporary file paths, the file system manager, request with an ArrayBuffer body.

const UPLOAD_FAILED = '上传失败，请检查网络后重试';
const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string; errorMessage?: string })?.errMsg ?? (error as { errorMessage?: string })?.errorMessage ?? ''));

export async function pickImages(max: number): Promise<PickedFile[]> {
  await withPrivacy(PHOTO_ASK, () => Promise.resolve());
  try {
    const { tempFilePaths } = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return tempFilePaths.map((path) => ({ name: fileNameOf(path), contentType: contentTypeOf(path) || 'image/jpeg', previewUrl: path, source: path }));
  } catch (error) {
    if (cancelled(error)) return [];
    throw new Error('无法选择图片，请稍后重试');
  }
}

export function readFile(file: PickedFile): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: String(file.source),
      success: (result) => resolve(result.data as ArrayBuffer),
      fail: () => reject(new Error('无法读取文件，请重新选择')),
    });
  });
}

export async function putFile(body: Blob | ArrayBuffer, ticket: UploadTicket, onProgress: (share: number) => void): Promise<void> {
  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request({
      url: absoluteUrl(ticket.url, appConfig.apiBase),
      method: 'PUT',
      header: ticket.headers,
      data: body as ArrayBuffer,
      dataType: 'text',
      responseType: 'text',
      timeout: 60_000,
    });
  } catch (error) {
    // DingTalk reports non-2xx answers through `fail`, with the body attached.
    const failed = error as { status?: number; statusCode?: number; data?: unknown };
    if (typeof (failed?.statusCode ?? failed?.status) !== 'number') throw new Error(UPLOAD_FAILED);
    response = { statusCode: Number(failed.statusCode ?? failed.status), data: failed.data };
  }
  if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(errorMessageOfBody(response.data, UPLOAD_FAILED));
  onProgress(1);
}

export async function openFile(file: { url?: string | undefined; contentType: string; name: string }): Promise<void> {
  if (!file.url) throw new Error('文件链接已失效，请刷新后再试');
  const url = absoluteUrl(file.url, appConfig.apiBase);
  if (file.contentType.startsWith('image/')) {
    await Taro.previewImage({ urls: [url], current: url });
    return;
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url });
  if (statusCode !== 200) throw new Error('文件打开失败，请稍后重试');
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true });
}
