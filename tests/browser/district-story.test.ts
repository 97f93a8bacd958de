import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResult, FederationWithSchools, Invite, PeoplePage, Session, SetupStatus } from '@lianyan/shared';
import { launchBrowser } from '../support/browser.ts';
import { startChildStack, type ChildStack } from '../support/child-stack.ts';
import { excelFile, TEACHER_HEADER } from '../support/imports.ts';
import { makeSessionInput } from '../support/sessions.ts';

// The whole story of issue "a district sets itself up", from an empty store (SEED=none) on a stack of its own:
// the bootstrap command's invite → the district admin sets up a federation of 4 schools in 组织架构 → a school admin
// imports a 50-row roster with 3 bad rows, fixes it and applies → a teacher on it logs in by phone (WeChat) and lands
// on their school without an invite code → a 中心教研组's session has them in its audience, and they sign in.

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
type Browser = Awaited<ReturnType<typeof launchBrowser>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;
let browser: Browser;
let stack: ChildStack;

async function call<T = Record<string, unknown>>(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, text };
}

async function fake(path: string, body: unknown): Promise<string> {
  const res = await fetch(`${stack.wechatUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return ((await res.json()) as { code: string }).code;
}

/** `npm run admin -- …` against this stack's table, as the district's IT person would run it. */
async function admin(...args: string[]) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'infra/src/admin/cli.ts', ...args, '--endpoint', stack.dynamoEndpoint, '--table', stack.tableName], {
    cwd: root,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
  });
  return stdout;
}

/** A new local account (新建本地账号) that agrees to our texts and redeems an invite code on the bind page. */
async function newAccountWithInvite(page: Page, account: string, code: string, name: string) {
  await page.goto(`${stack.url}/#/packages/auth/dev-login/index`);
  await page.getByTestId('dev-new-account-name').locator('input').fill(account);
  await page.getByTestId('dev-new-account-submit').click();
  await page.getByTestId('bind').waitFor({ timeout: 20_000 });
  await page.getByTestId('bind-code').locator('input').fill(code);
  const nameField = page.getByTestId('bind-name').locator('input');
  if (await nameField.count()) await nameField.fill(name);
  await page.getByTestId('bind-submit').click();
  await page.getByTestId('home').waitFor({ timeout: 20_000 });
  await agreeToOurTexts(page);
}

/** A new account is asked once for its agreement to 隐私政策 and 用户协议 on the home page. */
async function agreeToOurTexts(page: Page) {
  await page.getByTestId('privacy-sheet').waitFor({ timeout: 20_000 });
  await page.getByTestId('privacy-agree').click();
  await page.getByTestId('privacy-sheet').waitFor({ state: 'detached' });
}

const devToken = async (account: string) => (await call<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } })).body.token;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchBrowser(), startChildStack({
      CHILD_SEED: 'none',
      CHILD_WEB_ROOT: resolve(root, 'miniapp/dist/h5'),
      CHILD_JWT_SECRET: randomBytes(32).toString('hex'),
      CHILD_QR_SECRET: randomBytes(32).toString('hex'),
    }),]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a district sets itself up from an empty store', () => {
  it('bootstrap → federation of 4 schools → roster from Excel → a teacher logs in by phone and signs in to a group session', async () => {
    // 1. The one command: a district and a single-use invite; run again, no second district and no invite.
    const printed = await admin('bootstrap', '--district', '明湖区教育体育局');
    const code = /邀请码：([A-Z0-9]{8})/.exec(printed)?.[1];
    expect(code, printed).toBeDefined();
    expect(await admin('bootstrap', '--district', '明湖区教育体育局')).toMatch(/教体局已存在[\s\S]*--new-invite/);

    // 2. The district admin redeems it and builds the federation in 组织架构.
    const page = await browser.newPage();
    await newAccountWithInvite(page, 'district-it', code!, '区教育局管理员');
    const district = await devToken('district-it');
    const empty = await call<SetupStatus>('GET', '/v1/setup-status', { token: district });
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body.federations).toEqual([]);

    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-organization').click();
    await page.getByTestId('org-page').waitFor({ timeout: 20_000 });
    await page.getByTestId('federation-name').locator('input').fill('明湖区城南教育联盟');
    await page.getByTestId('federation-kind-alliance').click();
    await page.getByTestId('federation-create').click();
    const federation = async () => (await call<{ items: FederationWithSchools[] }>('GET', '/v1/federations', { token: district })).body.items[0];
    await expect.poll(async () => (await federation())?.federation.name, { timeout: 15_000 }).toBe('明湖区城南教育联盟');
    const federationId = (await federation())!.federation.id;
    const names = ['城南实验小学', '城南第二小学', '南湖小学', '南山乡中心小学'];
    for (const school of names) {
      await page.getByTestId(`org-add-school-${federationId}`).click();
      await page.getByTestId('school-name').locator('input').fill(school);
      if (school.includes('乡')) await page.getByTestId('school-rural').click();
      await page.getByTestId('school-save').click();
      await expect.poll(() => page.getByTestId(`org-federation-${federationId}`).innerText(), { timeout: 15_000 }).toContain(school);
    }
    const schools = (await federation())!.schools;
    expect(schools.map((s) => s.name).sort()).toEqual([...names].sort());
    expect(schools.filter((s) => s.isCore).map((s) => s.name)).toEqual(['城南实验小学']);
    const school = schools.find((s) => s.name === '城南第二小学')!;

    // 3. The school's admin, invited by the district admin, imports the roster: 3 bad rows first, then the fixed file.
    const invite = await call<Invite>('POST', '/v1/invites', { token: district, body: { role: 'schoolAdmin', scope: { schoolId: school.id }, maxUses: 1 } });
    expect(invite.status, invite.text).toBe(201);
    const adminPage = await browser.newPage();
    await newAccountWithInvite(adminPage, 'nan2-admin', invite.body.code, '城南二小管理员');
    const tag = randomUUID().slice(0, 4);
    const phone = (i: number) => `139${String(20_000_000 + i * 7919).padStart(8, '0')}`;
    const rows = Array.from({ length: 50 }, (_, i) => [`城南${tag}${String(i).padStart(2, '0')}`, phone(i), i === 0 ? '教研组长' : '教师', i % 2 ? '数学' : '语文', '四年级', '']);
    const bad = rows.map((r) => [...r]);
    bad[7]![1] = '13800';
    bad[22]![2] = '校董';
    bad[30]![1] = bad[3]![1]!;
    await adminPage.goto(`${stack.url}/#/packages/admin/import/index?schoolId=${school.id}`);
    await adminPage.getByTestId('import-page').waitFor({ timeout: 20_000 });
    const choose = async (bytes: Buffer) => {
      const [chooser] = await Promise.all([adminPage.waitForEvent('filechooser'), adminPage.getByTestId('import-choose').click()]);
      await chooser.setFiles({ name: '教师名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    };
    await choose(await excelFile([TEACHER_HEADER, ...bad]));
    await expect.poll(() => adminPage.getByTestId('import-error').count(), { timeout: 20_000 }).toBe(3);
    expect((await adminPage.getByTestId('import-error').allInnerTexts()).map((t) => /第 (\d+) 行/.exec(t)?.[1])).toEqual(['9', '24', '32']);
    const schoolAdmin = await devToken('nan2-admin');
    const listed = async () => (await call<PeoplePage>('GET', `/v1/schools/${school.id}/people?limit=100`, { token: schoolAdmin })).body.items;
    expect((await listed()).filter((p) => p.name.startsWith(`城南${tag}`))).toEqual([]);
    await choose(await excelFile([TEACHER_HEADER, ...rows]));
    await expect.poll(() => adminPage.getByTestId('import-summary-create').innerText(), { timeout: 20_000 }).toContain('50');
    expect(await adminPage.getByTestId('import-error').count()).toBe(0);
    await adminPage.getByTestId('import-apply').click();
    await expect.poll(() => adminPage.getByTestId('import-result').innerText(), { timeout: 30_000 }).toContain('新增 50 人');
    expect((await listed()).filter((p) => p.name.startsWith(`城南${tag}`) && p.status === 'invited')).toHaveLength(50);

    // 4. A teacher on the roster opens the mini-program with 手机号快捷登录: no invite code, the right school and role.
    const login = await call<AuthResult>('POST', '/v1/auth/wechat', {
      body: { code: await fake('/__fake/codes', { openid: `o-story-${tag}` }), phoneCode: await fake('/__fake/phone-codes', { phone: phone(0) }) },
    });
    expect(login.status, login.text).toBe(200);
    expect(login.body.user).toMatchObject({ name: `城南${tag}00`, position: 'group_leader', roles: [{ role: 'teacher', scope: { schoolId: school.id } }] });
    const teacher = login.body;
    const teacherPage = await browser.newPage();
    await teacherPage.goto(`${stack.url}/`);
    await teacherPage.evaluate((auth) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
      storage.setItem('lianyan.accessToken', JSON.stringify({ data: auth.token }));
      storage.setItem('lianyan.refreshToken', JSON.stringify({ data: auth.refreshToken }));
      storage.setItem('lianyan.user', JSON.stringify({ data: auth.user }));
    }, teacher);
    // A fresh launch with the stored login, as reopening the mini-program would be.
    await teacherPage.goto(`${stack.url}/#/pages/index/index`);
    await teacherPage.reload();
    await teacherPage.getByTestId('home').waitFor({ timeout: 20_000 });
    await agreeToOurTexts(teacherPage);
    await expect.poll(() => teacherPage.getByTestId('home').innerText(), { timeout: 15_000 }).toContain(`城南${tag}00`);

    // 5. The federation's 四年级语文 中心教研组 with this teacher as leader; a session for it has them in its audience.
    const group = await call<{ group: { id: string } }>('POST', `/v1/federations/${federationId}/groups`, { token: district, body: { subject: '语文', grade: '四年级', leaderId: teacher.user.id } });
    expect(group.status, group.text).toBe(201);
    const created = await call<Session>('POST', '/v1/sessions', {
      token: district,
      body: makeSessionInput({ title: '四年级语文中心教研组：整本书阅读', hostSchoolId: school.id, audience: { type: 'group', groupId: group.body.group.id } }),
    });
    expect(created.status, created.text).toBe(201);
    expect((await call('POST', `/v1/sessions/${created.body.id}/publish`, { token: district })).status).toBe(200);
    const qr = await call<{ token: string }>('GET', `/v1/sessions/${created.body.id}/qr?purpose=in`, { token: district });
    const signIn = await call('POST', `/v1/sessions/${created.body.id}/sign-ins`, { token: teacher.token, body: { token: qr.body.token, deviceId: `dev-${tag}`, nonce: randomUUID() } });
    expect(signIn.status, signIn.text).toBe(201);
    const roster = await call<{ summary: { expected: number; signedIn: number } }>('GET', `/v1/sessions/${created.body.id}/attendance`, { token: district });
    expect(roster.body.summary.signedIn).toBe(1);
    expect(roster.body.summary.expected).toBeGreaterThanOrEqual(1);

    // What the district admin's home shows now.
    const status = (await call<SetupStatus>('GET', '/v1/setup-status', { token: district })).body.federations[0]!;
    expect(status).toMatchObject({ groups: 1 });
    expect(status.schools.find((s) => s.id === school.id)).toMatchObject({ admins: 1, teachers: { active: 1, invited: 49 } });
    expect(browser.errors).toEqual([]);
  }, 300_000);
});
