import Taro from '@tarojs/taro';
import type { PrintLink } from '@lianyan/shared';
import { formatDateTime } from '../utils/time';

/** Opens a no-login page in a new tab; if the browser blocks that, copies the link and says what to do with it. */
export async function openInNewTab(link: { url: string; expiresAt: string }, copied: { title: string; then: string }): Promise<void> {
  const opened = window.open(link.url, '_blank');
  if (opened) {
    opened.opener = null;
    return;
  }
  await navigator.clipboard?.writeText(link.url).catch(() => undefined);
  await Taro.showModal({
    title: copied.title,
    content: `浏览器阻止了新窗口。链接已复制，请粘贴到地址栏打开${copied.then}（${formatDateTime(link.expiresAt)} 前有效）。`,
    showCancel: false,
    confirmText: '知道了',
  });
}

/** Opens the print-ready page in a new tab; if the browser blocks that, copies the link instead. */
export function openPrintLink(link: PrintLink): Promise<void> {
  return openInNewTab(link, { title: '打印链接已复制', then: '后打印' });
}
