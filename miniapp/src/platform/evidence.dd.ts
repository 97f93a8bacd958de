import type { EvidencePlatform } from './evidence-types';
import { openFile, pickImages, putFile, readFile } from './mini-files';

export type { EvidencePlatform, PickedFile, PickKind } from './evidence-types';

/** DingTalk picks photos only; a PDF certificate can be photographed. */
export const evidencePlatform: EvidencePlatform = {
  pickers: [{ kind: 'image', label: '添加图片' }],
  pick: (_kind, max) => pickImages(max),
  read: readFile,
  put: putFile,
  open: openFile,
  release: () => undefined,
};
