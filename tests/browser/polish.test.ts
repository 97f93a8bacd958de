import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../support/api.ts';
import { devLoginPage, launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

let phone: Browser;

beforeAll(async () => {
  phone = await launchBrowser();
});
afterAll(async () => {
  await phone?.close();
});

const loginAs = (account: string): Promise<Page> => devLoginPage(phone, stack().url, account);

describe('pages as a new user reads them', () => {
  it('names the school of a role in 我的, not its id', async () => {
    const page = await loginAs('core-teacher-1');
    await page.goto(`${stack().url}/#/pages/index/index?tab=mine`);
    const mine = page.getByTestId('section-mine');
    await expect.poll(() => mine.innerText(), { timeout: 15_000 }).toContain('明湖区实验小学');
    expect(await mine.innerText()).not.toContain('sch-core');
    await page.close();
  });

  it('gives a sub-page a title bar with a back button that leads out', async () => {
    const page = await loginAs('core-teacher-1');
    await page.getByTestId('home-observe').click();
    const bar = page.locator('#taro-navigation-bar');
    await expect.poll(() => bar.locator('.taro-navigation-bar-title').innerText(), { timeout: 15_000 }).toBe('听课');
    const back = bar.getByRole('button', { name: '返回' });
    await back.click();
    await page.getByTestId('home-observe').waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('points a school admin who attends no session to 管理, not to 扫码签到', async () => {
    const page = await loginAs('core-admin');
    const card = page.getByTestId('home-upcoming-admin');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain('管理');
    expect(await card.innerText()).not.toContain('扫描现场二维码');
    await card.getByText('前往管理').click();
    await page.getByTestId('section-admin').waitFor({ timeout: 15_000 });
    await page.close();
  });
});
