import type { DisplayView, QrPurpose } from '@lianyan/shared';
import { COUNTS_EVERY_MS, FATAL_HINT, INVALID_LINK_MESSAGE, LATEST_SHOWN, TICK_MS, codeExpiresLocal, displayFatalMessage, spacedCode } from '../packages/display/model';
import { keepScreenOn } from '../platform/screen.h5';
import { qrSvgDataUrl } from '../utils/qr';
import { formatClock, formatRange } from '../utils/time';

// The venue display on the web (`/display/<id>?key=`): the page the organizer opens on the venue's PC, without the
// mini-program framework, so the code shows as soon as the API answers. Same rules as packages/display (model.ts).
const API_BASE = (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');

const byId = (id: string) => document.getElementById(id)!;
const sessionId = /^\/display\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname)?.[1] ?? '';
const key = new URLSearchParams(location.search).get('key') ?? '';

let purpose: QrPurpose = 'in';
let shown: { view: DisplayView; expiresLocal: number } | null = null;
let inFlight = false;
let lastFetch = 0;
let timer: ReturnType<typeof setInterval> | undefined;

class DisplayError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function fetchView(asked: QrPurpose): Promise<DisplayView> {
  const url = `${API_BASE}/v1/display/${encodeURIComponent(sessionId)}?key=${encodeURIComponent(key)}&purpose=${asked}`;
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body = (await res.json().catch(() => null)) as (DisplayView & { message?: string }) | null;
  if (!res.ok || !body?.qr) throw new DisplayError(res.status, body?.message ?? '网络异常');
  return body;
}

function setText(id: string, text: string) {
  const el = byId(id);
  if (el.textContent !== text) el.textContent = text;
}

function showFatal(message: string) {
  if (timer) clearInterval(timer);
  const root = byId('display');
  root.className = 'display display--fatal';
  root.replaceChildren();
  for (const [className, text, testId] of [['display__fatal', message, 'display-error'], ['display__fatal-hint', FATAL_HINT, '']]) {
    const line = document.createElement('span');
    line.className = className!;
    line.textContent = text!;
    if (testId) line.dataset.testid = testId;
    root.append(line);
  }
}

let latestOf: DisplayView | undefined | null = null;
/** The latest names, rebuilt only when an answer brings new ones (render runs every second for the countdown). */
function renderLatest(view: DisplayView | undefined) {
  if (view === latestOf) return;
  latestOf = view;
  const list = byId('display-latest-list');
  const people = view?.latest.slice(0, LATEST_SHOWN) ?? [];
  if (!people.length) {
    list.innerHTML = '<span class="display__empty">等待签到…</span>';
    return;
  }
  list.replaceChildren(
    ...people.map((person) => {
      const row = document.createElement('div');
      row.className = 'display__person';
      const name = document.createElement('span');
      name.className = 'display__person-name';
      name.textContent = person.name;
      const at = document.createElement('span');
      at.className = 'display__person-time';
      at.textContent = `${formatClock(person.at)}${person.status === 'late' ? ' 迟到' : ''}`;
      row.append(name, at);
      return row;
    }),
  );
}

// Encoding a code takes a phone tens of milliseconds (the mask search of qrcode-generator): a worker running this same
// file does it, so the page stays responsive; without a worker, the page does it itself.
const ownScript = typeof document === 'undefined' ? '' : ((document.currentScript as HTMLScriptElement | null)?.src ?? '');
let qrWorker: Worker | null | undefined;
let qrAlt = '';

function showQr(url: string, src: string, alt: string) {
  if (url !== qrFor) return;
  const image = byId('display-qr-image') as HTMLImageElement;
  image.src = src;
  image.alt = alt;
}

function drawQr(url: string, alt: string) {
  if (qrWorker === undefined) {
    try {
      qrWorker = ownScript ? new Worker(ownScript) : null;
      qrWorker?.addEventListener('message', (event: MessageEvent<{ url: string; src: string; alt: string }>) => showQr(event.data.url, event.data.src, event.data.alt));
      qrWorker?.addEventListener('error', () => {
        // The worker could not start: the page draws the code itself from now on.
        qrWorker = null;
        if (qrFor) showQr(qrFor, qrSvgDataUrl(qrFor), qrAlt);
      });
    } catch {
      qrWorker = null;
    }
  }
  qrAlt = alt;
  if (qrWorker) qrWorker.postMessage({ url, alt });
  else showQr(url, qrSvgDataUrl(url), alt);
}

let qrFor = '';
function render() {
  const view = shown?.view;
  const label = purpose === 'in' ? '签到' : '签退';
  byId('display').className = `display display--${purpose}`;
  setText('display-title', view?.session.title ?? '正在加载…');
  setText('display-meta', view ? `${formatRange(view.session.startAt, view.session.endAt)}${view.session.venue ? ` · ${view.session.venue}` : ''}` : '');
  setText('display-purpose', `微信扫码${label}`);
  const image = byId('display-qr-image') as HTMLImageElement;
  if (view && view.qr.url !== qrFor) {
    qrFor = view.qr.url;
    drawQr(view.qr.url, `${label}二维码，请用微信扫码${label}`);
  } else if (!view) {
    qrFor = '';
    image.removeAttribute('src');
  }
  const seconds = shown ? Math.max(0, Math.ceil((shown.expiresLocal - Date.now()) / 1_000)) : 0;
  setText('display-countdown', shown ? `${seconds} 秒后刷新` : '正在获取二维码…');
  const typed = byId('display-typed-code');
  typed.hidden = !view?.qr.code;
  setText('display-typed-label', `线上参会请在小程序输入${label}码`);
  setText('display-typed-value', view?.qr.code ? spacedCode(view.qr.code) : '');
  setText('display-signed-in', String(view?.summary.signedIn ?? 0));
  setText('display-expected', String(view?.summary.expected ?? 0));
  setText('display-late', String(view?.summary.late ?? 0));
  byId('display-signed-out-box').hidden = purpose !== 'out';
  setText('display-signed-out', String(view?.summary.signedOut ?? 0));
  renderLatest(view);
  setText('display-toggle', purpose === 'in' ? '切换到签退码' : '切换到签到码');
}

async function refresh() {
  if (inFlight) return;
  inFlight = true;
  lastFetch = Date.now();
  const asked = purpose;
  try {
    const view = await fetchView(asked);
    if (asked !== purpose) return;
    shown = { view, expiresLocal: codeExpiresLocal(view, Date.now()) };
    setText('display-warning', '');
    render();
  } catch (error) {
    const fatal = error instanceof DisplayError ? displayFatalMessage(error.status, error.message) : null;
    if (fatal) return showFatal(fatal);
    setText('display-warning', `${error instanceof DisplayError ? error.message : '网络异常'}，正在重试…`);
  } finally {
    inFlight = false;
  }
}

function tick() {
  const now = Date.now();
  const expired = shown !== null && now >= shown.expiresLocal;
  if (expired || now - lastFetch >= COUNTS_EVERY_MS) void refresh();
  else render();
}

function start() {
  if (!sessionId || !key) return showFatal(INVALID_LINK_MESSAGE);
  byId('display-toggle').addEventListener('click', () => {
    purpose = purpose === 'in' ? 'out' : 'in';
    shown = null;
    inFlight = false;
    render();
    void refresh();
  });
  keepScreenOn();
  void refresh();
  timer = setInterval(tick, TICK_MS);
}

if (typeof document === 'undefined') {
  // This file as the page's QR worker (drawQr).
  const scope = self as unknown as { onmessage: ((event: MessageEvent<{ url: string; alt: string }>) => void) | null; postMessage: (data: unknown) => void };
  scope.onmessage = (event) => scope.postMessage({ ...event.data, src: qrSvgDataUrl(event.data.url) });
} else {
  start();
}
