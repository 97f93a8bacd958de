import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntry, ArchiveSummary } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { currentQr, publishedSession } from '../support/sessions.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const TEACHER = 'donghu-teacher-3';
const TEACHER_ID = 'u-donghu-teacher-3';
const ADMIN = 'donghu-admin';
const MIN = 60_000;

let teacherPhone: Browser;
let adminDesk: Browser;
let teacher: Page;
let teacherName = '';
let baseline: ArchiveSummary;

// One browser per person: a context's pages share the stored login.
async function loginAs(browser: Browser, account: string) {
  const page = await browser.newPage();
  await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
  await page.getByTestId(`dev-account-${account}`).click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  return page;
}

/** A small real PNG, as a phone photo of a certificate would be (the server checks the bytes). */
function certificatePng(): Buffer {
  const png = new PNG({ width: 24, height: 16 });
  png.data.fill(200);
  return PNG.sync.write(png);
}

const entryCard = (page: Page, title: string) => page.locator('.timeline-item').filter({ hasText: title });
const ringValue = (page: Page, id: string) => page.getByTestId(`${id}-value`).innerText().then((t) => t.trim());

beforeAll(async () => {
  teacherPhone = await launchBrowser();
  adminDesk = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  const { token } = await devLogin(TEACHER);
  const summary = await api<ArchiveSummary>('GET', '/v1/archive/summary', { token });
  expect(summary.status).toBe(200);
  baseline = summary.body;
  teacherName = summary.body.person.name;
});
afterAll(async () => {
  await teacherPhone?.close();
  await adminDesk?.close();
});

describe('成长档案 in the browser', () => {
  it('credits the hours of a session the teacher signed in to and out of by QR', async () => {
    const now = Date.now();
    const { session, organizerToken } = await publishedSession({
      title: '档案测试：大单元教学联合教研',
      startAt: new Date(now - 5 * MIN).toISOString(),
      endAt: new Date(now + 5 * MIN).toISOString(),
      creditHours: 2,
      signOutRequired: true,
      geofence: 'off',
    });
    teacher = await loginAs(teacherPhone, TEACHER);

    await teacher.goto((await currentQr(session.id, organizerToken, 'in')).url);
    await expect.poll(() => teacher.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toMatch(/签到成功|迟到/);
    await teacher.goto((await currentQr(session.id, organizerToken, 'out')).url);
    await expect.poll(() => teacher.getByTestId('signin-result').innerText(), { timeout: 20_000 }).toContain('签退成功');
    expect(await teacher.getByTestId('signin-result').innerText()).toContain('本次记 2 学时');

    await teacher.goto(`${stack().url}/#/pages/index/index`);
    await teacher.getByTestId('nav-archive').click();
    const expected = String(baseline.training.hours + 2);
    await expect.poll(() => ringValue(teacher, 'home-ring-hours'), { timeout: 15_000 }).toBe(expected);
    await teacher.getByTestId('archive-open').click();

    await teacher.getByTestId('archive-timeline').waitFor({ timeout: 20_000 });
    const line = entryCard(teacher, '档案测试：大单元教学联合教研');
    const text = await line.innerText();
    expect(text).toContain('教研活动');
    expect(text).toContain('+2 学时');
    expect(text).toContain('系统自动记录');
    expect(await ringValue(teacher, 'ring-hours')).toBe(expected);
    expect(await teacher.getByTestId('archive-person').innerText()).toBe(teacherName);
    await teacher.screenshot({ path: 'test-results/archive-credited.png', fullPage: true });
  });

  it('lets the teacher add a training with evidence, which counts once the school admin approves it', async () => {
    await teacher.getByTestId('archive-add').click();
    await teacher.getByTestId('kind-training').click();
    await teacher.getByTestId('entry-form').waitFor();
    await teacher.getByTestId('entry-submit').click();
    await expect.poll(() => teacher.getByTestId('field-hours').innerText()).toContain('请填写学时');

    await teacher.getByTestId('entry-title').locator('input').fill('义务教育新课标解读专题培训');
    await teacher.getByTestId('entry-provider').locator('input').fill('明湖区教师发展中心');
    await teacher.getByTestId('entry-hours').locator('input').fill('3.5');
    const chooser = teacher.waitForEvent('filechooser');
    await teacher.getByTestId('evidence-pick-any').click();
    await (await chooser).setFiles({ name: '结业证书.png', mimeType: 'image/png', buffer: certificatePng() });
    await expect.poll(() => teacher.getByTestId('evidence-0').getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    await teacher.screenshot({ path: 'test-results/archive-entry-form.png', fullPage: true });
    await teacher.getByTestId('entry-submit').click();

    await teacher.getByTestId('archive-timeline').waitFor({ timeout: 20_000 });
    const training = entryCard(teacher, '义务教育新课标解读专题培训');
    await expect.poll(() => training.innerText(), { timeout: 15_000 }).toContain('待审核');
    expect(await teacher.getByTestId('archive-pending').innerText()).toContain('1 条记录待学校审核');

    // A second entry, filed over the API, for the admin to send back.
    const { token } = await devLogin(TEACHER);
    const award = await api<ArchiveEntry>('POST', '/v1/archive/entries', {
      token,
      body: { kind: 'award', title: '区优质课评比一等奖', level: 'district', issuer: '明湖区教育局', date: '2026-11-02' },
    });
    expect(award.status).toBe(201);

    const admin = await loginAs(adminDesk, ADMIN);
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-archive-reviews').click();
    await admin.getByTestId('reviews-list').waitFor({ timeout: 20_000 });
    const card = admin.locator('.review-card').filter({ hasText: '义务教育新课标解读专题培训' });
    expect(await card.getByTestId('review-person').innerText()).toBe(teacherName);
    expect(await card.innerText()).toContain('3.5 学时');
    expect(await card.getByTestId('evidence-file').count()).toBe(1);
    await admin.screenshot({ path: 'test-results/archive-reviews.png', fullPage: true });
    await card.getByTestId('review-approve').click();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(0);

    const awardCard = admin.getByTestId(`review-${award.body.id}`);
    await awardCard.getByTestId('review-reject').click();
    await admin.getByTestId('reject-submit').click();
    await expect.poll(() => admin.getByTestId('reject-error').innerText()).toContain('请写明原因');
    await admin.getByTestId('reject-comment').locator('textarea').fill('请上传盖章的获奖证书');
    await admin.getByTestId('reject-submit').click();
    await expect.poll(() => awardCard.count(), { timeout: 15_000 }).toBe(0);

    await teacher.reload();
    await teacher.getByTestId('archive-timeline').waitFor({ timeout: 20_000 });
    const approved = entryCard(teacher, '义务教育新课标解读专题培训');
    await expect.poll(() => approved.getByTestId('archive-entry-status').innerText(), { timeout: 15_000 }).toBe('已通过');
    expect(await approved.innerText()).toContain('+3.5 学时');
    expect(await ringValue(teacher, 'ring-hours')).toBe(String(baseline.training.hours + 5.5));
    const rejected = entryCard(teacher, '区优质课评比一等奖');
    expect(await rejected.getByTestId('archive-entry-status').innerText()).toBe('未通过');
    expect(await rejected.getByTestId('archive-entry-review').innerText()).toContain('请上传盖章的获奖证书');
    await teacher.screenshot({ path: 'test-results/archive-approved.png', fullPage: true });

    await admin.goto(`${stack().url}/#/pages/index/index?tab=admin`);
    await admin.getByTestId('admin-archive-school').click();
    const row = admin.getByTestId(`overview-row-${TEACHER_ID}`);
    await expect.poll(() => row.getByTestId('overview-row-hours').innerText(), { timeout: 20_000 }).toBe(`学时 ${baseline.training.hours + 5.5}/24`);
    await admin.screenshot({ path: 'test-results/archive-overview.png', fullPage: true });
  });

  it('opens the printable archive, which Chromium prints to an A4 PDF', async () => {
    const popup = teacherPhone.context.waitForEvent('page');
    await teacher.getByTestId('archive-print').click();
    const print = await popup;
    await print.waitForLoadState('load');
    const body = await print.locator('body').innerText();
    expect(body).toContain(teacherName);
    expect(body).toContain(`${baseline.training.hours + 5.5} / 24`);
    expect(body).toContain('义务教育新课标解读专题培训');
    expect(body).not.toContain('区优质课评比一等奖');

    const pdf = await print.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
  });

  it('lets the teacher correct a rejected entry and resubmit it, then delete it', async () => {
    const rejected = entryCard(teacher, '区优质课评比一等奖');
    await rejected.click();
    await rejected.getByTestId('archive-entry-edit').click();
    await teacher.getByTestId('entry-form').waitFor({ timeout: 15_000 });
    expect(await teacher.getByTestId('entry-kind').innerText()).toBe('获奖荣誉');
    expect(await teacher.locator('.entry-rejected').innerText()).toContain('请上传盖章的获奖证书');
    const title = teacher.getByTestId('entry-title').locator('input');
    expect(await title.inputValue()).toBe('区优质课评比一等奖');
    await title.fill('区优质课评比一等奖（数学）');
    await teacher.getByTestId('entry-level-city').click();
    await teacher.getByTestId('entry-submit').click();

    await teacher.getByTestId('archive-timeline').waitFor({ timeout: 20_000 });
    const resubmitted = entryCard(teacher, '区优质课评比一等奖（数学）');
    await expect.poll(() => resubmitted.getByTestId('archive-entry-status').innerText(), { timeout: 15_000 }).toBe('待审核');
    await resubmitted.click();
    expect(await resubmitted.getByTestId('archive-entry-details').innerText()).toContain('市级');

    await resubmitted.getByTestId('archive-entry-delete').click();
    await teacher.locator('.taro-model__confirm').click();
    await expect.poll(() => entryCard(teacher, '区优质课评比一等奖').count(), { timeout: 15_000 }).toBe(0);
    // The approved training stays, and cannot be changed any more.
    const approved = entryCard(teacher, '义务教育新课标解读专题培训');
    await approved.click();
    expect(await approved.getByTestId('archive-entry-edit').count()).toBe(0);
  });

  it('raised no uncaught page errors', () => {
    expect(teacherPhone.errors).toEqual([]);
    expect(adminDesk.errors).toEqual([]);
  });
});
