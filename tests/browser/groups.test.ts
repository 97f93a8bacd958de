import type { AuthResult, Federation, GroupList, School, Session } from '@lianyan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreeToTexts, api, devLogin, stack } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';

// 中心教研组 from end to end, on a federation of its own (the demo federation's figures stay as they are):
// its admin creates 四年级语文 and names the leader, its organizer invites the group, a member sees the session.

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;
const tag = Date.now().toString(36).slice(-5);
let world: { federationId: string; schoolId: string; admin: string; organizer: string; member: { account: string; id: string; name: string }; leader: { account: string; id: string; name: string }; outsider: string };

/** A dev account (listed on the dev login page) that joins with an invite, and for teachers teaches 四年级语文. */
async function person(account: string, name: string, role: string, scope: Record<string, string>, teaching?: { subjects: string[]; grades: string[] }) {
  const district = (await devLogin('district-admin')).token;
  const invite = await api<{ code: string }>('POST', '/v1/invites', { token: district, body: { role, scope } });
  const login = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } });
  expect(login.status, login.text).toBe(200);
  const redeemed = await api<AuthResult>('POST', '/v1/invites/redeem', { token: login.body.token, body: { code: invite.body.code, name } });
  expect(redeemed.status, redeemed.text).toBe(200);
  if (teaching) expect((await api('PATCH', `/v1/people/${redeemed.body.user.id}`, { token: district, body: teaching })).status).toBe(200);
  return { account, id: redeemed.body.user.id, name };
}

beforeAll(async () => {
  browser = await launchBrowser();
  const district = (await devLogin('district-admin')).token;
  const federation = await api<Federation>('POST', '/v1/federations', { token: district, body: { name: `教研组浏览器${tag}`, kind: 'alliance' } });
  const school = await api<School>('POST', `/v1/federations/${federation.body.id}/schools`, { token: district, body: { name: `教研组浏览器小学${tag}`, stage: 'primary' } });
  const federationId = federation.body.id;
  const schoolId = school.body.id;
  const chinese4 = { subjects: ['语文'], grades: ['四年级'] };
  world = {
    federationId,
    schoolId,
    admin: (await person(`grp-admin-${tag}`, '教研管理员', 'federationAdmin', { federationId })).account,
    organizer: (await person(`grp-org-${tag}`, '教研组织者', 'organizer', { federationId })).account,
    member: await person(`grp-member-${tag}`, '林组员', 'teacher', { schoolId }, chinese4),
    leader: await person(`grp-leader-${tag}`, '周组长', 'teacher', { schoolId }, chinese4),
    outsider: (await person(`grp-out-${tag}`, '吴数学', 'teacher', { schoolId }, { subjects: ['数学'], grades: ['四年级'] })).account,
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

describe('中心教研组', () => {
  it('the federation admin creates 四年级语文 with a leader; the organizer invites it; a member sees the session', async () => {
    // The federation admin: 管理 → 中心教研组 → 新建, then 设为组长 on a member.
    const admin = await loginAs(world.admin);
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-groups').click();
    await admin.getByTestId('groups-page').waitFor({ timeout: 20_000 });
    await expect.poll(() => admin.getByTestId('groups-list').innerText(), { timeout: 15_000 }).toContain('还没有中心教研组');
    await admin.getByTestId('group-create').click();
    await expect.poll(() => admin.getByTestId('error-group-subject').innerText()).toContain('请填写学科');
    await admin.getByTestId('group-subject').locator('input').fill('语文');
    await admin.getByTestId('group-grade').locator('input').fill('四年级');
    await expect.poll(() => admin.getByTestId('field-group-name').innerText()).toContain('四年级语文中心教研组');
    await admin.getByTestId('group-create').click();
    await admin.getByTestId('group-detail').waitFor({ timeout: 20_000 });
    await expect.poll(() => admin.getByTestId('group-members').innerText(), { timeout: 15_000 }).toContain('林组员');
    expect(await admin.getByTestId('group-members').innerText()).toContain('周组长');
    expect(await admin.getByTestId('group-members').innerText()).not.toContain('吴数学');
    await admin.getByTestId(`group-leader-${world.leader.id}`).click();
    await expect.poll(() => admin.getByTestId('group-leader').innerText(), { timeout: 15_000 }).toContain('组长：周组长');
    await admin.screenshot({ path: 'test-results/groups-detail.png', fullPage: true });

    const { token } = await devLogin(world.admin);
    const groups = await api<GroupList>('GET', `/v1/federations/${world.federationId}/groups`, { token });
    const group = groups.body.items.find((g) => g.subject === '语文' && g.grade === '四年级');
    expect(group).toMatchObject({ name: '四年级语文中心教研组', leaderId: world.leader.id, memberCount: 2 });

    // The organizer: 新建活动 → 参与对象 中心教研组 → the group → 保存并发布.
    const organizer = await loginAs(world.organizer);
    await organizer.goto(`${stack().url}/#/packages/organizer/edit/index`);
    await organizer.getByTestId('session-edit').waitFor({ timeout: 20_000 });
    const title = `四年级语文组集体备课${tag}`;
    await organizer.getByTestId('edit-title').locator('input').fill(title);
    await organizer.getByTestId('edit-venueName').locator('input').fill('教研组浏览器小学 会议室');
    await organizer.getByTestId('edit-audience-group').click();
    await organizer.getByTestId(`edit-group-${group!.id}`).click();
    await organizer.getByTestId('edit-publish').click();
    const organizerToken = (await devLogin(world.organizer)).token;
    const published = async () =>
      (await api<{ items: Session[] }>('GET', `/v1/sessions?federationId=${world.federationId}`, { token: organizerToken })).body.items.find((s) => s.title === title);
    await expect.poll(async () => (await published())?.status, { timeout: 20_000 }).toBe('published');
    const session = (await published())!;
    expect(session.audience).toMatchObject({ type: 'group', groupId: group!.id, name: '四年级语文中心教研组' });
    expect(session.expectedCount).toBe(2);

    // A member sees it on their home page; a teacher of another subject does not.
    const member = await loginAs(world.member.account);
    await expect.poll(() => member.getByTestId('home-upcoming').innerText(), { timeout: 20_000 }).toContain(title);
    const outsider = await loginAs(world.outsider);
    await expect.poll(async () => (await outsider.getByTestId('home').innerText()).includes('暂无活动'), { timeout: 20_000 }).toBe(true);
    expect(await outsider.getByTestId('home').innerText()).not.toContain(title);

    // The group's page lists the session this semester.
    await admin.reload();
    await expect.poll(() => admin.getByTestId('group-sessions').innerText(), { timeout: 20_000 }).toContain(title);
  });

  it('lets the leader open the group from 我的 and organise a session for it', async () => {
    const leader = await loginAs(world.leader.account);
    await leader.getByTestId('nav-mine').click();
    await leader.getByTestId('mine-groups').click();
    await leader.getByTestId('groups-page').waitFor({ timeout: 20_000 });
    // A teacher reads the groups; creating them is for the federation's admins.
    expect(await leader.getByTestId('group-new').count()).toBe(0);
    const { token } = await devLogin(world.leader.account);
    const group = (await api<GroupList>('GET', `/v1/federations/${world.federationId}/groups`, { token })).body.items.find((g) => g.leaderId === world.leader.id)!;
    await leader.getByTestId(`group-${group.id}`).click();
    await leader.getByTestId('group-detail').waitFor({ timeout: 20_000 });
    expect(await leader.getByTestId(`group-remove-${world.member.id}`).count()).toBe(0);
    await leader.getByTestId('group-new-session').click();
    await leader.getByTestId('session-edit').waitFor({ timeout: 20_000 });
    await expect.poll(() => leader.getByTestId(`edit-group-${group.id}`).getAttribute('class'), { timeout: 15_000 }).toContain('choices__item--on');
    const title = `组长组织的听课${tag}`;
    await leader.getByTestId('edit-title').locator('input').fill(title);
    await leader.getByTestId('edit-venueName').locator('input').fill('教研组浏览器小学 四(1)班');
    await leader.getByTestId('edit-publish').click();
    const mine = async () => (await api<{ items: Session[] }>('GET', `/v1/sessions?federationId=${world.federationId}`, { token })).body.items.find((s) => s.title === title);
    await expect.poll(async () => (await mine())?.status, { timeout: 20_000 }).toBe('published');
    expect(await mine()).toMatchObject({ organizerId: world.leader.id, hostSchoolId: world.schoolId, audience: { type: 'group', groupId: group.id }, expectedCount: 2 });
  });

  it('raised no uncaught page errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
