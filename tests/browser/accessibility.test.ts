import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, devLogin, stack } from '../support/api.ts';
import { devLoginPage, launchBrowser } from '../support/browser.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// axe-core (the npm package, injected into the page) on the key pages of every role at 390 × 844: no critical or
// serious violation, and every button, link and form control at least 44 × 44 px — or, the spacing exception of
// WCAG 2.5.8 taken at 44 px, a 44 px circle on its centre that meets no other target.

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
}

// The page's side, typed by hand: the tests compile without the DOM library.
interface Box { left: number; top: number; right: number; bottom: number; width: number; height: number }
interface El {
  tagName: string;
  textContent: string | null;
  parentElement: El | null;
  closest(selector: string): El | null;
  contains(other: El): boolean;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
}
interface PageGlobals {
  axe?: { run: () => Promise<unknown> };
  document: { documentElement: El; querySelectorAll(selector: string): Iterable<El> };
  getComputedStyle(el: El): { visibility: string; fontSize: string };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MIN = 60_000;
const TARGET = 44;
/** `$page-margin` of the design tokens (px of the 375-wide design). */
const PAGE_MARGIN = 16;

let phone: Browser;
let sessionId = '';

beforeAll(async () => {
  phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
  const now = Date.now();
  // Ended a minute ago with one teacher signed in: a 签到 result, a roster and 活动档案 with something in them.
  const { session, organizerToken } = await publishedSession({
    title: '无障碍检查教研',
    startAt: new Date(now - 60 * MIN).toISOString(),
    endAt: new Date(now - MIN).toISOString(),
    geofence: 'off',
  });
  sessionId = session.id;
  const { token } = await devLogin('core-teacher-1');
  const qr = (await currentQr(sessionId, organizerToken)).token;
  expect((await api('POST', `/v1/sessions/${sessionId}/sign-ins`, { token, body: scan(qr) })).status).toBe(201);
});
afterAll(async () => {
  await phone?.close();
});

const loginAs = (account: string): Promise<Page> => devLoginPage(phone, stack().url, account);

async function open(page: Page, route: string, ready: string) {
  await page.goto(`${stack().url}/#/${route}`);
  await page.getByTestId(ready).first().waitFor({ timeout: 20_000 });
  // Loading text gone: the page shows what it has.
  await expect.poll(() => page.locator('.loading-text').count(), { timeout: 15_000 }).toBe(0);
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a script tag: the page's CSP (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).axe?.run());
  return (result as AxeResult).violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

/** Buttons, links and form controls smaller than 44 × 44 px whose 44 px circle meets another target. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((size) => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const selector = 'button, a[href], input:not([type=hidden]), textarea, select, [role=button], [role=link], [role=switch], [role=checkbox], [role=radio], [role=tab], taro-button-core, taro-switch-core, taro-checkbox-core, taro-radio-core';
    const seen = new Set<El>();
    const targets = [...document.querySelectorAll(selector)]
      // The outermost element of a control (a Taro button holds a native button).
      .filter((el) => !el.parentElement?.closest(selector))
      .filter((el) => !seen.has(el) && seen.add(el))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ el, box }) => box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden');
    const centre = (b: Box) => ({ x: b.left + b.width / 2, y: b.top + b.height / 2 });
    const distanceToBox = (p: { x: number; y: number }, b: Box) => Math.hypot(Math.max(b.left - p.x, 0, p.x - b.right), Math.max(b.top - p.y, 0, p.y - b.bottom));
    const small = targets.filter(({ box }) => box.width < size - 0.5 || box.height < size - 0.5);
    return small
      .filter(({ el, box }) => {
        const c = centre(box);
        return targets.some((other) => {
          if (other.el === el || other.el.contains(el) || el.contains(other.el)) return false;
          const oc = centre(other.box);
          const otherSmall = other.box.width < size - 0.5 || other.box.height < size - 0.5;
          // Circles of two small targets must not overlap; a large target's box must stay outside the circle.
          return otherSmall ? Math.hypot(c.x - oc.x, c.y - oc.y) < size : distanceToBox(c, other.box) < size / 2;
        });
      })
      .map(({ el, box }) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  }, TARGET);
}

/**
 * Cards (outside a sheet or another card) whose side margins are not the page margin: 16 px of the 375-wide design,
 * which Taro's H5 turns into rem (the root font is 20 px at 375), so 16.6 px at 390.
 */
async function offMarginCards(page: Page): Promise<string[]> {
  return page.evaluate((margin) => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const width = (globalThis as unknown as { innerWidth: number }).innerWidth;
    const expected = (margin * parseFloat(getComputedStyle(document.documentElement).fontSize)) / 20;
    const off = (px: number) => Math.abs(px - expected) > 0.75;
    return [...document.querySelectorAll('.card')]
      .filter((el) => !el.parentElement?.closest('.card, .sheet'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .filter(({ box }) => off(box.left) || off(width - box.right))
      .map(({ el, box }) => `card "${(el.textContent ?? '').trim().slice(0, 12)}" at ${box.left.toFixed(1)} / ${(width - box.right).toFixed(1)} px, not ${expected.toFixed(1)}`);
  }, PAGE_MARGIN);
}

const PAGES: Array<{ name: string; account: string; route: () => string; ready: string }> = [
  { name: '教师首页', account: 'core-teacher-1', route: () => 'pages/index/index', ready: 'home' },
  { name: '签到结果', account: 'core-teacher-1', route: () => `packages/signin/session/index?id=${sessionId}`, ready: 'my-record' },
  { name: '我的档案', account: 'core-teacher-1', route: () => 'packages/archive/mine/index', ready: 'archive-page' },
  { name: '打卡', account: 'core-teacher-1', route: () => 'packages/checkin/campaign/index?id=cmp-demo-ethics', ready: 'checkin-page' },
  { name: '活动心得', account: 'core-teacher-1', route: () => `packages/records/reflection/index?id=${sessionId}`, ready: 'reflection-page' },
  { name: '我的', account: 'core-teacher-1', route: () => 'pages/index/index?tab=mine', ready: 'section-mine' },
  { name: '家庭教育', account: 'parent-1', route: () => 'pages/index/index?tab=family', ready: 'section-family' },
  { name: '绑定孩子', account: 'parent-1', route: () => 'packages/family/bind/index', ready: 'family-bind' },
  { name: '家长学习记录', account: 'parent-1', route: () => 'packages/family/history/index', ready: 'family-history' },
  { name: '新建活动', account: 'organizer', route: () => 'packages/organizer/edit/index', ready: 'session-edit' },
  { name: '活动列表', account: 'organizer', route: () => 'packages/organizer/sessions/index', ready: 'organizer-sessions' },
  { name: '签到名单', account: 'organizer', route: () => `packages/organizer/roster/index?id=${sessionId}`, ready: 'roster-page' },
  { name: '活动档案 资料', account: 'organizer', route: () => `packages/records/manage/index?id=${sessionId}`, ready: 'records-manage' },
  { name: '发起打卡', account: 'core-admin', route: () => 'packages/checkin/edit/index', ready: 'campaign-form' },
  { name: '管理', account: 'core-admin', route: () => 'pages/index/index?tab=admin', ready: 'section-admin' },
  { name: '统计报表', account: 'fed-admin', route: () => 'packages/reports/index', ready: 'report-chart' },
];

describe('accessibility of the key pages at 390 × 844', () => {
  const pages = new Map<string, Page>();
  const pageFor = async (account: string) => {
    if (!pages.has(account)) {
      for (const other of pages.values()) await other.close();
      pages.clear();
      pages.set(account, await loginAs(account));
    }
    return pages.get(account)!;
  };

  it.each(PAGES.map((p) => [p.name, p] as const))('%s: no critical or serious axe violation, tap targets 44 × 44 px, cards at the page margin', async (_name, { account, route, ready }) => {
    const page = await pageFor(account);
    await open(page, route(), ready);
    // One line per finding, all shown in full when the test fails.
    const findings = [
      ...(await axeViolations(page)),
      ...(await smallTargets(page)).map((t) => `tap target under 44 × 44 px: ${t}`),
      ...(await offMarginCards(page)).map((c) => `side margin not ${PAGE_MARGIN} px: ${c}`),
    ];
    expect(findings.join('\n')).toBe('');
  });

  it('reaches a session of the organizer\'s list by keyboard and opens it with Enter', async () => {
    const page = await pageFor('organizer');
    await open(page, 'packages/organizer/sessions/index', 'organizer-sessions');
    const row = page.locator('[data-testid^="organizer-session-"][role="button"]').first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('tabindex')).toBe('0');
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('roster-page').waitFor({ timeout: 15_000 });
  });
});
