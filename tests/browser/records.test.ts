import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing, BriefingLink, MyReflection, RecordBundle, Roster } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { devLoginPage, launchBrowser } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';
import { unzip } from '../support/zip.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const TEACHER = 'east2-teacher-6';
const REFLECTION =
  '本次联合教研聚焦“大单元教学”，两节课都从真实情境出发设计任务。我最大的体会是：目标要可检测，活动要围绕目标展开，评价要贯穿始终。下周我会在自己班上试一试。';

let phone: Browser;
let desk: Browser;
let sessionId = '';
let organizerToken = '';

beforeAll(async () => {
  phone = await launchBrowser();
  desk = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  const created = await publishedSession({
    kind: 'lesson_observation',
    title: '活动档案：浏览器测试',
    lesson: { teacherName: '叶春兰', className: '四年级(2)班', topic: '《大单元教学示范》' },
  });
  sessionId = created.session.id;
  organizerToken = created.organizerToken;
  for (const account of [TEACHER, 'core-teacher-6', 'qingshan-teacher-5']) {
    const { token } = await devLogin(account);
    const qr = (await currentQr(sessionId, organizerToken)).token;
    expect((await api('POST', `/v1/sessions/${sessionId}/sign-ins`, { token, body: scan(qr) })).status).toBe(201);
  }
  const deadline = new Date(Date.now() + 24 * 3_600_000).toISOString();
  expect((await api('PUT', `/v1/sessions/${sessionId}/reflection-request`, { token: organizerToken, body: { minLength: 40, deadline, prompt: '结合课堂实践谈收获' } })).status).toBe(200);
});
afterAll(async () => {
  await phone?.close();
  await desk?.close();
});

/** All pages' text, a line per text run, between newlines. */
const printedText = (pdf: Buffer) => `\n${pdfText(pdf).join('\n')}\n`;

const loginAs = (account: string): Promise<Page> => devLoginPage(phone, stack().url, account);

describe('活动档案 in the browser', () => {
  it('lets an attendee open 待提交心得, save a draft and submit the reflection', async () => {
    const page = await loginAs(TEACHER);
    // 待提交心得 on 签到 lists the session; it opens the reflection page.
    await page.getByTestId('nav-signIn').click();
    const pending = page.getByTestId(`pending-reflection-${sessionId}`);
    await pending.waitFor({ timeout: 20_000 });
    expect(await pending.innerText()).toContain('至少 40 字');
    await pending.click();
    await page.getByTestId('reflection-page').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('reflection-status').innerText()).toContain('截止');

    const text = page.getByTestId('reflection-text').locator('textarea');
    await text.fill('大单元教学很有启发');
    expect(await page.getByTestId('reflection-counter').innerText()).toBe('9 / 至少 40 字');
    await page.getByTestId('reflection-submit').click();
    expect(await page.getByTestId('reflection-form-error').innerText()).toContain('至少 40 字');
    await page.getByTestId('reflection-save-draft').click();
    await expect.poll(() => page.getByTestId('reflection-status').innerText(), { timeout: 15_000 }).toContain('草稿已保存');

    await text.fill(REFLECTION);
    await page.getByTestId('reflection-submit').click();
    await expect.poll(() => page.getByTestId('reflection-status').innerText(), { timeout: 15_000 }).toContain('已提交第 1 版');
    // The session page links to the same page for those who signed in.
    await page.goto(`${stack().url}/#/packages/signin/session/index?id=${sessionId}`);
    await page.getByTestId('open-reflection').click();
    await expect.poll(() => page.getByTestId('reflection-status').innerText(), { timeout: 15_000 }).toContain('已提交第 1 版');
    // 我的档案: the attended lesson's line carries the reflection.
    await page.goto(`${stack().url}/#/packages/archive/mine/index`);
    const line = page.getByTestId(`archive-entry-obs-${sessionId}`);
    await line.waitFor({ timeout: 20_000 });
    expect(await line.innerText()).toContain('心得');
    await line.click();
    expect(await line.getByTestId('archive-entry-reflection').innerText()).toContain('目标要可检测');

    const { token } = await devLogin(TEACHER);
    const mine = await api<MyReflection>('GET', `/v1/sessions/${sessionId}/reflections/me`, { token });
    expect(mine.body.reflection).toMatchObject({ status: 'submitted', text: REFLECTION, version: 1 });
  });

  it('renders the briefing to an A4 PDF with the roster figures, and downloads the record bundle', async () => {
    const excerpt = '目标要可检测，活动要围绕目标展开，评价要贯穿始终。';
    expect((await api('PUT', `/v1/sessions/${sessionId}/reflections/excerpts`, { token: organizerToken, body: { items: [{ userId: `u-${TEACHER}`, text: excerpt }] } })).status).toBe(200);
    const roster = await api<Roster>('GET', `/v1/sessions/${sessionId}/attendance`, { token: organizerToken });
    const link = await api<BriefingLink>('GET', `/v1/sessions/${sessionId}/briefing-link`, { token: organizerToken });
    expect(link.status).toBe(200);

    const page = await desk.newPage();
    await page.goto(link.body.url);
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`).innerText();
    expect(Number(await figure('expected'))).toBe(roster.body.summary.expected);
    expect(Number(await figure('signedIn'))).toBe(roster.body.summary.signedIn);
    expect(Number(await figure('late'))).toBe(roster.body.summary.late);
    expect(roster.body.summary.signedIn).toBe(3);
    const body = await page.locator('body').innerText();
    for (const text of ['活动简报', '活动档案：浏览器测试', '青山乡中心小学', excerpt]) expect(body).toContain(text);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    // A4 is 595 × 842 points.
    expect(raw).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+841(\.\d+)?|\/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+842/);
    // The printed text carries the roster's figures: the totals under their labels, then a row per school.
    const { summary } = roster.body;
    const { figures } = (await api<Briefing>('GET', `/v1/sessions/${sessionId}/briefing`, { token: organizerToken })).body;
    expect(figures.bySchool.reduce((sum, r) => sum + r.signedIn, 0)).toBe(summary.signedIn);
    const printed = printedText(pdf);
    expect(printed).toContain('活动档案：浏览器测试');
    expect(printed).toContain(`\n${summary.expected}\n应到\n${summary.signedIn}\n实到（已签到）\n${summary.late}\n迟到\n`);
    for (const r of figures.bySchool) expect(printed).toContain(`\n${r.schoolName}\n${r.expected}\n${r.signedIn}\n${r.late}\n`);
    expect(printed.replace(/\n/g, '')).toContain(excerpt);

    const bundle = await api<RecordBundle>('GET', `/v1/sessions/${sessionId}/record-bundle`, { token: organizerToken });
    expect(bundle.status).toBe(200);
    const download = await fetch(bundle.body.url);
    const files = unzip(Buffer.from(await download.arrayBuffer()));
    const entries = [...files.keys()];
    expect(entries).toEqual(bundle.body.entries);
    expect(entries.some((e) => e.startsWith('04-签到表/') && e.endsWith('.xlsx'))).toBe(true);
    expect(entries.filter((e) => e.startsWith('06-心得体会/'))).toHaveLength(1);
    expect(entries).toContain('07-活动简报/活动简报.html');
    expect(entries).toContain('07-活动简报/活动简报.pdf');
    // The bundle's own PDF of the briefing (STSong-Light, not embedded) reads the same figures.
    const bundled = printedText(files.get('07-活动简报/活动简报.pdf') ?? Buffer.alloc(0));
    expect(bundled).toContain('\n活动档案：浏览器测试\n');
    expect(bundled).toContain(`\n签到 ${summary.signedIn} / 应到 ${summary.expected} / 迟到 ${summary.late} / 出勤率 `);
    for (const r of figures.bySchool) expect(bundled).toContain(`\n${r.schoolName}\n${r.expected}\n${r.signedIn}\n${r.late}\n`);
    expect(bundled).toContain('\n授课教师\n叶春兰（四年级(2)班）\n课题\n《大单元教学示范》\n');
    expect(bundled.replace(/\n/g, '')).toContain(excerpt);
  });
});
