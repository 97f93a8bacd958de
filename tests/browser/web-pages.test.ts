import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPolicy from '../../infra/web.json' with { type: 'json' };
import { api, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { publishedSession } from '../support/sessions.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every CSP refusal the page meets, as the console reports it and as the securitypolicyviolation event does. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => (window.cspViolations ??= []).push(e.violatedDirective + ' ' + e.blockedURI));",
  });
  return async () => [...seen, ...((await page.evaluate('window.cspViolations ?? []')) as string[])];
}

/** A page of the shared browser profile with no login of the app in its storage (a phone camera's browser). */
async function loggedOutPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack().url}/v1/health`);
  await page.evaluate('localStorage.clear()');
  return page;
}

describe('the web pages under the Content-Security-Policy', () => {
  it('the venue display is its own small page: it shows the code with an alt text, under the CSP, without a violation', async () => {
    const { session, organizerToken } = await publishedSession({ title: '大屏页面测试', geofence: 'off' });
    const link = await api<{ url: string }>('GET', `/v1/sessions/${session.id}/display-link`, { token: organizerToken });
    const page = await browser.newPage();
    const violations = await watchCsp(page);
    const scripts: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(req.url());
    });
    const response = await page.goto(link.body.url);
    expect(response?.headers()['content-security-policy']).toBe(webPolicy.contentSecurityPolicy);
    await expect.poll(() => page.getByTestId('display-title').innerText(), { timeout: 20_000 }).toContain('大屏页面测试');
    const image = page.getByTestId('display-qr').locator('img');
    await expect.poll(() => image.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await image.getAttribute('alt')).toBe('签到二维码，请用微信扫码签到');
    await expect.poll(() => page.getByTestId('display-countdown').innerText()).toMatch(/\d+ 秒后刷新/);

    await page.getByTestId('display-toggle').click();
    await expect.poll(() => image.getAttribute('alt')).toBe('签退二维码，请用微信扫码签退');
    await expect.poll(() => page.getByTestId('display-signed-out').innerText()).toBe('0');
    // The code is drawn off the main thread, by the page's own script as a worker.
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([expect.stringMatching(/^\/js\/display\.[0-9a-f]{8}\.js$/)]);
    // Not the app: one small script (which also draws the codes in a worker).
    expect([...new Set(scripts.map((s) => new URL(s).pathname))]).toEqual([expect.stringMatching(/^\/js\/display\.[0-9a-f]{8}\.js$/)]);
    expect(await violations()).toEqual([]);
  });

  it('a display link with a wrong key says so', async () => {
    const { session } = await publishedSession({ geofence: 'off' });
    const page = await browser.newPage();
    await page.goto(`${stack().url}/display/${session.id}?key=not-the-key`);
    await expect.poll(() => page.getByTestId('display-error').innerText(), { timeout: 20_000 }).toBe('展示链接无效');
  });

  it('the QR landing is its own small page: a phone without a login sees the session and the call to sign in, then signs in through the app', async () => {
    const { session, organizerToken } = await publishedSession({ title: '扫码落地页浏览器测试', geofence: 'off' });
    const qr = await api<{ url: string }>('GET', `/v1/sessions/${session.id}/qr`, { token: organizerToken });
    const page = await loggedOutPage();
    const violations = await watchCsp(page);
    const scripts: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname);
    });
    const response = await page.goto(qr.body.url);
    expect(response?.headers()['content-security-policy']).toBe(webPolicy.contentSecurityPolicy);
    expect(await page.locator('meta[name=viewport]').getAttribute('content')).not.toMatch(/user-scalable=no|maximum-scale/);
    await expect.poll(() => page.getByTestId('landing-title').innerText(), { timeout: 20_000 }).toBe('扫码落地页浏览器测试');
    expect(await page.getByTestId('landing-meta').innerText()).toContain('明湖区实验小学 报告厅');
    const action = page.getByTestId('landing-action');
    expect(await action.innerText()).toBe('打开联研签到');
    const token = new URL(qr.body.url).pathname.split('/').pop();
    expect(await action.getAttribute('href')).toMatch(new RegExp(`^/#/packages/signin/scan/index\\?sessionId=${session.id}&token=${token}&purpose=in&scancode_time=\\d+$`));
    // Not the app: one small script.
    expect(scripts).toEqual([expect.stringMatching(/^\/js\/landing\.[0-9a-f]{8}\.js$/)]);
    expect(await violations()).toEqual([]);

    // The call opens the app's sign-in; without a login there, the (local) login comes first and then the sign-in.
    await action.click();
    await page.getByTestId('dev-account-core-teacher-6').click();
    await expect.poll(() => page.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toMatch(/签到成功|迟到/);
    const roster = await api<{ items: Array<{ userId: string }> }>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken });
    expect(roster.body.items.map((item) => item.userId)).toEqual(['u-core-teacher-6']);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('the QR landing says so when the code is not one of the session’s', async () => {
    const { session } = await publishedSession({ geofence: 'off' });
    const page = await loggedOutPage();
    await page.goto(`${stack().url}/s/${session.id}/${'A'.repeat(22)}`);
    await expect.poll(() => page.getByTestId('landing-title').innerText(), { timeout: 20_000 }).toBe('二维码无效，请扫描本次活动现场的二维码');
    expect(await page.getByTestId('landing-action').isVisible()).toBe(false);
    await page.close();
  });

  it('the app (home, and the QR landing, which goes straight on to the sign-in with a login) runs under the CSP without a violation, and lets people zoom', async () => {
    const { session, organizerToken } = await publishedSession({ geofence: 'off' });
    const qr = await api<{ url: string }>('GET', `/v1/sessions/${session.id}/qr`, { token: organizerToken });
    const page = await browser.newPage();
    const violations = await watchCsp(page);
    const home = await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    expect(home?.headers()['content-security-policy']).toBe(webPolicy.contentSecurityPolicy);
    expect(await page.locator('meta[name=viewport]').getAttribute('content')).not.toMatch(/user-scalable=no|maximum-scale/);
    await page.getByTestId('dev-account-core-teacher-5').click();
    await page.getByTestId('home').waitFor();
    // The loading screen painted before the script runs is gone once the app shows.
    expect(await page.locator('.boot').isVisible()).toBe(false);
    await page.goto(qr.body.url);
    await expect.poll(() => page.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toMatch(/签到成功|迟到/);
    expect(await violations()).toEqual([]);
  });
});
