import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResult, User } from '@lianyan/shared';
import { agreeToTexts, api, stack, uniqueId } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let phone: Browser;

beforeAll(async () => {
  phone = await launchBrowser();
});
afterAll(async () => {
  await phone?.close();
});

describe('我的 → 隐私与协议 → 下载我的数据 / 注销账号 (issue 22)', () => {
  it('makes the copy, asks for 注销 with what is kept, shows the cooling-off, cancels it, and a new login cancels it too', async () => {
    const account = `md${uniqueId('m').slice(-8).replace(/[^a-z0-9]/g, '')}`;
    const created = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } });
    expect(created.status).toBe(200);
    await agreeToTexts(created.body.token);
    const me = async () => (await api<User>('GET', '/v1/me', { token: created.body.token })).body;

    const page = await phone.newPage();
    const login = async () => {
      await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
      await page.getByTestId(`dev-account-${account}`).click();
      await page.getByTestId('home').waitFor({ timeout: 20_000 });
    };
    await login();
    await page.goto(`${stack().url}/#/pages/index/index?tab=mine`);
    await page.getByTestId('mine-legal').click();
    await page.getByTestId('legal-my-data').click();
    await page.getByTestId('my-data-page').waitFor({ timeout: 20_000 });

    await page.getByTestId('my-data-export-build').click();
    await page.getByTestId('my-data-export-ready').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('my-data-export-name').innerText()).toMatch(/联研-个人信息副本-\d{4}-\d{2}-\d{2}\.zip/);

    const card = page.getByTestId('my-data-deletion');
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 20_000 }).toBe('no');
    expect(await card.innerText()).toContain('学校须保留');
    await page.getByTestId('my-data-deletion-confirm').locator('input').fill('注销');
    await page.getByTestId('my-data-deletion-submit').click();
    await page.locator('.taro-model__confirm').click();
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 20_000 }).toBe('yes');
    expect(await page.getByTestId('my-data-deletion-state').innerText()).toMatch(/还剩 15 天/);
    expect((await me()).deletion).toBeDefined();
    await page.screenshot({ path: 'test-results/my-data-pending.png', fullPage: true });

    await page.getByTestId('my-data-deletion-cancel').click();
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 20_000 }).toBe('no');
    expect((await me()).deletion).toBeUndefined();

    // Asked again, then a login during the cooling-off cancels it and says so.
    await page.getByTestId('my-data-deletion-confirm').locator('input').fill('注销');
    await page.getByTestId('my-data-deletion-submit').click();
    await page.locator('.taro-model__confirm').click();
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 20_000 }).toBe('yes');
    await login();
    await expect.poll(() => page.locator('.taro-modal__content, .taro-modal__title').first().innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/注销申请已撤销|冷静期/);
    expect((await me()).deletion).toBeUndefined();
  });

  it('raised no uncaught page errors', () => {
    expect(phone.errors).toEqual([]);
  });
});
