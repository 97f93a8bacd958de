import Taro from '@tarojs/taro';
import type { RosterFile, RosterFilePlatform } from './roster-file-types';

export type { RosterFile, RosterFilePlatform } from './roster-file-types';

const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? ''));

function read(path: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (result) => resolve(result.data as ArrayBuffer),
      fail: () => reject(new Error('无法读取文件，请重新选择')),
    });
  });
}

// WeChat: a spreadsheet arrives in a chat (from the computer through 文件传输助手), so it is picked from a chat.
export const rosterFilePlatform: RosterFilePlatform = {
  pickLabel: '从聊天中选择文件',
  async pick() {
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
      const file = tempFiles[0];
      if (!file) return null;
      return { name: file.name, size: file.size, body: await read(file.path) } satisfies RosterFile;
    } catch (error) {
      if (cancelled(error)) return null;
      throw error instanceof Error && !('errMsg' in error) ? error : new Error('无法选择文件，请稍后重试');
    }
  },
};
