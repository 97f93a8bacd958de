import Taro from '@tarojs/taro';
import { contentTypeOf } from '../utils/files';
import type { EvidencePlatform, PickedFile } from './evidence-types';
import { openFile, pickImages, putFile, readFile } from './mini-files';
import { PHOTO_ASK, withPrivacy } from './privacy';

export type { EvidencePlatform, PickedFile, PickKind } from './evidence-types';

// WeChat: PDF comes from a chat (chooseMessageFile), the usual place a certificate scan arrives.
async function pickPdf(max: number): Promise<PickedFile[]> {
  await withPrivacy(PHOTO_ASK, () => Promise.resolve());
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: max, type: 'file', extension: ['pdf'] });
    return tempFiles.map((file) => ({ name: file.name, contentType: contentTypeOf(file.name) || 'application/pdf', previewUrl: '', source: file.path }));
  } catch {
    return [];
  }
}

export const evidencePlatform: EvidencePlatform = {
  pickers: [
    { kind: 'image', label: '添加图片' },
    { kind: 'pdf', label: '从聊天选择 PDF' },
  ],
  pick: (kind, max) => (kind === 'pdf' ? pickPdf(max) : pickImages(max)),
  read: readFile,
  put: putFile,
  open: openFile,
  release: () => undefined,
};
