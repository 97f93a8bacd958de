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

  it('says in Chinese what a garbled or cut QR link is and what to do, in the app and on the web landing', async () => {
    const page = await loginAs('core-teacher-1');
    // Scanned by WeChat's ordinary-link rule: the code's text arrives as `q`, here cut and garbled.
    await page.goto(`${stack().url}/#/packages/signin/scan/index?q=${encodeURIComponent('https://lianyan.example/s/%E4%zz')}`);
    await expect.poll(() => page.getByTestId('signin-result-title').innerText(), { timeout: 15_000 }).toBe('二维码无效，请扫描本次活动现场的二维码');
    expect(await page.getByTestId('signin-result-line').innerText()).toContain('请对准活动现场大屏上的二维码重新扫描');
    expect(await page.getByTestId('signin-home').isVisible()).toBe(true);
    // A code of the right shape for no session: the API refuses it, and the page says the same.
    await page.goto(`${stack().url}/#/packages/signin/scan/index?sessionId=01NOSUCHSESSION&token=abcdefgh12345678`);
    await expect.poll(() => page.getByTestId('signin-result-line').innerText(), { timeout: 15_000 }).toContain('请对准活动现场大屏上的二维码重新扫描');
    expect(await page.getByTestId('home').count()).toBe(0);
    // Opened by a phone camera: the web landing says it, never the home page.
    await page.goto(`${stack().url}/s/01JABC/short`);
    await expect.poll(() => page.locator('#landing-title').innerText(), { timeout: 15_000 }).toBe('二维码无效');
    expect(await page.locator('#landing-notice').innerText()).toContain('请扫描活动现场大屏上的二维码');
    await page.close();
  });

  it('shows a counter under 发起打卡\'s 说明 and says so when a paste is cut at the maximum', async () => {
    const page = await loginAs('core-admin');
    await page.goto(`${stack().url}/#/packages/checkin/edit/index`);
    await page.getByTestId('campaign-form').waitFor({ timeout: 20_000 });
    const description = page.getByTestId('campaign-description').locator('textarea');
    await description.fill('每周读一篇');
    expect(await page.getByTestId('campaign-description-count').innerText()).toBe('5/1000');
    // 10,000 characters pasted: the box keeps 1000 and the counter says the rest did not go in.
    await description.fill('读'.repeat(10_000));
    expect((await description.inputValue()).length).toBe(1000);
    expect(await page.getByTestId('campaign-description-count').innerText()).toBe('1000/1000，已到上限 1000 字，超出的部分没有填入');
    await page.close();
  });
});
