import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { semesterOf, shanghaiDay, type ArchiveList, type Attendance, type Exchange, type ExchangeList, type SchoolReport, type Session } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { currentQr, makeSessionInput, scan } from '../support/sessions.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await browser?.close();
});

// 西区 (the seed's second federation): 河西小学's teacher goes to the core school; no 城东 figure changes.
const FED = 'fed-xiqu';
const HOST = 'sch-xiqu-core';
const TEACHER = 'u-xiqu-teacher-2';
const DAY = 86_400_000;
const day = (offset: number) => shanghaiDay(new Date(Date.now() + offset * DAY));

async function signedIn(account: string) {
  const page = await browser.newPage();
  await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
  await page.getByTestId(`dev-account-${account}`).click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  return page;
}

async function openExchanges(account: string) {
  const page = await signedIn(account);
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-exchanges').click();
  await page.getByTestId('exchanges-page').waitFor({ timeout: 20_000 });
  return page;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Taro's H5 picker moves its sheet to <body>; the open one is the overlay not hidden (as in organizer-family.test.ts).
const openSheet = (page: Page) => page.locator('.weui-picker__overlay:not([style*="none"])');
async function turnYear(page: Page, testId: string, lines: number) {
  await page.getByTestId(testId).click();
  await openSheet(page).locator('.weui-picker__action', { hasText: '确定' }).waitFor();
  await pause(400);
  const box = await openSheet(page).locator('taro-picker-group').nth(0).boundingBox();
  if (!box) throw new Error('no open picker');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + lines * 34);
  await pause(400);
  await openSheet(page).locator('.weui-picker__action', { hasText: '确定' }).click();
  await expect.poll(() => openSheet(page).count()).toBe(0);
}

describe('交流轮岗', () => {
  it('an admin registers an exchange, the teacher signs in at the host school, its report counts it, the host admin assesses it and the archive shows it', async () => {
    // The federation admin registers 河西小学's teacher at the core school (挂职, from today for about a semester).
    const admin = await openExchanges('xiqu-fed-admin');
    await admin.getByTestId('exchanges-quota').waitFor({ timeout: 20_000 });
    await admin.getByTestId('exchanges-add').click();
    await admin.getByTestId('exchange-save').click();
    await expect.poll(() => admin.getByTestId('exchange-sheet').innerText()).toContain('请选择派出学校');
    await admin.getByTestId(`exchange-from-sch-xiqu-hexi`).click();
    await admin.getByTestId(`exchange-person-${TEACHER}`).click({ timeout: 20_000 });
    await admin.getByTestId(`exchange-to-${HOST}`).click();
    await admin.getByTestId('exchange-kind-cadre').click();
    await admin.getByTestId('exchange-duties').locator('input').fill('挂职教务处副主任');
    await admin.getByTestId('exchange-save').click();
    await admin.getByTestId('exchange-sheet').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => admin.getByTestId('exchanges-list').innerText(), { timeout: 15_000 }).toContain('河西小学 → 明湖区西区实验学校 · 挂职');
    expect(await admin.getByTestId('exchanges-quota-cadres').innerText()).toContain('1 / 2 人');

    const fedAdmin = (await devLogin('xiqu-fed-admin')).token;
    const semester = semesterOf(new Date());
    const listed = await api<ExchangeList>('GET', `/v1/federations/${FED}/exchanges?semester=${semester}`, { token: fedAdmin });
    const exchange = listed.body.items.find((e) => e.userId === TEACHER && e.status === 'running');
    expect(exchange).toMatchObject({ toSchoolId: HOST, kind: 'cadre', duties: '挂职教务处副主任' });

    // 修改交流: nothing changed is said; a period running into the person's next exchange is refused with the reason;
    // the duties change. A throwaway exchange is deleted on the page after a confirmation.
    const later = await api<Exchange>('POST', `/v1/federations/${FED}/exchanges`, {
      token: fedAdmin,
      body: { userId: TEACHER, fromSchoolId: 'sch-xiqu-hexi', toSchoolId: 'sch-xiqu-shanbei', kind: 'shadow', startDate: day(400), endDate: day(420) },
    });
    expect(later.status).toBe(201);
    await admin.getByTestId(`exchange-edit-${exchange!.id}`).click();
    await admin.getByTestId('exchange-edit-save').click();
    await expect.poll(() => admin.getByTestId('exchange-edit-error').innerText()).toBe('没有修改任何内容');
    await turnYear(admin, 'exchange-edit-end', 1);
    await admin.getByTestId('exchange-edit-save').click();
    await expect.poll(() => admin.getByTestId('exchange-edit-error').innerText(), { timeout: 15_000 }).toContain('时间不能重叠');
    await admin.getByTestId('exchange-edit-cancel').click();
    await admin.getByTestId(`exchange-edit-${exchange!.id}`).click();
    await admin.getByTestId('exchange-edit-duties').locator('input').fill('挂职教务处副主任，分管教研');
    await admin.getByTestId('exchange-edit-save').click();
    await admin.getByTestId('exchange-edit-sheet').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => admin.getByTestId(`exchange-${exchange!.id}`).innerText(), { timeout: 15_000 }).toContain('分管教研');
    expect((await api('DELETE', `/v1/exchanges/${later.body.id}`, { token: fedAdmin })).status).toBe(204);
    const throwaway = await api<Exchange>('POST', `/v1/federations/${FED}/exchanges`, {
      token: fedAdmin,
      body: { userId: 'u-xiqu-teacher-1', fromSchoolId: HOST, toSchoolId: 'sch-xiqu-shanbei', kind: 'shadow', startDate: day(0), endDate: day(5) },
    });
    expect(throwaway.status).toBe(201);
    await admin.reload();
    await admin.getByTestId(`exchange-remove-${throwaway.body.id}`).click({ timeout: 20_000 });
    await expect.poll(() => admin.locator('.taro-modal__text').innerText()).toContain('删除后不可恢复');
    await admin.locator('.taro-model__confirm').click();
    await expect.poll(() => admin.getByTestId(`exchange-${throwaway.body.id}`).count(), { timeout: 15_000 }).toBe(0);
    const afterDelete = await api<ExchangeList>('GET', `/v1/federations/${FED}/exchanges?semester=${semester}`, { token: fedAdmin });
    expect(afterDelete.body.items.map((e) => e.id)).not.toContain(throwaway.body.id);

    // The teacher signs in to a session of the host school only: counted for the host school.
    const created = await api<Session>('POST', '/v1/sessions', {
      token: fedAdmin,
      body: makeSessionInput({ hostSchoolId: HOST, audience: { type: 'schools', schoolIds: [HOST] }, title: '西区实验学校校本教研', venue: { name: '西区实验学校 报告厅', lat: 30.2601, lng: 120.1102, radiusM: 300 } }),
    });
    expect(created.status).toBe(201);
    expect((await api('POST', `/v1/sessions/${created.body.id}/publish`, { token: fedAdmin })).status).toBe(200);
    const teacher = await devLogin('xiqu-teacher-2');
    expect(teacher.user.exchange).toMatchObject({ toSchoolId: HOST });
    const qr = await currentQr(created.body.id, fedAdmin);
    const signed = await api<{ attendance: Attendance }>('POST', `/v1/sessions/${created.body.id}/sign-ins`, { token: teacher.token, body: scan(qr.token) });
    expect(signed.status).toBe(201);
    expect(signed.body.attendance.schoolId).toBe(HOST);
    const hostAdmin = (await devLogin('xiqu-core-admin')).token;
    const report = await api<SchoolReport>('GET', `/v1/reports/schools/${HOST}?semester=${semester}`, { token: hostAdmin });
    expect(report.body.teachers.find((t) => t.userId === TEACHER)).toMatchObject({ attended: 1 });
    expect(report.body.exchanges.received.cadres).toBe(1);
    // The federation's report page shows the quota and the host school's line.
    const reports = await signedIn('xiqu-fed-admin');
    await reports.goto(`${stack().url}/#/packages/reports/index?scope=federation&id=${FED}`);
    await expect.poll(() => reports.getByTestId('report-exchanges-cadres').innerText(), { timeout: 20_000 }).toContain('1/2 人');
    expect(await reports.getByTestId('report-exchanges-cadres').innerText()).toContain('未达标');
    expect(await reports.getByTestId(`report-exchanges-${HOST}`).innerText()).toContain('接收：挂职 1');

    // The exchange ends (its dates moved into the past): 待考核 for the host admin, who assesses it on the page.
    const moved = await api('PATCH', `/v1/exchanges/${exchange!.id}`, { token: fedAdmin, body: { startDate: day(-20), endDate: day(-1) } });
    expect(moved.status).toBe(200);
    const host = await openExchanges('xiqu-core-admin');
    const status = host.getByTestId(`exchange-status-${exchange!.id}`);
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toBe('待考核');
    expect(await host.getByTestId('exchanges-add').count()).toBe(0);
    await host.getByTestId(`exchange-assess-${exchange!.id}`).click();
    await host.getByTestId('assess-save').click();
    await expect.poll(() => host.getByTestId('assess-error').innerText()).toContain('请选择考核结果');
    await host.getByTestId('assess-rating-excellent').click();
    await host.getByTestId('assess-comment').locator('textarea').fill('挂职期间认真负责，教研组织有成效。');
    await host.getByTestId('assess-save').click();
    await host.getByTestId('assess-sheet').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => host.getByTestId(`exchange-rating-${exchange!.id}`).innerText(), { timeout: 15_000 }).toContain('优秀');
    await expect.poll(() => status.innerText()).toBe('已考核');

    // The federation's list shows it assessed; the teacher's archive has the derived line with its assessment.
    await admin.reload();
    await expect.poll(() => admin.getByTestId(`exchange-status-${exchange!.id}`).innerText(), { timeout: 20_000 }).toBe('已考核');
    const archive = await api<ArchiveList>('GET', `/v1/archive?from=${day(-60)}&to=${day(0)}`, { token: teacher.token });
    expect(archive.body.entries.find((e) => e.exchangeId === exchange!.id)).toMatchObject({ kind: 'rotation', detail: expect.stringContaining('考核：优秀') });
  });
});
