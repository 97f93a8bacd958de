import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignProgress } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { devLoginPage, launchBrowser } from '../support/browser.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

// The demo teacher with an unbroken streak in the seeded 每月师德学习 (infra/src/seed/campaigns.ts).
const TEACHER = 'core-teacher-1';
const CAMPAIGN = 'cmp-demo-ethics';
const REFLECTION = '本月学习了《新时代中小学教师职业行为十项准则》，对照自己的课堂，要多鼓励、少批评，公平对待每一个学生。';

let phone: Browser;
let before: CampaignProgress;

beforeAll(async () => {
  phone = await launchBrowser();
  const { token } = await devLogin(TEACHER);
  const res = await api<CampaignProgress>('GET', `/v1/campaigns/${CAMPAIGN}/progress`, { token });
  expect(res.status).toBe(200);
  before = res.body;
});
afterAll(async () => {
  await phone?.close();
});

const loginAs = (account: string): Promise<Page> => devLoginPage(phone, stack().url, account);

describe('打卡 in the browser', () => {
  it('lets a demo teacher check in for this month and see the streak grow', async () => {
    expect(before.checkedInThisPeriod).toBe(false);
    expect(before.streak).toBeGreaterThanOrEqual(3);
    const page = await loginAs(TEACHER);
    await page.getByTestId('nav-checkIn').click();
    const card = page.getByTestId(`campaign-${CAMPAIGN}`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.innerText()).toContain('本期未打卡');
    expect(await page.getByTestId(`campaign-streak-${CAMPAIGN}`).innerText()).toContain(`连续 ${before.streak} 月`);
    await card.click();

    await page.getByTestId('checkin-page').waitFor({ timeout: 20_000 });
    expect((await page.getByTestId('checkin-streak').innerText()).trim()).toBe(String(before.streak));
    expect(await page.getByTestId('checkin-calendar').innerText()).toContain('已打卡');

    // Too short first: the counter and the form say so, and nothing is sent.
    const text = page.getByTestId('checkin-text').locator('textarea');
    await text.fill('学习了');
    expect(await page.getByTestId('checkin-counter').innerText()).toContain('3 / 至少 30 字');
    await page.getByTestId('checkin-submit').click();
    expect(await page.getByTestId('checkin-form-error').innerText()).toContain('至少 30 个字');

    await text.fill(REFLECTION);
    await page.getByTestId('checkin-submit').click();
    await page.getByTestId('checkin-done').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('checkin-streak').innerText(), { timeout: 10_000 }).toBe(String(before.streak + 1));
    expect((await page.getByTestId('checkin-count').innerText()).trim()).toBe(`${before.count + 1}/${before.required}`);
    await expect.poll(() => page.getByTestId('checkin-feed').innerText(), { timeout: 10_000 }).toContain(REFLECTION);
    expect(await page.getByTestId('checkin-feed').innerText()).toContain('（我）');

    const { token } = await devLogin(TEACHER);
    const after = await api<CampaignProgress>('GET', `/v1/campaigns/${CAMPAIGN}/progress`, { token });
    expect(after.body).toMatchObject({ checkedInThisPeriod: true, streak: before.streak + 1 });
    expect(phone.errors).toEqual([]);
  });
});
