import Taro from '@tarojs/taro';
import type { BriefingLink, RecordBundle } from '@lianyan/shared';
import { formatDateTime } from '../utils/time';
import { copyText } from './clipboard';

// A mini-program can neither print nor keep a ZIP: the links are copied, to open in a computer's browser.

export const recordLinkHints = {
  briefing: '复制简报链接，发给需要的人，或在电脑浏览器中打开后打印为 PDF。',
  bundle: '小程序内无法打开压缩包：复制下载链接后，在电脑浏览器中打开下载。',
  bundleAction: '复制下载链接',
} as const;

export async function shareBriefingLink(link: BriefingLink): Promise<void> {
  if (!(await copyText(link.url, '简报链接'))) return;
  await Taro.showToast({ title: `简报链接已复制，${formatDateTime(link.expiresAt)} 前有效`, icon: 'none', duration: 3000 });
}

export async function deliverBundle(bundle: RecordBundle): Promise<void> {
  if (!(await copyText(bundle.url, '下载链接'))) return;
  await Taro.showModal({
    title: '下载链接已复制',
    content: `请在电脑浏览器中粘贴打开，下载「${bundle.fileName}」。链接 ${formatDateTime(bundle.expiresAt)} 前有效。`,
    showCancel: false,
    confirmText: '知道了',
  });
}
