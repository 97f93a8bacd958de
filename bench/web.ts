import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import puppeteer, { type Browser } from 'puppeteer-core';
import { call, median, round, type StackChild } from './lib.ts';

// Lighthouse's default (mobile) settings: a mid-range phone on simulated slow 4G, CPU slowed 4×.
const RUNS = 3;
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--deny-permission-prompts'];

interface PageFigures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  jsKB: number;
  cspViolations: number;
  /** Accessibility audits that failed, for the report. */
  a11yFailed: string[];
}

type Login = { token: string; refreshToken: string; user: unknown };

async function launch(): Promise<{ browser: Browser; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'lianyan-lighthouse-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: CHROMIUM_FLAGS,
  });
  return { browser, profile };
}

/**
 * One Lighthouse run in a fresh profile; a login is put in storage the way the app keeps it. The address is asked for
 * once the browser runs, so a QR code is as fresh as a scanned one (it turns every 10 s).
 */
async function audit(urlOf: () => Promise<string>, login: Login | null): Promise<PageFigures> {
  const { browser, profile } = await launch();
  try {
    const page = await browser.newPage();
    const url = await urlOf();
    if (login) {
      // A JSON address of the same origin: storage is set without the app's files entering the HTTP cache.
      await page.goto(new URL('/v1/health', url).href);
      const entries = { 'lianyan.accessToken': login.token, 'lianyan.refreshToken': login.refreshToken, 'lianyan.user': login.user };
      // Taro's H5 storage keeps each value as {"data": value}.
      await page.evaluate(`for (const [k, v] of Object.entries(${JSON.stringify(entries)})) localStorage.setItem(k, JSON.stringify({ data: v }))`);
    }
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const result = await lighthouse(url, { logLevel: 'error', output: 'json', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true }, undefined, page);
    if (!result) throw new Error(`lighthouse gave no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
    const requests = (lhr.audits['network-requests']?.details as { items?: Array<{ resourceType?: string; transferSize?: number }> } | undefined)?.items ?? [];
    const jsBytes = requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
    const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    return {
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      fcpMs: Math.round(numeric('first-contentful-paint')),
      lcpMs: Math.round(numeric('largest-contentful-paint')),
      tbtMs: Math.round(numeric('total-blocking-time')),
      jsKB: round(jsBytes / 1024, 1),
      cspViolations: violations.length,
      a11yFailed: (lhr.categories.accessibility?.auditRefs ?? []).filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0).map((ref) => ref.id),
    };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function devLogin(stack: StackChild, account: string): Promise<Login> {
  const res = await call<Login>(stack.url, 'POST', '/v1/auth/dev', undefined, { account });
  if (res.status !== 200) throw new Error(`dev login ${account}: ${res.status}`);
  return res.body;
}

/** The QR landing, the venue display and a logged-in home through Lighthouse, median of three runs each. */
export async function webFigures(stack: StackChild, record: (key: string, value: number) => void, say: (line: string) => void, sessionId: string) {
  const organizer = (await devLogin(stack, 'organizer')).token;
  const display = await call<{ url: string }>(stack.url, 'GET', `/v1/sessions/${sessionId}/display-link`, organizer);
  const displayUrl = new URL(display.body.url);
  const pages: Array<{ name: string; url: () => Promise<string>; login: (run: number) => Promise<Login | null> }> = [
    {
      // A phone camera (or a scanner other than WeChat's) opens a fresh code in the browser, where the app has no login
      // on a deployed stage (the H5 build has no WeChat login): the landing's own page, the session and the call to sign
      // in. With a login in the browser the page goes straight on to the app's sign-in, which the home figures cover.
      name: 'landing',
      url: async () => {
        const qr = await call<{ url: string }>(stack.url, 'GET', `/v1/sessions/${sessionId}/qr?purpose=in`, organizer);
        return `${stack.url}${new URL(qr.body.url).pathname}`;
      },
      login: async () => null,
    },
    { name: 'display', url: async () => `${stack.url}${displayUrl.pathname}${displayUrl.search}`, login: async () => null },
    { name: 'home', url: async () => `${stack.url}/`, login: () => devLogin(stack, 'core-teacher-6') },
  ];
  // Lighthouse simulates from the main thread time it observes: on a busy machine TBT and the score suffer.
  record('web.loadAverage', round(loadavg()[0] ?? 0, 1));
  for (const page of pages) {
    const runs: PageFigures[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await audit(page.url, await page.login(r)));
    const m = (pick: (f: PageFigures) => number) => median(runs.map(pick));
    const figures = {
      performance: m((f) => f.performance),
      accessibility: m((f) => f.accessibility),
      fcpMs: m((f) => f.fcpMs),
      lcpMs: m((f) => f.lcpMs),
      tbtMs: m((f) => f.tbtMs),
      jsKB: m((f) => f.jsKB),
      cspViolations: Math.max(...runs.map((f) => f.cspViolations)),
    };
    for (const [key, value] of Object.entries(figures)) record(`web.${page.name}.${key}`, value);
    const failed = [...new Set(runs.flatMap((f) => f.a11yFailed))];
    say(`  ${page.name.padEnd(8)} performance ${figures.performance}, accessibility ${figures.accessibility}, FCP ${figures.fcpMs} ms, LCP ${figures.lcpMs} ms, TBT ${figures.tbtMs} ms, JS ${figures.jsKB} KB transferred, CSP violations ${figures.cspViolations} (median of ${RUNS})${failed.length ? `; accessibility audits failed: ${failed.join(', ')}` : ''}`);
  }
}
