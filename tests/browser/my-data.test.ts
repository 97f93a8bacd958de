import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED_NAME, type AuthResult, type Federation, type School, type User } from '@lianyan/shared';
import { eraseDueAccounts } from '@lianyan/infra/admin/deletions';
import { agreeToTexts, api, devLogin, stack, uniqueId } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { testTable } from '../support/db.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

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

  it('as a teacher: downloads the ZIP with their attendance, asks for 注销; erased, the session keeps the record without the name', async () => {
    // A new account made a teacher of a school of its own by invite, signed in to one session.
    const account = `mt${uniqueId('t').slice(-8).replace(/[^a-z0-9]/g, '')}`;
    const created = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } });
    expect(created.status).toBe(200);
    const district = (await devLogin('district-admin')).token;
    const fed = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `副本注销${uniqueId('f').slice(-6)}`, kind: 'alliance' } });
    const school = await api<School>('POST', `/v1/federations/${fed.body.id}/schools`, { token: district, body: { name: `副本注销小学${uniqueId('s').slice(-6)}`, stage: 'primary' } });
    const invite = await api<{ code: string }>('POST', '/v1/invites', { token: district, body: { role: 'teacher', scope: { schoolId: school.body.id } } });
    const teacher = await api<AuthResult>('POST', '/v1/invites/redeem', { token: created.body.token, body: { code: invite.body.code, name: '副本注销老师' } });
    expect(teacher.status).toBe(200);
    await agreeToTexts(teacher.body.token);
    const { session, organizerToken } = await publishedSession({ geofence: 'off', title: '副本与注销', hostSchoolId: school.body.id, audience: { type: 'federation' } }, 'district-admin');
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: teacher.body.token, body: scan(qr.token) })).status).toBe(201);

    const page = await phone.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId(`dev-account-${account}`).click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.goto(`${stack().url}/#/packages/auth/my-data/index`);
    await page.getByTestId('my-data-export-build').click();
    await page.getByTestId('my-data-export-ready').waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('my-data-export-download').click()]);
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const json = (name: string) => JSON.parse(Buffer.from(files[name]!).toString('utf8')) as unknown;
    expect(json('个人资料.json')).toMatchObject({ id: created.body.user.id, name: '副本注销老师' });
    expect(json('签到记录.json')).toEqual([expect.objectContaining({ sessionId: session.id, sessionTitle: '副本与注销' })]);

    const card = page.getByTestId('my-data-deletion');
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 20_000 }).toBe('no');
    expect((await page.getByTestId('my-data-kept').allInnerTexts()).join('')).toContain('出勤记录');
    await page.getByTestId('my-data-deletion-confirm').locator('input').fill('注销');
    await page.getByTestId('my-data-deletion-submit').click();
    await page.locator('.taro-model__confirm').click();
    await expect.poll(() => card.getAttribute('data-pending'), { timeout: 20_000 }).toBe('yes');

    // The cooling-off over, the erasure runs: the account is no one; the attendance stays, named 已注销用户.
    await eraseDueAccounts(testTable(), { clock: { now: () => new Date(Date.now() + 16 * 86_400_000) } });
    expect((await api('GET', '/v1/me', { token: teacher.body.token })).status).toBe(404);
    expect((await api('POST', '/v1/auth/dev', { body: { account } })).status).toBe(404);
    const roster = await api<{ items: Array<{ userId: string; name: string }> }>('GET', `/v1/sessions/${session.id}/attendance`, { token: organizerToken });
    expect(roster.body.items.map((i) => [i.userId, i.name])).toEqual([[created.body.user.id, ERASED_NAME]]);
  });

  it('raised no uncaught page errors', () => {
    expect(phone.errors).toEqual([]);
  });
});
