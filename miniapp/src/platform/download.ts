import Taro from '@tarojs/taro';
import { appConfig } from '../config';
import { renewSession } from '../services/request';
import { getAccessToken } from '../services/session';

export type ExportFormat = 'csv' | 'xlsx';

function fetchFile(path: string, filePath: string) {
  return Taro.downloadFile({
    url: `${appConfig.apiBase}${path}`,
    header: { authorization: `Bearer ${getAccessToken()}` },
    filePath,
  });
}

/** Downloads an export with the login; Excel opens in the document viewer, CSV (which it cannot open) is shared to a chat. */
export async function downloadExport(path: string, format: ExportFormat, name: string): Promise<void> {
  const fileName = `${name}.${format}`;
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  let file = await fetchFile(path, filePath);
  if (file.statusCode === 401 && (await renewSession())) file = await fetchFile(path, filePath);
  if (file.statusCode !== 200) throw new Error('导出失败，请稍后重试');
  if (format === 'xlsx') {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  if (typeof Taro.shareFileMessage !== 'function') throw new Error('当前环境无法打开 CSV，请导出 Excel');
  await Taro.shareFileMessage({ filePath, fileName });
}
