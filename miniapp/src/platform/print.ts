import Taro from '@tarojs/taro';
import type { PrintLink } from '@lianyan/shared';
import { formatDateTime } from '../utils/time';
import { copyText } from './clipboard';

/** A mini-program cannot print: the link is copied, to open on a computer or send to whoever needs it. */
export async function openPrintLink(link: PrintLink): Promise<void> {
  if (!(await copyText(link.url, '打印链接'))) return;
  await Taro.showModal({
    title: '打印链接已复制',
    content: `请在电脑浏览器中粘贴打开，即可查看并打印档案（A4），也可以发送给需要的人。链接 ${formatDateTime(link.expiresAt)} 前有效，无需登录。`,
    showCancel: false,
    confirmText: '知道了',
  });
}
