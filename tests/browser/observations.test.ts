import type { AuthResult, Coverage, Federation, ObservationPage, School } from '@lianyan/shared';
import { DEFAULT_SCALE } from '@lianyan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreeToTexts, api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

// 听评课 from end to end, on a federation of its own (the demo federation's figures stay as they are): the school admin
// sees the teacher not yet observed; the principal observes the lesson with the scale while offline, the phone
// reconnects and the observation goes; the teacher reads the feedback and acknowledges it, and finds it with the
// dimension means in the growth archive; the coverage has moved.

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;
const tag = Date.now().toString(36).slice(-5);
let world: { federationId: string; schoolId: string; admin: string; fedAdmin: string; principal: { account: string; id: string }; teacher: { account: string; id: string } };

async function person(account: string, name: string, role: string, scope: Record<string, string>, profile?: Record<string, unknown>) {
  const district = (await devLogin('district-admin')).token;
  const invite = await api<{ code: string }>('POST', '/v1/invites', { token: district, body: { role, scope } });
  const login = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } });
  expect(login.status, login.text).toBe(200);
  const redeemed = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.body.token, body: { code: invite.body.code, name } });
  expect(redeemed.status, redeemed.text).toBe(200);
  if (profile) expect((await api('PATCH', `/v1/people/${redeemed.body.user.id}`, { token: district, body: profile })).status).toBe(200);
  return { account, id: redeemed.body.user.id };
}

beforeAll(async () => {
  browser = await launchBrowser();
  const district = (await devLogin('district-admin')).token;
  const federation = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `听课浏览器${tag}`, kind: 'alliance' } });
  const school = await api<School>('POST', `/v1/federations/${federation.body.id}/schools`, { token: district, body: { name: `听课浏览器小学${tag}`, stage: 'primary' } });
  const schoolId = school.body.id;
  world = {
    federationId: federation.body.id,
    fedAdmin: (await person(`obs-fed-${tag}`, '听课联体管理员', 'federationAdmin', { federationId: federation.body.id })).account,
    schoolId,
    admin: (await person(`obs-admin-${tag}`, '听课校管', 'schoolAdmin', { schoolId })).account,
    principal: await person(`obs-principal-${tag}`, '郑校长', 'teacher', { schoolId }, { position: 'principal', subjects: ['语文'] }),
    teacher: await person(`obs-teacher-${tag}`, '韩老师', 'teacher', { schoolId }, { subjects: ['数学'], grades: ['三年级'] }),
  };
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function loginAs(account: string) {
  await agreeToTexts((await devLogin(account)).token);
  const page = await browser.newPage();
  await page.goto(`${stack().url}/#/packages/auth/dev-login/index`);
  await page.getByTestId(`dev-account-${account}`).click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  return page;
}

describe('听评课', () => {
  it('a principal observes offline, reconnects and submits; the teacher reads and acknowledges; coverage moves', async () => {
    // The school admin: 管理 → 听评课覆盖 names the teacher as not yet observed.
    const admin = await loginAs(world.admin);
    await admin.goto(`${stack().url}/#/packages/observe/coverage/index`);
    await admin.getByTestId(`missing-${world.teacher.id}`).waitFor();
    expect(await admin.getByTestId('coverage-headline').textContent()).toContain('已覆盖 0/2');

    // The principal: 听课 on the home page, picks 韩老师, fills in the scale.
    const principal = await loginAs(world.principal.account);
    await principal.getByTestId('home-observe').click();
    await principal.getByTestId(`observe-teacher-${world.teacher.id}`).click();
    await principal.getByTestId('observe-form').waitFor();
    await principal.getByTestId('observe-className').locator('input').fill('三年级(2)班');
    await principal.getByTestId('observe-topic').locator('input').fill('分数的初步认识');
    for (const item of DEFAULT_SCALE.dimensions.flatMap((d) => d.items)) await principal.getByTestId(`score-${item.id}-4`).click();
    await principal.getByTestId('observe-note').locator('input').fill('用分披萨导入，学生兴趣浓');
    await principal.getByTestId('observe-add-note').click();
    expect(await principal.getByTestId('observe-notes').textContent()).toContain('第 1 分钟：用分披萨导入，学生兴趣浓');
    await principal.getByTestId('observe-suggestions').locator('textarea').fill('练习的梯度可再拉开');

    // Offline: the submit is kept on the phone.
    await principal.context().setOffline(true);
    await principal.getByTestId('observe-submit').click();
    await principal.getByText('网络不可用：已保存，联网后自动提交').waitFor();
    expect(await principal.getByTestId('observe-drafts').textContent()).toContain('等待联网后自动提交');
    const teacherToken = (await devLogin(world.teacher.account)).token;
    expect((await api<ObservationPage>('GET', '/v1/observations?teacher=me', { token: teacherToken })).body.items).toHaveLength(0);

    // Back online: the queued observation goes by itself, once.
    await principal.context().setOffline(false);
    await expect.poll(async () => (await api<ObservationPage>('GET', '/v1/observations?teacher=me', { token: teacherToken })).body.items.length, { timeout: 15_000 }).toBe(1);
    const principalToken = (await devLogin(world.principal.account)).token;
    const given = (await api<ObservationPage>('GET', '/v1/observations?observer=me', { token: principalToken })).body.items;
    expect(given).toHaveLength(1);
    expect(given[0]).toMatchObject({ teacherId: world.teacher.id, className: '三年级(2)班', total: 75, suggestions: '练习的梯度可再拉开', notes: [expect.objectContaining({ text: '用分披萨导入，学生兴趣浓' })] });

    // The teacher: 我的听课 shows the feedback; 确认已阅 with a reflection.
    const teacher = await loginAs(world.teacher.account);
    await teacher.goto(`${stack().url}/#/packages/observe/mine/index`);
    const lesson = teacher.getByTestId(`lesson-${given[0]!.id}`);
    await lesson.waitFor();
    expect(await lesson.textContent()).toContain('建议：练习的梯度可再拉开');
    await teacher.getByTestId(`reflection-${given[0]!.id}`).locator('textarea').fill('下次把练习分成三层');
    await teacher.getByTestId(`acknowledge-${given[0]!.id}`).click();
    await lesson.getByText('已确认反馈').waitFor();

    // 我的档案: 听评课反馈 with the dimension means (every item 4 of 1–5: 75 each) and the feedback with the reflection.
    await teacher.goto(`${stack().url}/#/packages/archive/mine/index`);
    const figures = teacher.getByTestId('obs-figures');
    await figures.waitFor({ timeout: 20_000 });
    const shown = (await figures.textContent()) ?? '';
    expect(shown).toContain('被听课 1 节');
    expect(shown).toContain('教学目标75');
    expect(shown).toContain('建议：练习的梯度可再拉开');
    expect(shown).toContain('反思：下次把练习分成三层');

    // Coverage moved: the teacher is covered, the principal counts one lesson toward 30.
    const again = await loginAs(world.admin);
    await again.goto(`${stack().url}/#/packages/observe/coverage/index`);
    await again.getByTestId('coverage-headline').waitFor();
    expect(await again.getByTestId('coverage-headline').textContent()).toContain('已覆盖 1/2');
    expect(await again.getByTestId(`missing-${world.teacher.id}`).count()).toBe(0);
    expect(await again.getByTestId(`observer-${world.principal.id}`).textContent()).toContain('1/30 节');
    expect(await again.getByTestId('coverage-dimensions').textContent()).toContain('课堂观察量表（通用） · 1 节');
    const coverage = (await api<Coverage>('GET', `/v1/schools/${world.schoolId}/observation-coverage`, { token: (await devLogin(world.admin)).token })).body;
    expect(coverage.notObserved.map((t) => t.id)).toEqual([world.principal.id]);
  });

  it('a federation admin makes a scale, and a change is saved as its second version', async () => {
    const page = await loginAs(world.fedAdmin);
    await page.goto(`${stack().url}/#/packages/observe/scales/index`);
    await page.getByTestId('scale-default').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('scale-default').textContent()).toContain('内置');
    await page.getByTestId('scale-new').click();
    await page.getByTestId('scale-name').locator('input').fill('数学课堂观察量表');
    await page.getByTestId('field-dimension-name-0').locator('input').fill('教学目标');
    await page.getByTestId('field-dimension-weight-0').locator('input').fill('40');
    await page.getByTestId('field-dimension-items-0').locator('textarea').fill('目标清晰\n重点突出');
    await page.getByTestId('scale-add-dimension').click();
    await page.getByTestId('field-dimension-name-1').locator('input').fill('学生参与');
    await page.getByTestId('field-dimension-weight-1').locator('input').fill('50');
    await page.getByTestId('field-dimension-items-1').locator('textarea').fill('人人动手');
    await page.getByTestId('scale-save').click();
    expect(await page.getByTestId('scale-error').textContent()).toBe('各维度权重之和应为 100');
    await page.getByTestId('field-dimension-weight-1').locator('input').fill('60');
    await page.getByTestId('scale-save').click();
    await page.getByText('数学课堂观察量表').waitFor();

    const district = (await devLogin('district-admin')).token;
    const made = (await api<{ items: Array<{ id: string; name: string; version: number; dimensions: Array<{ items: unknown[] }> }> }>('GET', `/v1/federations/${world.federationId}/observation-scales`, { token: district })).body.items.find((x) => x.name === '数学课堂观察量表');
    expect(made).toMatchObject({ version: 1 });
    expect(made?.dimensions.map((d) => d.items.length)).toEqual([2, 1]);

    await page.getByTestId(`scale-edit-${made!.id}`).click();
    await page.getByTestId('scale-name').locator('input').fill('数学课堂观察量表（修订）');
    await page.getByTestId('scale-save').click();
    await page.getByText('数学课堂观察量表（修订）').waitFor();
    expect(await page.getByTestId(`scale-${made!.id}`).textContent()).toContain('第 2 版');
  });
});
