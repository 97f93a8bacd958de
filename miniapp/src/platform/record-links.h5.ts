import Taro from '@tarojs/taro';
import type { BriefingLink, RecordBundle } from '@lianyan/shared';
import { formatDateTime } from '../utils/time';

export const recordLinkHints = {
  briefing: '在新标签页打开简报，可直接打印或另存为 PDF；链接无需登录，可发给需要的人。',
  bundle: '下载 ZIP 压缩包，内含方案、课件、签到表、照片、心得和简报。',
  bundleAction: '下载 ZIP',
} as const;

/** Opens the briefing in a new tab; if the browser blocks that, copies the link instead. */
export async function shareBriefingLink(link: BriefingLink): Promise<void> {
  const opened = window.open(link.url, '_blank');
  if (opened) {
    opened.opener = null;
    return;
  }
  await navigator.clipboard?.writeText(link.url).catch(() => undefined);
  await Taro.showModal({
    title: '简报链接已复制',
    content: `浏览器阻止了新窗口。链接已复制，请粘贴到地址栏打开（${formatDateTime(link.expiresAt)} 前有效）。`,
    showCancel: false,
    confirmText: '知道了',
  });
}

/** The link is signed and short-lived: the browser downloads it as it is. */
export async function deliverBundle(bundle: RecordBundle): Promise<void> {
  const link = document.createElement('a');
  link.href = bundle.url;
  link.download = bundle.fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
