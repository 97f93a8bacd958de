import type { RosterFilePlatform } from './roster-file-types';

export type { RosterFile, RosterFilePlatform } from './roster-file-types';

// DingTalk's mini-program cannot pick a file from a chat or the disk: the import is done in WeChat or a browser.
export const rosterFilePlatform: RosterFilePlatform = {
  pickLabel: '选择文件',
  async pick() {
    throw new Error('钉钉中暂不能选择文件，请在微信小程序或电脑浏览器中打开本页导入');
  },
};
