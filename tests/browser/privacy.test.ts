import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_VERSION, type AuthResult, type User } from '@lianyan/shared';
import { api, devLogin, stack, uniqueId } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { testTable } from '../support/db.ts';
import { freshClass, listClassOfInvite, parentInvite } from '../support/family.ts';
import { currentQr, publishedSession } from '../support/sessions.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let phone: Browser;

beforeAll(async () => {
  phone = await launchBrowser();
});
afterAll(async () => {
  await phone?.close();
});

const me = async (account: string) => (await api<User>('GET', '/v1/me', { token: (await devLogin(account)).token })).body;

describe('the privacy sheet (issue 22)', () => {
  it('asks at first login and before the location; refused, the sign-in goes on without it; agreed, the location is read and the consent recorded', async () => {
    // A demo teacher who has not agreed yet (the seed agrees for every demo account).
    const account = 'qingshan-principal';
    const { db, table } = testTable();
    await db.send(new UpdateCommand({ TableName: table, Key: { PK: `USER#u-${account}`, SK: 'PROFILE' }, UpdateExpression: 'REMOVE consentVersion, consentAt' }));
    expect((await me(account)).consent).toBeUndefined();

    const page = await phone.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId(`dev-account-${account}`).click();
    await page.getByTestId('home').waitFor();
    const sheet = page.getByTestId('privacy-sheet');
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sheet.innerText()).toContain('《隐私政策》');
    await page.getByTestId('privacy-refuse').click();
    await sheet.waitFor({ state: 'detached' });

    // Refused at the location: the sign-in still goes through, marked 未获取定位.
    const first = await publishedSession({ geofence: 'flag', title: '隐私：拒绝定位', audience: { type: 'federation' } });
    await page.goto((await currentQr(first.session.id, first.organizerToken)).url);
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sheet.innerText()).toContain('不提供位置也能签到');
    await page.getByTestId('privacy-refuse').click();
    await expect.poll(() => page.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toMatch(/签到成功|迟到/);
    await page.getByTestId('signin-no-location').waitFor();
    expect((await me(account)).consent).toBeUndefined();

    // Agreed: the position is read (the browser grants it) and the consent is on the profile.
    await phone.context.grantPermissions(['geolocation'], { origin: stack().url });
    await phone.context.setGeolocation({ latitude: 30.2741, longitude: 120.1551, accuracy: 15 });
    const second = await publishedSession({ geofence: 'flag', title: '隐私：同意定位', audience: { type: 'federation' } });
    await page.goto((await currentQr(second.session.id, second.organizerToken)).url);
    await sheet.waitFor({ timeout: 20_000 });
    await page.getByTestId('privacy-agree').click();
    await expect.poll(() => page.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toMatch(/签到成功|迟到/);
    expect(await page.getByTestId('signin-no-location').count()).toBe(0);
    await page.screenshot({ path: 'test-results/privacy-signed-in.png', fullPage: true });
    const consent = (await me(account)).consent;
    expect(consent?.version).toBe(LEGAL_VERSION);
    const roster = await api<{ items: Array<{ userId: string; distanceM?: number; flags: string[] }> }>('GET', `/v1/sessions/${second.session.id}/attendance`, {
      token: second.organizerToken,
    });
    const row = roster.body.items.find((i) => i.userId === `u-${account}`);
    expect(row?.flags).not.toContain('no_location');
    expect(row?.distanceM).toEqual(expect.any(Number));

    // Agreed once: the home page no longer asks; 我的 → 隐私与协议 shows the agreement.
    await page.goto(`${stack().url}/#/pages/index/index?tab=mine`);
    await page.getByTestId('mine-legal').click();
    await expect.poll(() => page.getByTestId('legal-consent').getAttribute('data-current'), { timeout: 20_000 }).toBe('yes');
    expect(await page.getByTestId('legal-doc').innerText()).toContain(`版本 ${LEGAL_VERSION}`);
    expect(await sheet.count()).toBe(0);
  });

  it('lets a new parent agree at first login and remove a child from 我的', async () => {
    const account = `pp${uniqueId('p').slice(-8).replace(/[^a-z0-9]/g, '')}`;
    const created = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } });
    expect(created.status).toBe(200);
    const invite = await parentInvite({ maxUses: 1 });
    const className = freshClass();
    await listClassOfInvite(invite.code, className);
    const bound = await api<AuthResult>('POST', '/v1/parents/bind', {
      token: created.body.token,
      body: { inviteCode: invite.code, childName: '隐私小孩', className, guardianConsent: true },
    });
    expect(bound.status).toBe(200);
    const childId = bound.body.user.children?.[0]?.id as string;

    const page = await phone.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId(`dev-account-${account}`).click();
    await page.getByTestId('privacy-sheet').waitFor({ timeout: 20_000 });
    await page.getByTestId('privacy-agree').click();
    await page.getByTestId('privacy-sheet').waitFor({ state: 'detached' });
    await expect.poll(async () => (await me(account)).consent?.version).toBe(LEGAL_VERSION);

    await page.getByTestId('nav-mine').click();
    const row = page.getByTestId(`mine-child-${childId}`);
    await row.waitFor({ timeout: 20_000 });
    await page.getByTestId(`mine-child-remove-${childId}`).click();
    expect(await page.getByTestId(`mine-child-remove-${childId}`).innerText()).toContain('确认解除');
    await page.getByTestId(`mine-child-remove-${childId}`).click();
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    expect((await me(account)).children ?? []).toEqual([]);
  });

  it('raised no uncaught page errors', () => {
    expect(phone.errors).toEqual([]);
  });
});
