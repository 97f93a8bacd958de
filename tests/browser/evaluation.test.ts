import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let observerPhone: Browser;
let teacherPhone: Browser;

beforeAll(async () => {
  observerPhone = await launchBrowser();
  teacherPhone = await launchBrowser();
});
afterAll(async () => {
  await observerPhone?.close();
  await teacherPhone?.close();
});

// One browser per person: a context's pages share the stored login.
async function loginAs(browser: Browser, account: string) {
  const page = await browser.newPage();
  await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
  await page.getByTestId(`dev-account-${account}`).click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  return page;
}

describe('评课 on a lesson observation', () => {
  it('lets a signed-in observer rate the lesson and shows it to the teaching teacher', async () => {
    const { session, organizerToken } = await publishedSession({
      kind: 'lesson_observation',
      title: '听评课：分数的初步认识',
      lesson: { teacherId: 'u-core-teacher-2', teacherName: '叶春兰', className: '三年级(1)班', topic: '《分数的初步认识》' },
      geofence: 'off',
    });
    const observer = await devLogin('east2-teacher-2');
    const qr = await currentQr(session.id, organizerToken);
    const signIn = await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: observer.token, body: scan(qr.token) });
    expect(signIn.status).toBeLessThan(300);

    const page = await loginAs(observerPhone, 'east2-teacher-2');
    await page.goto(`${stack().url}/#/packages/signin/session/index?id=${session.id}`);
    const lesson = page.getByTestId('lesson-info');
    await expect.poll(() => lesson.innerText(), { timeout: 20_000 }).toContain('叶春兰');
    expect(await lesson.innerText()).toContain('《分数的初步认识》');

    const form = page.getByTestId('evaluation-form');
    await form.waitFor({ timeout: 15_000 });
    await page.getByTestId('evaluation-submit').click();
    await expect.poll(() => form.innerText()).toContain('请先点选星级');

    await page.getByTestId('evaluation-star-4').click();
    const comment = '导入贴近生活，用分蛋糕引出二分之一，学生动手折纸环节参与度高；建议练习再分层一些。';
    await page.getByTestId('evaluation-comment').locator('textarea').fill(comment);
    await expect.poll(() => page.getByTestId('evaluation-count').innerText()).toBe(`${comment.length}/1000`);
    await page.screenshot({ path: 'test-results/evaluation-form.png', fullPage: true });
    await page.getByTestId('evaluation-submit').click();

    const mine = page.getByTestId('evaluation-mine');
    await expect.poll(() => mine.innerText(), { timeout: 15_000 }).toContain('已提交');
    expect(await mine.innerText()).toContain('分蛋糕');
    await page.screenshot({ path: 'test-results/evaluation-submitted.png', fullPage: true });

    const teacher = await loginAs(teacherPhone, 'core-teacher-2');
    await teacher.goto(`${stack().url}/#/packages/signin/session/index?id=${session.id}`);
    const list = teacher.getByTestId('evaluation-list');
    await expect.poll(() => list.innerText(), { timeout: 20_000 }).toContain('分蛋糕');
    expect((await teacher.getByTestId('evaluation-average').innerText()).trim()).toBe('4');
    expect(await teacher.getByTestId('evaluation-form').count()).toBe(0);
    await teacher.screenshot({ path: 'test-results/evaluation-list.png', fullPage: true });
  });

  it('takes the session\'s scale when it names one, and the teaching teacher reads it in 我的听课', async () => {
    const { session, organizerToken } = await publishedSession({
      kind: 'lesson_observation',
      title: '听评课：长方形的面积',
      lesson: { teacherId: 'u-core-teacher-2', teacherName: '叶春兰', className: '三年级(2)班', topic: '《长方形的面积》' },
      scaleId: 'default',
      geofence: 'off',
    });
    const observer = await devLogin('east2-teacher-2');
    const qr = await currentQr(session.id, organizerToken);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: observer.token, body: scan(qr.token) })).status).toBeLessThan(300);

    const page = await loginAs(observerPhone, 'east2-teacher-2');
    await page.goto(`${stack().url}/#/packages/signin/session/index?id=${session.id}`);
    await page.getByTestId('observe-scale').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('evaluation-star-4').count()).toBe(0);
    const items = DEFAULT_SCALE.dimensions.flatMap((d) => d.items);
    // One item left out: the form says so and sends nothing.
    for (const item of items.slice(1)) await page.getByTestId(`score-${item.id}-4`).click();
    await page.getByTestId('evaluation-submit').click();
    await expect.poll(() => page.getByTestId('evaluation-error').innerText()).not.toBe('');
    expect((await api<{ items: unknown[] }>('GET', '/v1/observations?teacher=me', { token: (await devLogin('core-teacher-2')).token })).body.items
      .filter((o) => (o as { sessionId?: string }).sessionId === session.id)).toHaveLength(0);

    await page.getByTestId(`score-${items[0]!.id}-5`).click();
    await page.getByTestId('evaluation-strengths').locator('textarea').fill('用方格纸数面积，学生自己发现长乘宽');
    await page.getByTestId('evaluation-submit').click();
    await page.getByTestId('evaluation-done').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('evaluation-mine').innerText()).toContain('课堂观察量表（通用）');

    // The teaching teacher: the 评课 is feedback received in 我的听课, counted once.
    const received = (await api<{ items: Array<{ id: string; sessionId?: string; strengths: string }> }>('GET', '/v1/observations?teacher=me', { token: (await devLogin('core-teacher-2')).token })).body.items
      .filter((o) => o.sessionId === session.id);
    expect(received).toHaveLength(1);
    const teacher = await loginAs(teacherPhone, 'core-teacher-2');
    await teacher.goto(`${stack().url}/#/packages/observe/mine/index`);
    const lesson = teacher.getByTestId(`lesson-${received[0]!.id}`);
    await lesson.waitFor({ timeout: 20_000 });
    expect(await lesson.innerText()).toContain('用方格纸数面积');
  });

  it('raised no uncaught page errors', () => {
    expect(observerPhone.errors).toEqual([]);
    expect(teacherPhone.errors).toEqual([]);
  });
});
