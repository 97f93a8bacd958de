import type { AuthResult } from '@lianyan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, stack, uniqueId, wechatLogin } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('邀请码 management', () => {
  it('lets a school admin create a teacher invite that a newcomer redeems', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-core-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-invites').click();

    await page.getByTestId('invites-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('invite-scope').innerText()).toContain('明湖区实验小学');
    await page.getByTestId('invite-role').getByText('教师', { exact: true }).click();
    await page.getByTestId('invite-note').locator('input').fill('浏览器测试');
    await page.getByTestId('invite-submit').click();

    const codeText = page.getByTestId('invite-code');
    await codeText.waitFor({ timeout: 15_000 });
    const code = (await codeText.innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await expect.poll(() => page.getByTestId('invite-list').innerText()).toContain(code);
    await page.screenshot({ path: 'test-results/invites-created.png', fullPage: true });

    const newcomer = await wechatLogin(uniqueId('o-invitee'));
    const redeemed = await api<AuthResult>('POST', '/v1/invites/redeem', { token: newcomer.token, body: { code, name: '孙雨桐' } });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.user.roles).toEqual([{ role: 'teacher', scope: { schoolId: 'sch-core' } }]);

    await page.reload();
    const item = page.getByTestId(`invite-item-${code}`);
    await expect.poll(() => item.innerText(), { timeout: 20_000 }).toContain('已用 1/1');
    expect(await item.innerText()).toContain('浏览器测试');
    await page.screenshot({ path: 'test-results/invites-list.png', fullPage: true });
  });

  it('raised no uncaught page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
