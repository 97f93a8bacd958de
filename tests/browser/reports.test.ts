import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FederationReport } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  // Something to report: a joint research session 城东二小 hosts, attended by two teachers of other schools.
  const { session, organizerToken } = await publishedSession({ hostSchoolId: 'sch-east2', mode: 'online', title: '联合教研：报表浏览器测试', geofence: 'off', signOutRequired: false });
  for (const account of ['donghu-teacher-4', 'qingshan-teacher-6']) {
    const { token } = await devLogin(account);
    const res = await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token, body: scan((await currentQr(session.id, organizerToken)).token) });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('考勤与考核报表', () => {
  it('shows a federation admin a bar per school and downloads the XLSX behind it', async () => {
    const { token } = await devLogin('fed-admin');
    const expected = (await api<FederationReport>('GET', '/v1/reports/federations/fed-chengdong', { token })).body;
    const east2 = expected.schools.find((s) => s.school.id === 'sch-east2');
    expect(east2?.contribution.visitors).toBeGreaterThanOrEqual(2);

    const page = await browser.newPage();
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-fed-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-reports').click();

    const chart = page.getByTestId('report-chart');
    await chart.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('report-title').innerText()).toContain('明湖区城东教共体');
    for (const id of ['sch-core', 'sch-east2', 'sch-donghu', 'sch-qingshan']) {
      await expect.poll(() => chart.getByTestId(`bar-${id}`).isVisible()).toBe(true);
    }
    const bar = chart.getByTestId('bar-sch-east2');
    expect(await bar.innerText()).toContain('明湖区城东第二小学');
    expect(await bar.innerText()).toContain(`${east2?.bundled} 分`);
    // The fill is as wide as the score (out of 100) — a real bar, not a label.
    const [fill, track] = await Promise.all([bar.locator('.rp-bar__fill').boundingBox(), bar.locator('.rp-bar__track').boundingBox()]);
    expect(fill && track ? fill.width / track.width : 0).toBeCloseTo((east2?.bundled ?? 0) / 100, 1);
    await page.getByTestId('report-trend').waitFor();
    await page.screenshot({ path: 'test-results/reports-federation-phone.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^明湖区城东教共体-${expected.semester}学期-考勤与考核报表\\.xlsx$`));
    const book = new ExcelJS.Workbook();
    const bytes = readFileSync(await download.path());
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '各校', '教师', '月度', '交流轮岗', '听评课覆盖', '听课目标']);
    const schools = book.getWorksheet('各校');
    const header = schools?.getRow(1).values as unknown[];
    const rows = [2, 3, 4, 5].map((i) => schools?.getRow(i).values as unknown[]);
    const east2Row = rows.find((r) => r[1] === '明湖区城东第二小学');
    expect(east2Row?.[header.indexOf('外校教师到场人次')]).toBe(east2?.contribution.visitors);
    expect(east2Row?.[header.indexOf('捆绑考核得分')]).toBe(east2?.bundled);
    expect(book.getWorksheet('汇总')?.getRow(14).values).toEqual([undefined, '捆绑考核得分(核心校)', expected.summary.bundledScore]);
  });

  it('reads on a desk screen and opens a school from its bar', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
    await page.getByTestId('dev-account-fed-admin').click();
    await page.getByTestId('home').waitFor({ timeout: 20_000 });
    await page.goto(`${stack().url}/#/packages/reports/index`);
    const chart = page.getByTestId('report-chart');
    await chart.waitFor({ timeout: 20_000 });
    // The column stays readable rather than stretching across the monitor.
    expect((await page.getByTestId('reports-page').boundingBox())?.width).toBeLessThanOrEqual(960);
    await page.screenshot({ path: 'test-results/reports-federation-desk.png', fullPage: true });
    await chart.getByTestId('bar-sch-east2').click();
    // Taro's H5 keeps the federation page hidden under the school's: look at what is visible.
    const visible = (id: string) => page.locator(`[data-testid="${id}"]:visible`);
    await expect.poll(() => visible('report-title').innerText(), { timeout: 20_000 }).toContain('明湖区城东第二小学');
    await visible('report-chart').waitFor();
    expect(await visible('report-chart').innerText()).toContain('联合教研');
  });

  it('raised no uncaught page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
