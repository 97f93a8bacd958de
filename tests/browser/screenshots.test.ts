import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../support/api.ts';
import { devLoginPage, launchBrowser } from '../support/browser.ts';
import { comparePngs, readRecording, replayApi, RERECORD, settledShot, UPDATE, type Recording } from '../support/screenshots.ts';

// The key pages of every role at 390 × 844 (those the axe check visits, less the ones about a session made for the
// run), each against a reference PNG in tests/browser/screenshots/, so a change that moves a page shows in review.
// The API answers of the reference run are replayed and the clock held at its moment: the same pixels whatever
// the stack holds. Refresh after a deliberate change of looks (`=all` records the API afresh as well):
//   UPDATE_SCREENSHOTS=1 npx vitest run --project browser tests/browser/screenshots.test.ts

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const DIR = join(import.meta.dirname, 'screenshots');
/** More than this share of changed pixels fails (about 160 pixels: font rasterising may move a few edge pixels). */
const TOLERANCE = 0.0005;

const PAGES: Array<{ file: string; name: string; account: string; route: string; ready: string }> = [
  { file: 'teacher-home', name: '教师首页', account: 'core-teacher-1', route: 'pages/index/index', ready: 'home' },
  { file: 'archive-mine', name: '我的档案', account: 'core-teacher-1', route: 'packages/archive/mine/index', ready: 'archive-page' },
  { file: 'checkin', name: '打卡', account: 'core-teacher-1', route: 'packages/checkin/campaign/index?id=cmp-demo-ethics', ready: 'checkin-page' },
  { file: 'mine', name: '我的', account: 'core-teacher-1', route: 'pages/index/index?tab=mine', ready: 'section-mine' },
  { file: 'family', name: '家庭教育', account: 'parent-1', route: 'pages/index/index?tab=family', ready: 'section-family' },
  { file: 'family-bind', name: '绑定孩子', account: 'parent-1', route: 'packages/family/bind/index', ready: 'family-bind' },
  { file: 'family-history', name: '家长学习记录', account: 'parent-1', route: 'packages/family/history/index', ready: 'family-history' },
  { file: 'session-edit', name: '新建活动', account: 'organizer', route: 'packages/organizer/edit/index', ready: 'session-edit' },
  { file: 'organizer-sessions', name: '活动列表', account: 'organizer', route: 'packages/organizer/sessions/index', ready: 'organizer-sessions' },
  { file: 'campaign-edit', name: '发起打卡', account: 'core-admin', route: 'packages/checkin/edit/index', ready: 'campaign-form' },
  { file: 'admin', name: '管理', account: 'core-admin', route: 'pages/index/index?tab=admin', ready: 'section-admin' },
  { file: 'reports', name: '统计报表', account: 'fed-admin', route: 'packages/reports/index', ready: 'report-chart' },
];

let phone: Browser;

beforeAll(async () => {
  phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await phone?.close();
});

describe('screenshots of the key pages at 390 × 844', () => {
  it.each(PAGES.map((p) => [p.name, p] as const))('%s looks as its reference', async (_name, { file, account, route, ready }) => {
    const png = join(DIR, `${file}.png`);
    const json = join(DIR, `${file}.json`);
    const reference = RERECORD ? null : readRecording(json);
    if (!UPDATE && !reference) throw new Error(`No reference for ${file}: run UPDATE_SCREENSHOTS=1 npx vitest run --project browser tests/browser/screenshots.test.ts`);
    const recording: Recording = reference ?? { at: Date.now(), answers: {} };

    const page = await phone.newPage();
    try {
      await page.clock.setFixedTime(recording.at);
      const missed = await replayApi(page, recording);
      // The dev login goes to the stack; the pages it opens read the recording.
      const loggedIn = await devLoginPage({ newPage: async () => page }, stack().url, account);
      await loggedIn.goto(`${stack().url}/#/${route}`);
      await page.getByTestId(ready).first().waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator('.loading-text').count(), { timeout: 15_000 }).toBe(0);
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      const shot = await settledShot(page);

      if (UPDATE) {
        // Only what changed is rewritten, so a refresh shows in review as the pages that moved.
        if (!existsSync(png) || RERECORD || comparePngs(file, readFileSync(png), shot).changed > 0) writeFileSync(png, shot);
        if (!reference || missed.length) writeFileSync(json, `${JSON.stringify(recording, null, 1)}\n`);
        return;
      }
      expect(missed, 'API reads the reference did not record: the page asks for something new — refresh the references').toEqual([]);
      const result = comparePngs(file, readFileSync(png), shot);
      const where = result.written ? ` (actual ${result.written.actual}, diff ${result.written.diff})` : '';
      expect(result.changed, `${file}: ${(result.changed * 100).toFixed(2)} % of the pixels changed${where}`).toBeLessThanOrEqual(TOLERANCE);
    } finally {
      await page.close();
    }
  });
});
