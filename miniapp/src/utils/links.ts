import type { QrPurpose } from '@lianyan/shared';

export interface SignInLink {
  sessionId: string;
  token: string;
  purpose: QrPurpose;
}

const SCAN_PAGE = '/packages/signin/scan/index';
const DISPLAY_PAGE = '/packages/display/index';

const SIGN_IN_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]+)?\/s\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{8,64})\/?(\?[^#]*)?(?:#.*)?$/i;
const DISPLAY_PATH = /^\/display\/([A-Za-z0-9_-]{1,64})\/?$/;

/** Page parameters arrive encoded on some platforms and decoded on others. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The value of one query parameter of `?a=1&b=2` (or of a string without the `?`). */
export function queryParam(search: string, name: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Reads a sign-in QR code: `<origin>/s/<sessionId>/<token>`, sign-out codes with `?p=out`; a whole URL or its path. */
export function parseSignInLink(text: string): SignInLink | null {
  const match = SIGN_IN_PATH.exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  const purpose = queryParam(match[3] ?? '', 'p') === 'out' ? 'out' : 'in';
  return { sessionId: match[1], token: match[2], purpose };
}

export function scanPageUrl(link: SignInLink): string {
  return `${SCAN_PAGE}?sessionId=${encodeURIComponent(link.sessionId)}&token=${encodeURIComponent(link.token)}&purpose=${link.purpose}`;
}

export function displayPageUrl(sessionId: string, key: string): string {
  return `${DISPLAY_PAGE}?sessionId=${encodeURIComponent(sessionId)}&key=${encodeURIComponent(key)}`;
}

/** The app page a web address opens: `/s/...` the sign-in, `/display/<id>?key=` the display; null for anything else. */
export function pageForWebPath(pathname: string, search: string): string | null {
  const link = parseSignInLink(`${pathname}${search}`);
  if (link) return scanPageUrl(link);
  const display = DISPLAY_PATH.exec(pathname);
  const key = queryParam(search, 'key');
  if (display?.[1] && key) return displayPageUrl(display[1], key);
  return null;
}

/** Only app pages are valid return paths after a login, never another site. */
export function safeReturnPath(value: string | undefined): string | null {
  if (!value) return null;
  let path = value;
  if (!path.startsWith('/')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return null;
    }
  }
  return /^\/(?:packages|pages)\/[A-Za-z0-9_/-]+(?:\?.*)?$/.test(path) ? path : null;
}

/** Pages of the growth archive (成长档案) sub-package. */
export const ARCHIVE_PAGES = {
  mine: '/packages/archive/mine/index',
  edit: '/packages/archive/edit/index',
  reviews: '/packages/archive/reviews/index',
  school: '/packages/archive/school/index',
} as const;

/** Pages of the session records (活动档案) sub-package. */
export const RECORDS_PAGES = {
  reflection: '/packages/records/reflection/index',
  manage: '/packages/records/manage/index',
  status: '/packages/records/status/index',
} as const;

/** 活动档案 of one session. */
export const recordsPageUrl = (sessionId: string) => `${RECORDS_PAGES.manage}?id=${encodeURIComponent(sessionId)}`;
