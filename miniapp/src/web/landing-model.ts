import type { LandingView } from '@lianyan/shared';
import { parseSignInLink, scanPageUrl, type SignInLink } from '../utils/links';
import { formatRange } from '../utils/time';

// The QR landing on the web (`/s/<sessionId>/<token>`, src/web/landing.ts): what a phone camera opens. It names the
// session at once, without the app; the sign-in itself is the app's scan page, opened with the code and when it was scanned.

export type { SignInLink };

/** The code the address carries, or null when it is not a sign-in link. */
export const landingLink = (pathname: string, search: string): SignInLink | null => parseSignInLink(`${pathname}${search}`);

/**
 * The app's sign-in page for the code, as a hash route of the app shell. `scancode_time` (seconds) keeps the moment the
 * code was opened, as WeChat's ordinary-link QR does, so the app loading after a tap does not make a fresh code expire.
 */
export function handoverUrl(link: SignInLink, openedAtMs: number): string {
  return `/#${scanPageUrl(link)}&scancode_time=${Math.floor(openedAtMs / 1000)}`;
}

/** Whether the app has a login in this browser: Taro's H5 storage keeps each value as `{"data": value}`. */
export function hasStoredLogin(raw: string | null): boolean {
  if (!raw) return false;
  try {
    const parsed = JSON.parse(raw) as { data?: unknown } | null;
    return typeof parsed?.data === 'string' && parsed.data.length > 0;
  } catch {
    return false;
  }
}

export interface LandingShown {
  title: string;
  /** Time and venue. */
  meta: string;
  /** What the page asks for; empty when nothing can be done with this code. */
  action: string;
  notice: string;
  tone: 'ok' | 'warn' | 'bad';
}

const verb = (link: SignInLink) => (link.purpose === 'out' ? '签退' : '签到');

/** Before the API answers: the call to sign in is there at once, the session's name follows. */
export function loadingShown(link: SignInLink): LandingShown {
  return { title: '正在读取活动…', meta: '', action: `打开联研${verb(link)}`, notice: '', tone: 'ok' };
}

/** What the page shows for the API's answer. */
export function landingShown(link: SignInLink, view: LandingView): LandingShown {
  const meta = `${formatRange(view.session.startAt, view.session.endAt)}${view.session.venue ? ` · ${view.session.venue}` : ''}`;
  const base = { title: view.session.title, meta };
  if (view.session.status === 'closed') return { ...base, action: '', notice: '活动已结束，签到已关闭。', tone: 'bad' };
  if (view.code === 'expired') return { ...base, action: '', notice: `二维码已过期，请重新扫描现场大屏上的${verb(link)}二维码。`, tone: 'warn' };
  return { ...base, action: `打开联研${verb(link)}`, notice: `${verb(link)}需登录联研；在微信中扫码可直接进入小程序${verb(link)}。`, tone: 'ok' };
}

/**
 * An API refusal: an invalid or unpublished code ends here; anything else (network, server) still lets the user go on
 * to the app, which retries and explains.
 */
export function failureShown(link: SignInLink, status: number, message: string): LandingShown {
  if (status === 403 || status === 404 || status === 409 || status === 400) {
    return { title: message || '二维码无效，请扫描本次活动现场的二维码', meta: '', action: '', notice: '请扫描活动现场大屏上的二维码。', tone: 'bad' };
  }
  return { title: `联研${verb(link)}`, meta: '', action: `打开联研${verb(link)}`, notice: '暂时无法读取活动信息，仍可继续。', tone: 'warn' };
}

export const INVALID_LINK: LandingShown = { title: '二维码无效', meta: '', action: '', notice: '请扫描活动现场大屏上的二维码。', tone: 'bad' };
