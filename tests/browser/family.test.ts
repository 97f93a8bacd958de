import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FamilyHistory } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { familySession } from '../support/family.ts';
import { decodeQr } from '../support/qr.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let projector: Browser;
let phone: Browser;

beforeAll(async () => {
  projector = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  phone = await launchBrowser();
});
afterAll(async () => {
  await projector?.close();
  await phone?.close();
});

async function readQr(element: Locator): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const text = decodeQr(await element.screenshot());
    if (text) return text;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('no readable QR code on the display page');
}

describe('家长学校 in the browser', () => {
  it('a demo parent binds a child with the invite, registers, signs in by the decoded QR and sees the session in the history', async () => {
    const { session, organizerToken } = await familySession({
      title: '幼小衔接家长讲座（浏览器）',
      audience: { type: 'parents', schoolIds: ['sch-core'], grades: ['一年级'] },
      capacity: 30,
      topic: 'kindergarten_primary',
      speaker: '周慧敏',
    });

    const page = await phone.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-parent-3').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-family').click();
    await page.getByTestId('family-children').waitFor({ timeout: 20_000 });
    // parent-3's child is in 三年级: this session is for 一年级, so it is not listed yet.
    expect(await page.getByTestId(`family-session-${session.id}`).count()).toBe(0);

    await page.getByTestId('family-bind-link').click();
    await page.getByTestId('family-bind').waitFor({ timeout: 20_000 });
    await page.getByTestId('family-bind-inviteCode').locator('input').fill('JZXX2026');
    await page.getByTestId('family-bind-childName').locator('input').fill('乐乐妹妹');
    // The class is picked from the school's list: grade, then class.
    await page.getByTestId('family-bind-grade-一年级').click();
    await page.getByTestId('family-bind-class-一年级(5)班').click();
    await page.getByTestId('family-bind-phone').locator('input').fill('13812345678');
    await page.getByTestId('family-bind-consent').click();
    await page.getByTestId('family-bind-submit').click();

    const row = page.getByTestId(`family-session-${session.id}`);
    await row.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('family-children').innerText()).toContain('乐乐妹妹');
    expect(await row.innerText()).toContain('剩余 30 个名额');
    await page.getByTestId('family-filter-primary_junior').click();
    await expect.poll(() => row.count()).toBe(0);
    await page.getByTestId('family-filter-kindergarten_primary').click();
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('family-register').click();
    await expect.poll(() => row.getByTestId('family-session-status').innerText(), { timeout: 15_000 }).toBe('已报名');
    expect(await row.innerText()).toContain('取消报名');
    await page.screenshot({ path: 'test-results/family-registered.png', fullPage: true });

    const link = await api<{ url: string }>('GET', `/v1/sessions/${session.id}/display-link`, { token: organizerToken });
    const display = await projector.newPage();
    await display.goto(link.body.url);
    await display.getByTestId('display-qr').waitFor({ timeout: 20_000 });
    const qrUrl = await readQr(display.getByTestId('display-qr'));
    expect(qrUrl).toMatch(new RegExp(`^${stack().url}/s/${session.id}/`));

    await page.goto(qrUrl);
    await expect.poll(() => page.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toMatch(/签到成功/);
    await expect.poll(async () => (await display.getByTestId('display-signed-in').innerText()).trim(), { timeout: 15_000 }).toBe('1');

    await page.goto(`${stack().url}/#/packages/family/history/index`);
    const entry = page.getByTestId(`history-session-${session.id}`);
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.innerText()).toContain('幼小衔接家长讲座（浏览器）');
    expect(await entry.innerText()).toContain('1.5 学时');
    await page.screenshot({ path: 'test-results/family-history.png', fullPage: true });

    const { token } = await devLogin('parent-3');
    const history = await api<FamilyHistory>('GET', '/v1/family/history', { token });
    expect(history.body.years.flatMap((y) => y.sessions.map((s) => s.sessionId))).toContain(session.id);
    // The phone typed on the bind page is never shown in full.
    expect(await page.content()).not.toContain('13812345678');
  });

  it('shows a school admin the parent-school overview', async () => {
    const page = await phone.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-core-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-parent-school').click();
    await page.getByTestId('parent-school-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('report-quota').innerText(), { timeout: 20_000 }).toContain('本学期家长学校活动');
    await expect.poll(() => page.getByTestId('report-classes').innerText()).toContain('一年级(5)班');
    await page.screenshot({ path: 'test-results/parent-school-report.png', fullPage: true });
  });

  it('raised no uncaught page errors', () => {
    expect(projector.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });
});
