import type { DisplayView } from '@lianyan/shared';

// The venue display's rules, shared by the mini-program page and the light H5 page (src/web/display.ts).
export const COUNTS_EVERY_MS = 3_000;
export const TICK_MS = 1_000;
export const LATEST_SHOWN = 8;
export const INVALID_LINK_MESSAGE = '展示链接无效';
export const FATAL_HINT = '请向活动组织者重新获取展示链接。';

/** The message that ends the display for an API answer, or null when it should keep retrying. */
export function displayFatalMessage(status: number, message: string): string | null {
  if (status === 403) return INVALID_LINK_MESSAGE;
  if (status === 410) return '活动已结束，展示链接已失效';
  if (status === 404) return message;
  return null;
}

/** When the shown code stops being current on this device's clock: the server's remaining time, bounded by one rotation. */
export function codeExpiresLocal(view: DisplayView, receivedAt: number): number {
  const remaining = Math.min(Math.max(Date.parse(view.qr.expiresAt) - receivedAt, 1_000), view.qr.rotateSeconds * 1_000);
  return receivedAt + remaining;
}

/** The six-digit typed code as the screen shows it. */
export const spacedCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
