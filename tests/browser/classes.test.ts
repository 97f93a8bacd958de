import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResult, ClassList, Federation, Invite, School, User } from '@lianyan/shared';
import { agreeToTexts, api, devLogin, stack, uniqueId, wechatLogin } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let adminPhone: Browser;
let parentPhone: Browser;

beforeAll(async () => {
  adminPhone = await launchBrowser();
  parentPhone = await launchBrowser();
});
afterAll(async () => {
  await adminPhone?.close();
  await parentPhone?.close();
});

/** A page signed in as this user, as the app's own login would leave it (Taro keeps `{ data }` in localStorage). */
async function signedIn(browser: Browser, auth: AuthResult): Promise<Page> {
  await agreeToTexts(auth.token);
  const page = await browser.newPage();
  const entries = { 'lianyan.accessToken': auth.token, 'lianyan.refreshToken': auth.refreshToken, 'lianyan.user': auth.user };
  await page.addInitScript({
    content: `for (const [k, v] of Object.entries(${JSON.stringify(entries)})) localStorage.setItem(k, JSON.stringify({ data: v }));`,
  });
  return page;
}

/** A new school in a federation of its own, and a new WeChat user who became its school admin by invite. */
async function newSchoolWithAdmin() {
  const { token } = await devLogin('district-admin');
  const federation = await api<Federation>('POST', '/v1/federations', { token, body: { name: `班级浏览器校联体${uniqueId('f').slice(-5)}`, kind: 'alliance' } });
  const school = await api<School>('POST', `/v1/federations/${federation.body.id}/schools`, { token, body: { name: `班级浏览器小学${uniqueId('s').slice(-6)}`, stage: 'primary' } });
  const invite = await api<Invite>('POST', '/v1/invites', { token, body: { role: 'schoolAdmin', scope: { schoolId: school.body.id } } });
  const login = await wechatLogin(uniqueId('o-class-admin'));
  const admin = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.token, body: { code: invite.body.code, name: '周校管' } });
  expect(admin.status).toBe(200);
  return { school: school.body, admin: admin.body };
}

describe('班级管理 in the browser', () => {
  it('a school admin sets up the year’s classes; a parent binds to one of them; a class with a child cannot be removed', async () => {
    const { school, admin } = await newSchoolWithAdmin();
    const page = await signedIn(adminPhone, admin);
    await page.goto(`${stack().url}/#/pages/index/index`);
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-classes').click();
    await page.getByTestId('classes-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('classes-school').innerText(), { timeout: 15_000 }).toBe(school.name);
    await expect.poll(() => page.getByTestId('classes-page').innerText(), { timeout: 15_000 }).toContain('还没有班级');

    // 一年级 × 3 and 二年级 × 2 in bulk; 一年级(3)班 renamed, 二年级(2)班 removed again.
    for (const [grade, count] of [['一年级', '3'], ['二年级', '2']] as const) {
      await page.getByTestId(`classes-grade-${grade}`).click();
      await page.getByTestId('classes-count').locator('input').fill(count);
      await page.getByTestId('classes-add').click();
    }
    await page.getByTestId('classes-add').click();
    await expect.poll(() => page.getByTestId('field-grade').innerText()).toContain('班级数应为 1 到 30');
    await page.getByTestId('class-rename-一年级(3)班').click();
    await page.getByTestId('classes-rename-input').locator('input').fill('一年级（实验）班');
    await page.getByTestId('classes-rename-ok').click();
    await page.getByTestId('class-remove-二年级(2)班').click();
    await expect.poll(() => page.getByTestId('classes-list').innerText()).toContain('一年级(实验)班');
    await page.screenshot({ path: 'test-results/classes-draft.png', fullPage: true });
    await page.getByTestId('classes-save').click();

    const saved = async () => (await api<ClassList>('GET', `/v1/schools/${school.id}/classes`, { token: admin.token })).body.classes.map((c) => c.name);
    await expect.poll(saved, { timeout: 15_000 }).toEqual(['一年级(1)班', '一年级(2)班', '一年级(实验)班', '二年级(1)班']);
    await expect.poll(() => page.getByTestId('classes-save').innerText()).toBe('已保存');

    // A parent with the school's invite picks 一年级 → (2)班.
    const invite = await api<Invite>('POST', '/v1/invites', { token: admin.token, body: { role: 'parent', scope: { schoolId: school.id }, maxUses: 10 } });
    const parent = await wechatLogin(uniqueId('o-class-parent'));
    const bind = await signedIn(parentPhone, parent);
    await bind.goto(`${stack().url}/#/packages/family/bind/index`);
    await bind.getByTestId('family-bind').waitFor({ timeout: 20_000 });
    await bind.getByTestId('family-bind-inviteCode').locator('input').fill(invite.body.code);
    await bind.getByTestId('family-bind-grade-一年级').click();
    await expect.poll(() => bind.getByTestId('family-bind-classes').innerText()).toContain('(实验)班');
    await bind.getByTestId('family-bind-class-一年级(2)班').click();
    await bind.getByTestId('family-bind-childName').locator('input').fill('周小满');
    await bind.getByTestId('family-bind-consent').click();
    await bind.screenshot({ path: 'test-results/classes-bind.png', fullPage: true });
    await bind.getByTestId('family-bind-submit').click();
    await expect.poll(() => bind.getByTestId('family-children').innerText(), { timeout: 20_000 }).toContain('周小满');
    const me = await api<User>('GET', '/v1/me', { token: parent.token });
    expect(me.body.children).toMatchObject([{ name: '周小满', schoolId: school.id, grade: '一年级', className: '一年级(2)班' }]);

    // Back on the class page: removing the class the child is in is refused, and says which class.
    await page.reload();
    await page.getByTestId('class-remove-一年级(2)班').click({ timeout: 20_000 });
    await page.getByTestId('classes-save').click();
    await expect.poll(() => page.getByTestId('classes-save-error').innerText(), { timeout: 15_000 }).toMatch(/「一年级\(2\)班」（1 名学生）.*不能删除/);
    expect(await saved()).toContain('一年级(2)班');
  });

  it('tells a parent when the school has no classes yet, without binding', async () => {
    const { school, admin } = await newSchoolWithAdmin();
    const invite = await api<Invite>('POST', '/v1/invites', { token: admin.token, body: { role: 'parent', scope: { schoolId: school.id } } });
    const parent = await wechatLogin(uniqueId('o-class-parent'));
    const bind = await signedIn(parentPhone, parent);
    await bind.goto(`${stack().url}/#/packages/family/bind/index`);
    await bind.getByTestId('family-bind-inviteCode').locator('input').fill(invite.body.code);
    await expect.poll(() => bind.getByTestId('family-bind-no-classes').innerText(), { timeout: 20_000 }).toContain(`${school.name}还没有设置本学年的班级`);
    await bind.getByTestId('family-bind-submit').click();
    expect((await api<User>('GET', '/v1/me', { token: parent.token })).body.children ?? []).toEqual([]);
  });

  it('raised no uncaught page errors', () => {
    expect(adminPhone.errors).toEqual([]);
    expect(parentPhone.errors).toEqual([]);
  });
});
