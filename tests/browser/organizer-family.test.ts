import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

let phone: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  phone = await launchBrowser();
});
afterAll(async () => {
  await phone?.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Taro's H5 picker moves its sheet to <body>; the open one is the overlay not hidden.
const openSheet = (page: Page) => page.locator('.weui-picker__overlay:not([style*="none"])');
const LINE = 34;

async function openPicker(page: Page, testId: string) {
  await page.getByTestId(testId).click();
  await openSheet(page).locator('.weui-picker__action', { hasText: '确定' }).waitFor();
  await pause(400);
}

// A column turns when one of its lines is tapped: tap the line `lines` below (or above) the indicator.
async function turn(page: Page, column: number, lines: number) {
  const box = await openSheet(page).locator('taro-picker-group').nth(column).boundingBox();
  if (!box) throw new Error('no open picker');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + lines * LINE);
  await pause(400);
}

/** Turns a column of the open picker until `label` is in the indicator. */
async function turnTo(page: Page, column: number, label: string) {
  const group = openSheet(page).locator('taro-picker-group').nth(column);
  for (let attempt = 0; attempt < 20; attempt++) {
    const [groupBox, itemBox] = await Promise.all([group.boundingBox(), group.locator('.weui-picker__item', { hasText: label }).first().boundingBox()]);
    if (!groupBox || !itemBox) throw new Error(`no "${label}" in the open picker`);
    const lines = Math.round((itemBox.y + itemBox.height / 2 - (groupBox.y + groupBox.height / 2)) / LINE);
    if (lines === 0) return;
    await turn(page, column, Math.max(-3, Math.min(3, lines)));
  }
  throw new Error(`could not turn the picker to "${label}"`);
}

async function confirmPicker(page: Page) {
  await openSheet(page).locator('.weui-picker__action', { hasText: '确定' }).click();
  await expect.poll(() => openSheet(page).count()).toBe(0);
}

const shanghai = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).trim();

describe('the organizer creates a family-education session', () => {
  it('fills speaker, topic, live link, materials, deadlines and waitlist, and the API keeps them', async () => {
    const page = await phone.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-organizer').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.goto(`${stack().url}/#/packages/organizer/edit/index`);
    await page.getByTestId('session-edit').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('field-speaker').count()).toBe(0);

    await openPicker(page, 'edit-kind');
    await turnTo(page, 0, '家庭教育讲座');
    await confirmPicker(page);
    await expect.poll(() => text(page, 'edit-kind')).toBe('家庭教育讲座');

    await page.getByTestId('edit-title').locator('input').fill('幼小衔接家长讲座（表单）');
    await page.getByTestId('edit-speaker').locator('input').fill('周慧敏');
    await page.getByTestId('edit-topic-kindergarten_primary').click();
    await page.getByTestId('edit-mode-online').click();
    await page.getByTestId('edit-onlineUrl').locator('input').fill('live.example.cn/room/7');
    // A year later, so that the deadline below can be a day in between.
    await openPicker(page, 'edit-startDate');
    await turn(page, 0, 1);
    await confirmPicker(page);

    await page.getByTestId('edit-audience-parents').click();
    await page.getByTestId('edit-school-sch-core').click();
    await page.getByTestId('edit-capacity').locator('input').fill('40');
    expect(await page.getByTestId('field-registrationDeadline').count()).toBe(0);
    await page.getByTestId('edit-registrationRequired').click();
    await page.getByTestId('field-registrationDeadline').waitFor();
    expect(await page.getByTestId('field-registrationDeadline').innerText()).toContain('与活动开始时间相同');
    await page.getByTestId('edit-waitlist').click();

    await openPicker(page, 'edit-registrationDeadlineDate');
    await turn(page, 0, -1);
    await confirmPicker(page);
    await openPicker(page, 'edit-cancelDeadlineDate');
    await turn(page, 0, 1);
    await confirmPicker(page);

    await page.getByTestId('edit-material-add').click();
    await page.getByTestId('edit-material-0-title').locator('input').fill('讲座课件');
    await page.getByTestId('edit-material-0-url').locator('input').fill('ftp://files.example.cn/slides.pdf');
    await page.getByTestId('edit-material-add').click();
    await page.getByTestId('edit-material-1-title').locator('input').fill('多余的一行');
    await page.getByTestId('edit-material-add').click();
    await page.getByTestId('edit-material-2-title').locator('input').fill('讲座回放');
    await page.getByTestId('edit-material-2-url').locator('input').fill('https://video.example.cn/replay/7');
    await page.getByTestId('edit-material-2-kind-video').click();
    await page.getByTestId('edit-material-1-remove').click();
    await expect.poll(() => page.getByTestId('edit-material-2').count()).toBe(0);

    await page.getByTestId('edit-publish').click();
    await page.getByTestId('edit-error').waitFor();
    expect(await text(page, 'error-onlineUrl')).toBe('请填写以 http 或 https 开头的直播链接');
    expect(await text(page, 'error-cancelDeadline')).toBe('取消报名截止时间不能晚于活动开始时间');
    expect(await text(page, 'error-material-0')).toBe('请填写以 http 或 https 开头的链接');
    expect(await page.getByTestId('error-registrationDeadline').count()).toBe(0);
    await page.screenshot({ path: 'test-results/organizer-family-errors.png', fullPage: true });

    await page.getByTestId('edit-onlineUrl').locator('input').fill('https://live.example.cn/room/7');
    await page.getByTestId('edit-cancelDeadline-reset').click();
    await page.getByTestId('edit-material-0-url').locator('input').fill('https://files.example.cn/slides.pdf');
    const start = shanghai(await text(page, 'edit-startDate'), await text(page, 'edit-startTime'));
    const registrationDeadline = shanghai(await text(page, 'edit-registrationDeadlineDate'), await text(page, 'edit-registrationDeadlineTime'));
    expect(Date.parse(registrationDeadline)).toBeLessThan(Date.parse(start));
    await page.screenshot({ path: 'test-results/organizer-family-form.png', fullPage: true });

    await page.getByTestId('edit-publish').click();
    await page.waitForURL(/organizer\/roster\/index\?id=/, { timeout: 20_000 });
    const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())?.[1] ?? '');

    const { token } = await devLogin('organizer');
    const { status, body } = await api<{ session: Session }>('GET', `/v1/sessions/${encodeURIComponent(id)}`, { token });
    expect(status).toBe(200);
    expect(body.session).toMatchObject({
      kind: 'family_education',
      mode: 'online',
      status: 'published',
      title: '幼小衔接家长讲座（表单）',
      speaker: '周慧敏',
      topic: 'kindergarten_primary',
      onlineUrl: 'https://live.example.cn/room/7',
      materials: [
        { title: '讲座课件', url: 'https://files.example.cn/slides.pdf', kind: 'slides' },
        { title: '讲座回放', url: 'https://video.example.cn/replay/7', kind: 'video' },
      ],
      startAt: start,
      registrationDeadline,
      cancelDeadline: start,
      waitlist: false,
      capacity: 40,
      registrationRequired: true,
      audience: { type: 'parents', schoolIds: ['sch-core'] },
    });

    await page.goto(`${stack().url}/#/packages/organizer/edit/index?id=${encodeURIComponent(id)}`);
    await page.getByTestId('field-speaker').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('edit-speaker').locator('input').inputValue()).toBe('周慧敏');
    expect(await page.getByTestId('edit-material-1-url').locator('input').inputValue()).toBe('https://video.example.cn/replay/7');
    expect(await page.getByTestId('field-cancelDeadline').innerText()).toContain('与活动开始时间相同');

    // Emptying the live link and the topic in an edit clears them (the edit sends them as null).
    await page.getByTestId('edit-onlineUrl').locator('input').fill('');
    await page.getByTestId('edit-topic-').click();
    await page.getByTestId('edit-save').click();
    await expect
      .poll(async () => {
        const read = (await api<{ session: Session }>('GET', `/v1/sessions/${encodeURIComponent(id)}`, { token })).body.session;
        return [read.onlineUrl ?? 'cleared', read.topic ?? 'cleared', read.speaker];
      })
      .toEqual(['cleared', 'cleared', '周慧敏']);
  });

  it('raised no uncaught page errors', () => {
    expect(phone.errors).toEqual([]);
  });
});
