import { currentSchoolYear, type Federation, type FederationWithSchools, type School } from '@lianyan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('组织架构', () => {
  it('lets the district admin create a federation, add schools, name the core school and place a school', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-district-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-organization').click();
    await page.getByTestId('org-page').waitFor({ timeout: 20_000 });

    const name = `浏览器教育集团${Date.now().toString(36).slice(-4)}`;
    await page.getByTestId('federation-name').locator('input').fill(name);
    await page.getByTestId('federation-kind-group').click();
    await page.getByTestId('federation-create').click();

    const { token } = await devLogin('district-admin');
    const find = async () => (await api<{ items: FederationWithSchools[] }>('GET', '/v1/federations', { token })).body.items.find((f) => f.federation.name === name);
    await expect.poll(async () => (await find())?.federation.kind, { timeout: 15_000 }).toBe('group');
    const federationId = (await find())!.federation.id;
    const card = page.getByTestId(`org-federation-${federationId}`);
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('还没有学校');

    for (const [i, school] of [`${name}第一小学`, `${name}第二小学`].entries()) {
      await page.getByTestId(`org-add-school-${federationId}`).click();
      await page.getByTestId('school-name').locator('input').fill(school);
      if (i === 1) await page.getByTestId('school-rural').click();
      await page.getByTestId('school-save').click();
      await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain(school);
    }
    await page.getByTestId(`org-add-school-${federationId}`).click();
    await page.getByTestId('school-name').locator('input').fill('一');
    await page.getByTestId('school-save').click();
    await expect.poll(() => page.getByTestId('error-school-name').innerText()).toMatch(/至少 2 个字/);
    await page.getByTestId('school-cancel').click();

    let federation = (await find())!;
    expect(federation.schools.filter((s) => s.isCore).map((s) => s.name)).toEqual([`${name}第一小学`]);
    const second = federation.schools.find((s) => s.name === `${name}第二小学`)!;
    expect(second.rural).toBe(true);

    await page.getByTestId(`org-edit-${second.id}`).click();
    await page.getByTestId('school-core').click();
    await page.getByTestId('school-lat').locator('input').fill('30.2741');
    await page.getByTestId('school-lng').locator('input').fill('120.1551');
    await page.getByTestId('school-address').locator('input').fill('城西路 2 号');
    await page.getByTestId('school-save').click();
    await expect.poll(async () => (await find())?.federation.coreSchoolId, { timeout: 15_000 }).toBe(second.id);
    federation = (await find())!;
    expect(federation.schools.find((s) => s.id === second.id)).toMatchObject({ isCore: true, address: '城西路 2 号', location: { lat: 30.2741, lng: 120.1551 } });
    await expect.poll(() => page.getByTestId(`org-school-${second.id}`).innerText()).toContain('核心校');
    await expect.poll(() => page.getByTestId('org-status').innerText()).toContain('1 所学校未设置位置');
    await page.screenshot({ path: 'test-results/organization.png', fullPage: true });
  });

  it('shows a move pending from next school year and lets the district admin cancel it', async () => {
    const { token } = await devLogin('district-admin');
    const tag = Date.now().toString(36).slice(-4);
    const federation = async (name: string) => (await api<Federation>('POST', '/v1/federations', { token, body: { name, kind: 'alliance' } })).body;
    const [from, to] = [await federation(`调出联盟${tag}`), await federation(`调入联盟${tag}`)];
    const school = async (federationId: string, name: string) => (await api<School>('POST', `/v1/federations/${federationId}/schools`, { token, body: { name, stage: 'primary' } })).body;
    await school(from.id, `调出核心校${tag}`);
    const moving = await school(from.id, `调出小学${tag}`);
    const next = Number(currentSchoolYear().slice(0, 4)) + 1;
    const pending = await api<School>('PATCH', `/v1/schools/${moving.id}`, { token, body: { federationId: to.id, fromSchoolYear: `${next}-${next + 1}` } });
    expect(pending.body.pendingMove?.federationId).toBe(to.id);

    const page = await browser.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-district-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.goto(`${stack().url}/#/packages/admin/organization/index`);
    const notice = page.getByTestId(`org-move-${moving.id}`);
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain(`将于 ${next}学年 转入「调入联盟${tag}」`);
    // Still listed under the federation it is in now.
    expect(await page.getByTestId(`org-federation-${from.id}`).innerText()).toContain(`调出小学${tag}`);

    await page.getByTestId(`org-federation-${from.id}`).screenshot({ path: 'test-results/organization-pending-move-before.png' });
    await page.getByTestId(`org-move-cancel-${moving.id}`).click();
    await page.locator('.taro-model__confirm').click();
    await expect.poll(async () => (await api<School>('GET', `/v1/schools/${moving.id}`, { token })).body.pendingMove, { timeout: 15_000 }).toBeUndefined();
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await page.screenshot({ path: 'test-results/organization-pending-move.png', fullPage: true });
  });

  it('raised no uncaught page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
