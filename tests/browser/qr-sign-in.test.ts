import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { decodeQr } from '../support/qr.ts';
import { publishedSession } from '../support/sessions.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** Screenshots the element until a real decoder reads a QR code in it (the image may still be loading). */
async function readQr(element: Locator): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const text = decodeQr(await element.screenshot());
    if (text) return text;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('no readable QR code on the display page');
}
let projector: Browser;
let phone: Browser;

beforeAll(async () => {
  projector = await launchBrowser({ viewport: { width: 1920, height: 1080 } });
  phone = await launchBrowser();
});
afterAll(async () => {
  await projector?.close();
  await phone?.close();
});

describe('QR sign-in in the browser', () => {
  it('shows a rotating QR on the display page; a teacher signs in with the decoded code and the count goes up', async () => {
    const { session, organizerToken } = await publishedSession({ title: '浏览器签到测试教研', geofence: 'off' });
    const link = await api<{ url: string }>('GET', `/v1/sessions/${session.id}/display-link`, { token: organizerToken });
    expect(link.body.url.startsWith(stack().url)).toBe(true);

    const display = await projector.newPage();
    await display.goto(link.body.url);
    await display.getByTestId('display-qr').waitFor({ timeout: 20_000 });
    await expect.poll(() => display.getByTestId('display-title').innerText()).toContain('浏览器签到测试教研');
    expect((await display.getByTestId('display-signed-in').innerText()).trim()).toBe('0');
    await display.screenshot({ path: 'test-results/display.png' });

    const qrUrl = await readQr(display.getByTestId('display-qr'));
    expect(qrUrl).toMatch(new RegExp(`^${stack().url}/s/${session.id}/[A-Za-z0-9_-]{22}$`));

    const teacher = await phone.newPage();
    await teacher.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await teacher.getByTestId('dev-account-core-teacher-3').click();
    await teacher.getByTestId('home').waitFor();
    await teacher.goto(qrUrl);
    const result = teacher.getByTestId('signin-result');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/签到成功|迟到/);
    await teacher.screenshot({ path: 'test-results/signin-result.png' });

    await expect.poll(async () => (await display.getByTestId('display-signed-in').innerText()).trim(), { timeout: 15_000 }).toBe('1');
    const roster = await api<{ items: Array<{ userId: string; method: string }> }>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken });
    expect(roster.body.items).toEqual([expect.objectContaining({ userId: 'u-core-teacher-3', method: 'qr' })]);
  });

  it('answers a second scan of the same person with 已签到', async () => {
    const { session, organizerToken } = await publishedSession({ geofence: 'off' });
    const qr = await api<{ url: string }>('GET', `/v1/sessions/${session.id}/qr`, { token: organizerToken });
    const { token } = await devLogin('core-teacher-4');
    await api('POST', `/v1/sessions/${session.id}/sign-ins`, {
      token,
      body: { token: qr.body.url.split('/').pop(), deviceId: 'device-test-0001', nonce: 'nonce-test-0001' },
    });
    const page = await phone.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-core-teacher-4').click();
    await page.getByTestId('home').waitFor();
    await page.goto(qr.body.url);
    await expect.poll(() => page.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toContain('已签到');
  });

  it('signs a teacher in to an online session with the code the display shows', async () => {
    const { session, organizerToken } = await publishedSession({ mode: 'online', venue: undefined, geofence: 'off', title: '线上教研：签到码测试' });
    const link = await api<{ url: string }>('GET', `/v1/sessions/${session.id}/display-link`, { token: organizerToken });
    const display = await projector.newPage();
    await display.goto(link.body.url);
    const shown = display.getByTestId('display-typed-code');
    await shown.waitFor({ timeout: 20_000 });
    const code = (await shown.innerText()).replace(/\D/g, '');
    expect(code).toMatch(/^\d{6}$/);

    const teacher = await phone.newPage();
    await teacher.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await teacher.getByTestId('dev-account-donghu-teacher-1').click();
    await teacher.getByTestId('home').waitFor();
    await teacher.goto(`${stack().url}/#/packages/signin/session/index?id=${session.id}`);
    await teacher.getByTestId('code-sign-in').waitFor({ timeout: 20_000 });
    await teacher.getByTestId('code-input').locator('input').fill(code);
    await teacher.getByTestId('code-submit').click();
    await expect.poll(() => teacher.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toMatch(/签到成功|迟到/);
    await expect.poll(async () => (await display.getByTestId('display-signed-in').innerText()).trim(), { timeout: 15_000 }).toBe('1');
  });

  it('raised no uncaught page errors', () => {
    expect(projector.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });
});
