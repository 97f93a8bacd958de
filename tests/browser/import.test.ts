import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeoplePage } from '@lianyan/shared';
import { api, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { excelFile, importWorld, newPhone, TEACHER_HEADER } from '../support/imports.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('导入教师名册', () => {
  it('a school admin downloads the template, sees the 3 bad rows of a 50-row file, fixes them and applies: 50 teachers invited', async () => {
    const world = await importWorld();
    const page = await browser.newPage();
    // Signed in as the school admin made through an invite (stored as the app stores a login).
    await page.goto(`${stack().url}/`);
    await page.evaluate((auth) => {
      const localStorage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
      localStorage.setItem('lianyan.accessToken', JSON.stringify({ data: auth.token }));
      localStorage.setItem('lianyan.refreshToken', JSON.stringify({ data: auth.refreshToken }));
      localStorage.setItem('lianyan.user', JSON.stringify({ data: auth.user }));
    }, world.schoolAdminAuth);
    await page.goto(`${stack().url}/#/packages/admin/import/index?schoolId=${world.a.id}`);
    await page.getByTestId('import-page').waitFor({ timeout: 20_000 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toBe('教师名册模板.xlsx');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(readFileSync((await download.path())!) as never);
    expect((template.getWorksheet('教师名册')!.getRow(1).values as unknown[]).slice(1)).toEqual(TEACHER_HEADER);
    expect(template.getWorksheet('说明')).toBeDefined();

    const tag = Date.now().toString(36).slice(-4);
    const rows = Array.from({ length: 50 }, (_, i) => [`名册${tag}${String(i).padStart(2, '0')}`, newPhone(), i % 10 === 0 ? '教研组长' : '教师', i % 2 ? '数学' : '语文', '三年级', i % 7 === 0 ? '骨干教师' : '']);
    const bad = rows.map((r) => [...r]);
    bad[4]![1] = '1380013';   // row 6: not a phone number
    bad[19]![3] = '魔法';      // row 21: unknown subject
    bad[39]![1] = bad[2]![1]!; // row 41: the phone of row 4 again
    // Taro's button keeps the attribute and writes its value: disabled="false" when it is not.
    const applyDisabled = async () => !['false', null].includes(await page.getByTestId('import-apply').getAttribute('disabled'));
    const choose = async (bytes: Buffer) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-choose').click()]);
      await chooser.setFiles({ name: '教师名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    };

    await choose(await excelFile([TEACHER_HEADER, ...bad]));
    await page.getByTestId('import-preview').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('import-error').count()).toBe(3);
    const errors = await page.getByTestId('import-error').allInnerTexts();
    expect(errors[0]).toMatch(/第 6 行 · 手机号[\s\S]*不是 11 位手机号/);
    expect(errors[1]).toMatch(/第 21 行 · 学科[\s\S]*「魔法」无法识别/);
    expect(errors[2]).toMatch(/第 41 行 · 手机号[\s\S]*与第 4 行重复/);
    expect(await page.getByTestId('import-summary-invalid').innerText()).toContain('3');
    expect(await page.getByTestId('import-summary-create').innerText()).toContain('47');
    expect(await applyDisabled()).toBe(true);
    // Tapping it anyway imports nothing.
    await page.getByTestId('import-apply').click({ force: true });
    await page.waitForTimeout(500);
    expect(await page.getByTestId('import-result').count()).toBe(0);
    const none = await api<PeoplePage>('GET', `/v1/schools/${world.a.id}/people?limit=100&q=${encodeURIComponent(`名册${tag}`)}`, { token: world.schoolAdmin });
    expect(none.body.items).toEqual([]);

    await choose(await excelFile([TEACHER_HEADER, ...rows]));
    await expect.poll(() => page.getByTestId('import-error').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('import-summary-create').innerText()).toContain('50');
    expect(await applyDisabled()).toBe(false);
    await page.getByTestId('import-apply').click();
    await expect.poll(() => page.getByTestId('import-result').innerText(), { timeout: 30_000 }).toContain('新增 50 人');

    const listed = await api<PeoplePage>('GET', `/v1/schools/${world.a.id}/people?limit=100&q=${encodeURIComponent(`名册${tag}`)}`, { token: world.schoolAdmin });
    expect(listed.body.items).toHaveLength(50);
    expect(listed.body.items.every((p) => p.status === 'invited')).toBe(true);
    expect(listed.body.items.find((p) => p.name === `名册${tag}00`)).toMatchObject({ position: 'group_leader', subjects: ['语文'], grades: ['三年级'], titles: ['backbone'] });
    expect(browser.errors).toEqual([]);
  });
});
