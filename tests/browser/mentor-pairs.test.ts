import type { ArchiveList, MentorPairList } from '@lianyan/shared';
import { currentSchoolYear } from '@lianyan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let adminPhone: Browser;
let menteePhone: Browser;

beforeAll(async () => {
  [adminPhone, menteePhone] = await Promise.all([launchBrowser(), launchBrowser()]);
});
afterAll(async () => {
  await adminPhone?.close();
  await menteePhone?.close();
});

async function loginAs(browser: Browser, account: string) {
  const page = await browser.newPage();
  await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
  await page.getByTestId(`dev-account-${account}`).click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  return page;
}

// 西区 (the seed's second federation): the pair registered here changes no 城东 figure.
describe('师徒结对', () => {
  it('an admin registers a pair across two schools, the mentee adds a log, both archives show the pair', async () => {
    // The federation admin registers at 西区实验学校: the mentor teaches at 河西小学, the mentee here.
    const admin = await loginAs(adminPhone, 'xiqu-fed-admin');
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-mentors').click();
    await admin.getByTestId('mentors-page').waitFor({ timeout: 20_000 });
    await admin.getByTestId('mentors-school-sch-xiqu-core').click();
    await admin.getByTestId('mentors-quota').waitFor({ timeout: 20_000 });
    await admin.getByTestId('mentors-add').click();
    await admin.getByTestId('pair-sheet').waitFor();
    // Nothing chosen: said in the form.
    await admin.getByTestId('pair-sheet-save').click();
    await expect.poll(() => admin.getByTestId('pair-sheet-error').innerText()).toContain('请选择师傅');
    await admin.getByTestId('pair-mentor-school-sch-xiqu-hexi').click();
    await admin.getByTestId('pair-mentor-u-xiqu-teacher-2').click({ timeout: 20_000 });
    await admin.getByTestId('pair-mentee-u-xiqu-teacher-1').click({ timeout: 20_000 });
    await admin.getByTestId('pair-subject').locator('input').fill('语文');
    await admin.getByTestId('pair-goals').locator('textarea').fill('一学年内上好一节校级公开课');
    await admin.getByTestId('pair-sheet-save').click();
    await admin.getByTestId('pair-sheet').waitFor({ state: 'detached', timeout: 15_000 });

    const { token: adminToken } = await devLogin('xiqu-fed-admin');
    const listed = await api<MentorPairList>('GET', `/v1/schools/sch-xiqu-core/mentor-pairs?schoolYear=${currentSchoolYear()}`, { token: adminToken });
    const pair = listed.body.items.find((p) => p.mentor.id === 'u-xiqu-teacher-2' && p.mentee.id === 'u-xiqu-teacher-1' && p.subject === '语文');
    expect(pair).toMatchObject({ schoolId: 'sch-xiqu-core', mentor: { schoolId: 'sch-xiqu-hexi' }, goals: '一学年内上好一节校级公开课' });
    const row = admin.getByTestId(`mentors-pair-${pair!.id}`);
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('待考核');
    await admin.screenshot({ path: 'test-results/mentor-pairs-admin.png', fullPage: true });

    // The mentee: 我的 → the pair → a log.
    const mentee = await loginAs(menteePhone, 'xiqu-teacher-1');
    await mentee.getByTestId('nav-mine').click();
    await mentee.getByTestId(`mine-pair-${pair!.id}`).click({ timeout: 20_000 });
    await mentee.getByTestId('pair-page').waitFor({ timeout: 20_000 });
    expect(await mentee.getByTestId('pair-mentor').innerText()).toContain('河西小学');
    await mentee.getByTestId('pair-log-submit').click();
    await expect.poll(() => mentee.getByTestId('pair-log-error').innerText()).toContain('请选择记录类型');
    await mentee.getByTestId('pair-log-kind-lesson_plan').click();
    const text = `和师傅一起磨课，改了导入环节 ${Date.now().toString(36)}`;
    await mentee.getByTestId('pair-log-text').locator('textarea').fill(text);
    await mentee.getByTestId('pair-log-submit').click();
    await expect.poll(() => mentee.getByTestId('pair-log').first().innerText(), { timeout: 15_000 }).toContain(text);
    await mentee.screenshot({ path: 'test-results/mentor-pairs-log.png', fullPage: true });

    // The admin opens the pair: the log is there; evaluation is the registering school's (here the federation admin).
    await row.click();
    await admin.getByTestId('pair-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => admin.getByTestId('pair-log').first().innerText(), { timeout: 15_000 }).toContain(text);
    await admin.getByTestId('pair-rating-excellent').click();
    await admin.getByTestId('pair-evaluation-comment').locator('textarea').fill('结对计划落实，进步明显。');
    await admin.getByTestId('pair-evaluation-submit').click();
    await expect.poll(() => admin.getByTestId('pair-evaluation').innerText(), { timeout: 15_000 }).toContain('考核：优秀');
    expect(await admin.getByTestId('pair-evaluation-form').count()).toBe(0);

    // Both archives: 拜师 for the mentee (on the page), 带徒 for the mentor.
    await mentee.goto(`${stack().url}/#/pages/index/index`);
    await mentee.getByTestId('nav-archive').click();
    await mentee.getByTestId('archive-open').click();
    await mentee.getByTestId('archive-timeline').waitFor({ timeout: 20_000 });
    await expect.poll(() => mentee.getByTestId('archive-timeline').innerText(), { timeout: 15_000 }).toContain(`拜师：${pair!.mentor.name}（语文）`);
    const { token: mentorToken } = await devLogin('xiqu-teacher-2');
    const mentorArchive = await api<ArchiveList>('GET', '/v1/archive', { token: mentorToken });
    expect(mentorArchive.body.entries.find((e) => e.pairId === pair!.id)?.title).toBe(`带徒：${pair!.mentee.name}（语文）`);
    expect(adminPhone.errors.concat(menteePhone.errors)).toEqual([]);
  });
});
