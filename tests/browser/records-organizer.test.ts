import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReflectionList, Roster, SessionFileList } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';
import { unzip } from '../support/zip.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const MIN = 60_000;
const TITLE = '活动档案：组织者页面测试';
const ATTENDEES = ['donghu-teacher-5', 'qingshan-teacher-2'] as const;
const PDF = Buffer.from('%PDF-1.4\n%活动方案\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// A 1×1 baseline JPEG: the server checks the bytes, not the name.
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
  'hex',
);
const REFLECTIONS: Record<(typeof ATTENDEES)[number], string> = {
  'donghu-teacher-5':
    '这次观摩让我重新理解了大单元教学。执教老师先抛出一个真实问题，再让学生分组设计解决方案，课堂里始终有学生自己的声音。评课环节专家提到：目标要可检测，活动要围绕目标展开，评价要贯穿始终。回到学校，我准备和同组老师一起重新梳理第三单元的目标，把每一课的评价任务写清楚，再用课堂观察表记录学生的表现，下个月在教研组里交流效果。这样的联合教研让乡村学校的老师也能看到好课是怎样磨出来的，希望以后多组织。',
  'qingshan-teacher-2': '同课异构让我看到了两种不同的设计思路，我会在自己的课堂上尝试用任务单引导学生自主探究。',
};
const PASSAGE = '目标要可检测，活动要围绕目标展开，评价要贯穿始终。';

let phone: Browser;
let desk: Browser;
let organizerToken = '';
let completeId = '';
let gapsId = '';

function photoPng(): Buffer {
  const png = new PNG({ width: 32, height: 24 });
  png.data.fill(180);
  return PNG.sync.write(png);
}

async function loginAs(browser: Browser, account: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
  await page.getByTestId(`dev-account-${account}`).click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  return page;
}

const testIds = (page: Page, testId: string, attribute: string) =>
  page.locator(`[data-testid="${testId}"]`).evaluateAll((nodes, name) => nodes.map((n) => n.getAttribute(name) ?? ''), attribute);

beforeAll(async () => {
  phone = await launchBrowser();
  desk = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  const now = Date.now();
  // Ended a minute ago: finished for 活动档案情况, still open for late sign-ins.
  const complete = await publishedSession({
    kind: 'lesson_observation',
    title: TITLE,
    startAt: new Date(now - 60 * MIN).toISOString(),
    endAt: new Date(now - MIN).toISOString(),
    geofence: 'off',
    lesson: { teacherName: '叶春兰', className: '四年级(2)班', topic: '《大单元教学示范》' },
  });
  completeId = complete.session.id;
  organizerToken = complete.organizerToken;
  for (const account of ATTENDEES) {
    const { token } = await devLogin(account);
    const qr = (await currentQr(completeId, organizerToken)).token;
    expect((await api('POST', `/v1/sessions/${completeId}/sign-ins`, { token, body: scan(qr) })).status).toBe(201);
  }
  const gaps = await publishedSession({
    title: '活动档案：没有照片的活动',
    startAt: new Date(now - 180 * MIN).toISOString(),
    endAt: new Date(now - 120 * MIN).toISOString(),
    geofence: 'off',
  });
  gapsId = gaps.session.id;
});
afterAll(async () => {
  await phone?.close();
  await desk?.close();
});

describe('活动档案 for organizers and admins in the browser', () => {
  it('lets the organizer upload files, ask for reflections, choose an excerpt and a photo, share the briefing and download the bundle', async () => {
    const page = await loginAs(phone, 'organizer');
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));

    // From the roster page, the organizer's place for a session.
    await page.goto(`${stack().url}/#/packages/organizer/roster/index?id=${completeId}`);
    await page.getByTestId('roster-records').click();
    await page.getByTestId('records-manage').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('records-session-title').innerText()).toBe(TITLE);
    await page.getByTestId('records-files-empty').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('records-files-empty').innerText()).toContain('还没有上传资料');

    // 资料: the plan as PDF (the default category), then two photos with a caption.
    let chooser = page.waitForEvent('filechooser');
    await page.getByTestId('records-pick-any').click();
    await (await chooser).setFiles({ name: '活动方案.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.getByTestId('records-pending-0').getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    await page.getByTestId('records-upload-save').click();
    await expect.poll(() => page.getByTestId('records-group-plan').innerText(), { timeout: 15_000 }).toContain('活动方案.pdf');
    expect(await page.getByTestId('records-pending-0').count()).toBe(0);

    await page.getByTestId('records-category-photo').click();
    await page.getByTestId('records-caption').locator('input').fill('专家点评环节');
    chooser = page.waitForEvent('filechooser');
    await page.getByTestId('records-pick-image').click();
    await (await chooser).setFiles([
      { name: '现场1.png', mimeType: 'image/png', buffer: photoPng() },
      { name: '现场2.jpg', mimeType: 'image/jpeg', buffer: JPEG },
    ]);
    for (const index of [0, 1]) {
      await expect.poll(() => page.getByTestId(`records-pending-${index}`).getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    }
    await page.getByTestId('records-upload-save').click();
    const photoGroup = page.getByTestId('records-group-photo');
    await expect.poll(() => photoGroup.getByTestId('records-file-remove').count(), { timeout: 15_000 }).toBe(2);
    expect(await photoGroup.innerText()).toContain('专家点评环节');
    const files = await api<SessionFileList>('GET', `/v1/sessions/${completeId}/files`, { token: organizerToken });
    // Uploaded side by side: listed by upload id, whichever ticket came first.
    expect(files.body.items.map((f) => [f.category, f.name, f.caption ?? '']).sort()).toEqual([
      ['photo', '现场1.png', '专家点评环节'],
      ['photo', '现场2.jpg', '专家点评环节'],
      ['plan', '活动方案.pdf', ''],
    ]);
    const jpegId = files.body.items.find((f) => f.name === '现场2.jpg')?.id ?? '';
    await page.screenshot({ path: 'test-results/records-files.png', fullPage: true });

    // 心得: ask for at least 40 characters with a prompt; the deadline starts a week after the session.
    await page.getByTestId('records-tab-reflections').click();
    await page.getByTestId('records-request-form').waitFor({ timeout: 15_000 });
    await page.getByTestId('records-request-min').locator('input').fill('40');
    await page.getByTestId('records-request-prompt').locator('textarea').fill('结合课堂观察谈收获与打算');
    await page.getByTestId('records-request-save').click();
    await expect.poll(() => page.getByTestId('records-request-summary').innerText(), { timeout: 15_000 }).toContain('至少 40 字');
    expect(await page.getByTestId('records-count-signedIn').innerText()).toBe('2');
    expect(await page.getByTestId('records-count-missing').innerText()).toBe('2');

    for (const account of ATTENDEES) {
      const { token } = await devLogin(account);
      const saved = await api('POST', `/v1/sessions/${completeId}/reflections/me`, { token, body: { text: REFLECTIONS[account], submit: true } });
      expect(saved.status).toBe(200);
    }
    await page.getByTestId('records-tab-files').click();
    await page.getByTestId('records-tab-reflections').click();
    await expect.poll(() => page.getByTestId('records-count-submitted').innerText(), { timeout: 15_000 }).toBe('2');
    expect(await page.getByTestId('records-count-missing').innerText()).toBe('0');
    expect(await page.getByTestId('records-count-late').innerText()).toBe('0');

    // An excerpt: prefilled with the first 200 characters, refused unless word for word, saved as trimmed.
    const card = page.getByTestId('records-reflection-u-donghu-teacher-5');
    await card.getByTestId('records-excerpt-toggle').click();
    const excerpt = card.getByTestId('records-excerpt-text').locator('textarea');
    expect(await excerpt.inputValue()).toBe([...REFLECTIONS['donghu-teacher-5']].slice(0, 200).join(''));
    await excerpt.fill('目标必须可检测，活动要围绕目标展开。');
    expect(await card.getByTestId('records-excerpt-error').innerText()).toContain('摘录必须是心得原文中连续的一段');
    expect(await page.getByTestId('records-excerpts-save').getAttribute('disabled')).not.toBeNull();
    await excerpt.fill(PASSAGE);
    await expect.poll(() => card.getByTestId('records-excerpt-error').count()).toBe(0);
    await page.getByTestId('records-excerpts-save').click();
    await expect.poll(async () => (await api<ReflectionList>('GET', `/v1/sessions/${completeId}/reflections`, { token: organizerToken })).body.settings?.excerpts, { timeout: 15_000 }).toEqual([
      expect.objectContaining({ userId: 'u-donghu-teacher-5', text: PASSAGE, schoolName: '东湖小学' }),
    ]);
    await page.screenshot({ path: 'test-results/records-reflections.png', fullPage: true });

    // 简报: the JPEG alone; the preview shows the roster's figures, the lesson, the photo and the excerpt.
    await page.getByTestId('records-tab-briefing').click();
    await page.getByTestId('records-photo-chooser').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('records-briefing-photo').count()).toBe(2);
    await page.getByTestId(`records-photo-${jpegId}`).click();
    expect(await page.getByTestId(`records-photo-${jpegId}`).getAttribute('data-chosen')).toBe('yes');
    await page.getByTestId('records-photos-save').click();
    await expect.poll(() => testIds(page, 'records-briefing-photo', 'data-file-id'), { timeout: 15_000 }).toEqual([jpegId]);
    const roster = await api<Roster>('GET', `/v1/sessions/${completeId}/attendance`, { token: organizerToken });
    expect(roster.body.summary.signedIn).toBe(2);
    for (const figure of ['expected', 'signedIn', 'late'] as const) {
      expect(Number(await page.getByTestId(`records-briefing-${figure}`).innerText())).toBe(roster.body.summary[figure]);
    }
    expect(await page.getByTestId('records-briefing-lesson').innerText()).toContain('《大单元教学示范》');
    expect(await page.getByTestId('records-briefing-excerpt').innerText()).toContain(PASSAGE);
    expect(await page.getByTestId('records-briefing-school-sch-donghu').innerText()).toMatch(/东湖小学\s*\d+\s*1\s*1/);
    await page.screenshot({ path: 'test-results/records-briefing.png', fullPage: true });

    // 分享简报 opens the shared page (no login) in a new tab.
    const opened = phone.context.waitForEvent('page');
    await page.getByTestId('records-briefing-share').click();
    const shared = await opened;
    await shared.waitForLoadState();
    expect(shared.url()).toContain('/v1/briefings/view?t=');
    expect(Number(await shared.locator('[data-figure="signedIn"]').innerText())).toBe(roster.body.summary.signedIn);
    const sharedText = await shared.locator('body').innerText();
    expect(sharedText).toContain(TITLE);
    expect(sharedText).toContain(PASSAGE);
    await shared.close();

    // 下载: the bundle lists the plan and both photos, and the browser downloads that very ZIP.
    await page.getByTestId('records-tab-bundle').click();
    await page.getByTestId('records-bundle-build').click();
    await page.getByTestId('records-bundle').waitFor({ timeout: 30_000 });
    const entries = await testIds(page, 'records-bundle-entry', 'data-entry');
    expect(entries).toContain('01-活动方案/活动方案.pdf');
    expect(entries.filter((e) => e.startsWith('05-活动照片/')).sort()).toEqual(['05-活动照片/现场1.png', '05-活动照片/现场2.jpg']);
    expect(entries.filter((e) => e.startsWith('06-心得体会/'))).toHaveLength(2);
    const fileName = await page.getByTestId('records-bundle-name').innerText();
    expect(fileName).toContain(TITLE);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('records-bundle-download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(fileName);
    const zip = unzip(readFileSync(await download.path()));
    expect([...zip.keys()]).toEqual(entries);
    expect(zip.get('01-活动方案/活动方案.pdf')?.equals(PDF)).toBe(true);
    await page.screenshot({ path: 'test-results/records-bundle.png', fullPage: true });

    expect(pageErrors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });

  it('shows an admin the finished sessions missing their records, and the complete one only without the filter', async () => {
    const page = await loginAs(desk, 'fed-admin');
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-records-status').click();
    await page.getByTestId('records-status').waitFor({ timeout: 20_000 });

    const gapsRow = page.getByTestId(`records-status-${gapsId}`);
    await gapsRow.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('records-only-missing').getAttribute('data-on')).toBe('yes');
    const gaps = await gapsRow.getByTestId('records-gap').allInnerTexts();
    expect(gaps).toEqual(['没有照片', '没有活动方案']);
    expect(await gapsRow.innerText()).toContain('缺档案');
    expect(await page.getByTestId(`records-status-${completeId}`).count()).toBe(0);
    expect(Number(await page.getByTestId('records-total-missing').innerText())).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: 'test-results/records-status.png', fullPage: true });

    await page.getByTestId('records-only-missing').click();
    const completeRow = page.getByTestId(`records-status-${completeId}`);
    await completeRow.waitFor();
    const text = await completeRow.innerText();
    expect(text).toContain('完整');
    expect(text).toContain('照片 2 · 方案 1');
    expect(await completeRow.getByTestId('records-gap').count()).toBe(0);

    // A row opens that session's 活动档案.
    await completeRow.click();
    await page.getByTestId('records-manage').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('records-session-title').innerText()).toBe(TITLE);

    expect(pageErrors).toEqual([]);
    expect(desk.errors).toEqual([]);
  });
});
