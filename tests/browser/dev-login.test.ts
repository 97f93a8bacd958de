import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function loginAs(account: string) {
  const page = await browser.newPage();
  await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
  await page.getByTestId(`dev-account-${account}`).click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  return page;
}

describe('H5 app: dev login and the role-aware home', () => {
  it('serves the H5 build and /v1/health from one origin', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${stack().url}/`);
    expect(res?.status()).toBe(200);
    expect(await page.evaluate(async () => (await fetch('/v1/health')).status)).toBe(200);
    await page.close();
  });

  it('logs a demo teacher in and shows the teacher home with its tabs', async () => {
    const page = await loginAs('core-teacher-1');
    const home = page.getByTestId('home');
    await expect.poll(() => home.innerText()).toContain('潘立新');
    const text = await home.innerText();
    for (const tab of ['首页', '签到', '打卡', '档案', '我的']) expect(text).toContain(tab);
    expect(text).not.toContain('管理');
    await expect.poll(() => page.getByTestId('home-upcoming').innerText(), { timeout: 15_000 }).toContain('核心校与成员校联合教研');
    await page.screenshot({ path: 'test-results/teacher-home.png' });
    await page.close();
  });

  it('shows a parent only 家庭教育 and 我的', async () => {
    const page = await loginAs('parent-1');
    const text = await page.getByTestId('home').innerText();
    expect(text).toContain('家庭教育');
    expect(text).toContain('我的');
    expect(text).not.toContain('签到');
    await page.close();
  });

  it('logs in every other demo role and shows their name', async () => {
    for (const [account, name] of [
      ['district-admin', '王晓燕'],
      ['fed-admin', '赵志强'],
      ['organizer', '胡雅婷'],
      ['core-admin', '邓红梅'],
      ['core-principal', '梁俊杰'],
    ] as const) {
      const page = await loginAs(account);
      await expect.poll(() => page.getByTestId('home').innerText()).toContain(name);
      if (account !== 'core-principal') expect(await page.getByTestId('home').innerText()).toContain('管理');
      await page.close();
    }
  });

  it('raised no uncaught page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
