import type { PeoplePage } from '@lianyan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await browser?.close();
});

// 西区's core school (the seed's second federation): the teachers added here change no 城东 figure.
const SCHOOL = 'sch-xiqu-core';

describe('教师名册', () => {
  it('lets a school admin search, add, edit and mark a teacher as left', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-xiqu-core-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-people').click();
    await page.getByTestId('people-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('people-school-name').innerText(), { timeout: 20_000 }).toContain('西区实验学校');
    // One school: no picker.
    expect(await page.getByTestId('people-school-picker').count()).toBe(0);
    await page.getByTestId('people-list').waitFor({ timeout: 20_000 });
    const seededTeacher = page.getByTestId('person-u-xiqu-teacher-1');
    await expect.poll(() => seededTeacher.innerText()).toContain('已登录');

    // Search: nothing, then the seeded teacher by name.
    const tag = Date.now().toString(36).slice(-4);
    await page.getByTestId('people-search').locator('input').fill(`无此人${tag}`);
    await page.getByTestId('people-search-go').click();
    await expect.poll(() => page.getByTestId('people-empty').innerText(), { timeout: 15_000 }).toContain('没有找到匹配的教师');

    // Add: a bad phone is refused in the form, then a good one.
    const name = `名册测${tag}`;
    const phone = `136${String(Date.now() % 1e8).padStart(8, '0')}`;
    await page.getByTestId('people-add').click();
    await page.getByTestId('person-name').locator('input').fill(name);
    await page.getByTestId('person-phone').locator('input').fill('12345');
    await page.getByTestId('person-save').click();
    await expect.poll(() => page.getByTestId('error-person-phone').innerText()).toContain('11 位手机号');
    await page.getByTestId('person-phone').locator('input').fill(phone);
    await page.getByTestId('person-position-group_leader').click();
    await page.getByTestId('person-subject-语文').click();
    await page.getByTestId('person-subject-英语').click();
    await page.getByTestId('person-grade-四年级').click();
    await page.getByTestId('person-title-backbone').click();
    await page.getByTestId('person-save').click();
    await page.getByTestId('person-sheet').waitFor({ state: 'detached', timeout: 15_000 });

    const { token } = await devLogin('xiqu-core-admin');
    const find = async () => (await api<PeoplePage>('GET', `/v1/schools/${SCHOOL}/people?q=${encodeURIComponent(name)}`, { token })).body.items[0];
    await expect.poll(async () => (await find())?.status, { timeout: 15_000 }).toBe('invited');
    const added = (await find())!;
    expect(added).toMatchObject({ position: 'group_leader', subjects: ['语文', '英语'], grades: ['四年级'], titles: ['backbone'], schoolIds: [SCHOOL] });

    await page.getByTestId('people-search').locator('input').fill(name);
    await page.getByTestId('people-search-go').click();
    const row = page.getByTestId(`person-${added.id}`);
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('待登录');
    const text = await row.innerText();
    expect(text).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(text).not.toContain(phone);
    expect(text).toMatch(/教研组长 · 语文、英语 · 四年级 · 骨干教师/);

    // Edit: another subject and grade; the phone left blank keeps the number.
    await page.getByTestId(`person-edit-${added.id}`).click();
    await page.getByTestId('person-subject-英语').click();
    await page.getByTestId('person-subject-数学').click();
    await page.getByTestId('person-grade-五年级').click();
    await page.getByTestId('person-save').click();
    await page.getByTestId('person-sheet').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await find())?.subjects, { timeout: 15_000 }).toEqual(['语文', '数学']);
    expect((await find())).toMatchObject({ grades: ['四年级', '五年级'], phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}` });
    await expect.poll(() => row.innerText()).toContain('语文、数学');

    // 离校, confirmed: the row shows 已离校, and the roster keeps showing them so after the teachers (also after a reload).
    await page.getByTestId(`person-leave-${added.id}`).click();
    await page.locator('.taro-model__confirm').click();
    await expect.poll(() => page.getByTestId(`person-status-${added.id}`).innerText(), { timeout: 15_000 }).toBe('已离校');
    await expect.poll(async () => (await find())?.status, { timeout: 15_000 }).toBe('left');
    await page.reload();
    await expect.poll(() => page.getByTestId(`person-status-${added.id}`).innerText(), { timeout: 20_000 }).toBe('已离校');
    await page.screenshot({ path: 'test-results/people.png', fullPage: true });
  });

  it('gives a federation admin a school picker', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-xiqu-fed-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.goto(`${stack().url}/#/packages/admin/people/index?schoolId=sch-xiqu-hexi`);
    await expect.poll(() => page.getByTestId('people-school-name').innerText(), { timeout: 20_000 }).toContain('河西小学');
    await expect.poll(() => page.getByTestId('person-u-xiqu-teacher-2').innerText(), { timeout: 20_000 }).toContain('数学');
    await page.getByTestId('people-school-sch-xiqu-shanbei').click();
    await expect.poll(() => page.getByTestId('people-school-name').innerText(), { timeout: 20_000 }).toContain('山北乡小学');
    await expect.poll(() => page.getByTestId('people-empty').innerText(), { timeout: 15_000 }).toContain('名册里还没有教师');
  });

  it('shows the district admin what is set up and what is missing, with where to fix it', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-district-admin').click();
    const card = page.getByTestId('setup-status');
    await card.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('setup-status-figures').innerText()).toMatch(/\d+ 个校联体 · \d+ 所学校 · 教师 \d+ 人已登录、\d+ 人待登录/);
    // 西区's 河西小学 and 山北乡小学 have no school admin and no invite (seeded so).
    const gap = page.getByTestId('setup-gap-fed-xiqu-admins');
    await expect.poll(() => gap.innerText()).toMatch(/河西小学、山北乡小学 没有学校管理员或邀请/);
    await gap.getByText('生成管理员邀请码').click();
    await page.getByTestId('invites-page').waitFor({ timeout: 20_000 });
  });

  it('raised no uncaught page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
