import type { BriefingLink, RecordBundle } from '@lianyan/shared';
import { openInNewTab } from './print.h5';

export const recordLinkHints = {
  briefing: '在新标签页打开简报，可直接打印或另存为 PDF；链接无需登录，可发给需要的人。',
  bundle: '下载 ZIP 压缩包，内含方案、课件、签到表、照片、心得和简报。',
  bundleAction: '下载 ZIP',
} as const;

/** Opens the briefing in a new tab; if the browser blocks that, copies the link instead. */
export function shareBriefingLink(link: BriefingLink): Promise<void> {
  return openInNewTab(link, { title: '简报链接已复制', then: '' });
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
