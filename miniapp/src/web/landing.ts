import type { LandingView } from '@lianyan/shared';
import { INVALID_LINK, failureShown, handoverUrl, hasStoredLogin, landingLink, landingShown, loadingShown, type LandingShown } from './landing-model';

// The QR landing on the web (`/s/<sessionId>/<token>`): a few KB instead of the whole app, so the session's name and
// the call to sign in paint at once. Someone logged in here goes straight on to the app's sign-in, as before.
const API_BASE = (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');
const ACCESS_TOKEN_KEY = 'lianyan.accessToken';

const byId = (id: string) => document.getElementById(id)!;
const openedAt = Date.now();

function storedLogin(): boolean {
  try {
    return hasStoredLogin(localStorage.getItem(ACCESS_TOKEN_KEY));
  } catch {
    return false;
  }
}

function show(shown: LandingShown, href: string) {
  byId('landing').className = `landing landing--${shown.tone}`;
  byId('landing-title').textContent = shown.title;
  byId('landing-meta').textContent = shown.meta;
  byId('landing-notice').textContent = shown.notice;
  const action = byId('landing-action') as HTMLAnchorElement;
  action.textContent = shown.action;
  action.href = href;
  action.hidden = !shown.action;
}

async function start() {
  const link = landingLink(location.pathname, location.search);
  if (!link) return show(INVALID_LINK, '/');
  const href = handoverUrl(link, openedAt);
  if (storedLogin()) return location.replace(href);
  show(loadingShown(link), href);
  const url = `${API_BASE}/v1/sessions/${encodeURIComponent(link.sessionId)}/landing?token=${encodeURIComponent(link.token)}&purpose=${link.purpose}`;
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
    const body = (await res.json().catch(() => null)) as (LandingView & { message?: string }) | null;
    if (res.ok && body?.session) show(landingShown(link, body), href);
    else show(failureShown(link, res.status, body?.message ?? ''), href);
  } catch {
    show(failureShown(link, 0, ''), href);
  }
}

void start();
