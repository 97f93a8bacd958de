import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AuthResult, Federation, FederationWithSchools, School, Session } from '@lianyan/shared';
import { bootstrapDistrict } from '@lianyan/infra/admin/bootstrap';
import { api, devLogin, stack, uniqueId, wechatLogin } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { makeSessionInput } from '../support/sessions.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

async function as(account: string) {
  return (await devLogin(account)).token;
}

async function newFederation(name = `测试校联体${uniqueId('f').slice(-6)}`) {
  const res = await api<Federation>('POST', '/v1/federations', { token: await as('district-admin'), body: { name, kind: 'group' } });
  expect(res.status).toBe(201);
  return res.body;
}

async function addSchool(federationId: string, body: Record<string, unknown>, account = 'district-admin') {
  return api<School>('POST', `/v1/federations/${federationId}/schools`, { token: await as(account), body: { stage: 'primary', ...body } });
}

const schoolName = (label: string) => `${label}${uniqueId('s').slice(-8)}`;

describe('federations and schools: a district admin builds the organisation', () => {
  it('creates a federation in the district, for district admins only', async () => {
    const federation = await newFederation('城西教育集团');
    expect(federation).toMatchObject({ name: '城西教育集团', kind: 'group', district: '明湖区' });
    expect(federation.id).toMatch(/^fed-[a-z0-9]+$/);
    for (const account of ['fed-admin', 'core-admin', 'core-teacher-1']) {
      const res = await api('POST', '/v1/federations', { token: await as(account), body: { name: '另一个校联体', kind: 'alliance' } });
      expect(res.status).toBe(403);
    }
    const listed = await api<{ items: FederationWithSchools[] }>('GET', '/v1/federations', { token: await as('district-admin') });
    expect(listed.body.items.map((f) => f.federation.id)).toContain(federation.id);
  });

  it('makes the first school the core school and moves the core when another is named', async () => {
    const federation = await newFederation();
    const first = await addSchool(federation.id, { name: schoolName('城西第一小学'), isCore: false });
    expect(first.status).toBe(201);
    expect(first.body.isCore).toBe(true);
    const member = await addSchool(federation.id, { name: schoolName('城西第二小学'), rural: true, address: '城西镇 1 号', location: { lat: 30.1, lng: 120.2 } });
    expect(member.body).toMatchObject({ isCore: false, rural: true, address: '城西镇 1 号', location: { lat: 30.1, lng: 120.2 } });
    const newCore = await addSchool(federation.id, { name: schoolName('城西实验小学'), isCore: true });
    expect(newCore.status).toBe(201);

    const view = await api<FederationWithSchools>('GET', `/v1/federations/${federation.id}`, { token: await as('district-admin') });
    expect(view.body.federation.coreSchoolId).toBe(newCore.body.id);
    expect(view.body.schools.filter((s) => s.isCore).map((s) => s.id)).toEqual([newCore.body.id]);

    const moved = await api<School>('PATCH', `/v1/schools/${first.body.id}`, { token: await as('district-admin'), body: { isCore: true } });
    expect(moved.status).toBe(200);
    const after = await api<FederationWithSchools>('GET', `/v1/federations/${federation.id}`, { token: await as('district-admin') });
    expect(after.body.federation.coreSchoolId).toBe(first.body.id);
    expect(after.body.schools.filter((s) => s.isCore).map((s) => s.id)).toEqual([first.body.id]);
  });

  it('keeps exactly one core school when several are named at once', async () => {
    const federation = await newFederation();
    await addSchool(federation.id, { name: schoolName('并发核心校') });
    const racing = await Promise.all(Array.from({ length: 5 }, (_, i) => addSchool(federation.id, { name: schoolName(`并发学校${i}`), isCore: true })));
    for (const res of racing) expect([201, 409]).toContain(res.status);
    const view = await api<FederationWithSchools>('GET', `/v1/federations/${federation.id}`, { token: await as('district-admin') });
    const cores = view.body.schools.filter((s) => s.isCore);
    expect(cores).toHaveLength(1);
    expect(view.body.federation.coreSchoolId).toBe(cores[0]?.id);
    expect(view.body.schools).toHaveLength(1 + racing.filter((r) => r.status === 201).length);
  });

  it('refuses a school name already used in the district, even by two requests at once', async () => {
    const federation = await newFederation();
    const taken = await addSchool(federation.id, { name: '明湖区实验小学' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'SCHOOL_NAME_TAKEN', message: expect.stringContaining('明湖区实验小学') });
    const name = schoolName('同名小学');
    const both = await Promise.all([addSchool(federation.id, { name }), addSchool(federation.id, { name })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('validates with Chinese messages', async () => {
    const federation = await newFederation();
    const bad = await addSchool(federation.id, { name: '一', stage: 'college', location: { lat: 999, lng: 0 } });
    expect(bad.status).toBe(400);
    const fields = (bad.body as unknown as { details: { fieldErrors: Record<string, string[]> } }).details.fieldErrors;
    expect(fields.name?.[0]).toMatch(/至少 2 个字/);
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['name', 'stage', 'location']));
    const noKind = await api('POST', '/v1/federations', { token: await as('district-admin'), body: { name: '缺类型校联体' } });
    expect(noKind.status).toBe(400);
  });
});

describe('who may change a school', () => {
  it('lets a school admin set its address and location, and only federation or district admins rename it', async () => {
    const address = await api<School>('PATCH', '/v1/schools/sch-east2', { token: await as('east2-admin'), body: { address: '城东路 8 号', location: { lat: 30.25, lng: 120.16 } } });
    expect(address.status).toBe(200);
    expect(address.body).toMatchObject({ name: '明湖区城东第二小学', address: '城东路 8 号', location: { lat: 30.25, lng: 120.16 } });
    const cleared = await api<School>('POST', '/v1/schools/sch-east2', { token: await as('east2-admin'), body: { location: null } });
    expect(cleared.body.location).toBeUndefined();

    const rename = await api('PATCH', '/v1/schools/sch-east2', { token: await as('east2-admin'), body: { name: '城东二小' } });
    expect(rename.status).toBe(403);
    const other = await api('PATCH', '/v1/schools/sch-core', { token: await as('east2-admin'), body: { address: '别的学校' } });
    expect(other.status).toBe(403);
  });

  it('frees the old name on a rename and refuses a taken one', async () => {
    const federation = await newFederation();
    const oldName = schoolName('旧名小学');
    const school = await addSchool(federation.id, { name: oldName });
    const token = await as('district-admin');
    expect((await api('PATCH', `/v1/schools/${school.body.id}`, { token, body: { name: '东湖小学' } })).status).toBe(409);
    const renamed = await api<School>('PATCH', `/v1/schools/${school.body.id}`, { token, body: { name: schoolName('新名小学') } });
    expect(renamed.status).toBe(200);
    expect((await addSchool(federation.id, { name: oldName })).status).toBe(201);
  });

  it('shows a school to its federation only', async () => {
    const federation = await newFederation();
    const school = await addSchool(federation.id, { name: schoolName('可见性小学') });
    expect((await api('GET', `/v1/schools/${school.body.id}`, { token: await as('district-admin') })).status).toBe(200);
    expect((await api('GET', `/v1/schools/${school.body.id}`, { token: await as('core-teacher-1') })).status).toBe(404);
    const own = await api<School>('GET', '/v1/schools/sch-core', { token: await as('east2-teacher-1') });
    expect(own.body).toMatchObject({ id: 'sch-core', isCore: true, federationId: 'fed-chengdong' });
    const patchOther = await api('PATCH', `/v1/federations/${federation.id}`, { token: await as('fed-admin'), body: { name: '改不了的名字' } });
    expect(patchOther.status).toBe(403);
  });
});

describe('a school’s location is its sessions’ default venue', () => {
  it('centres the geofence on the host school when no place was picked, and still asks for one when the school has none', async () => {
    const federation = await newFederation();
    const placed = await addSchool(federation.id, { name: schoolName('有位置小学'), location: { lat: 30.31, lng: 120.12 } });
    const unplaced = await addSchool(federation.id, { name: schoolName('无位置小学') });
    const token = await as('district-admin');
    const input = (hostSchoolId: string) => makeSessionInput({ hostSchoolId, mode: 'offline', geofence: 'flag', venue: { name: '报告厅' }, audience: { type: 'schools', schoolIds: [hostSchoolId] } });
    const created = await api<Session>('POST', '/v1/sessions', { token, body: input(placed.body.id) });
    expect(created.status).toBe(201);
    expect(created.body.venue).toEqual({ name: '报告厅', lat: 30.31, lng: 120.12 });
    const refused = await api('POST', '/v1/sessions', { token, body: input(unplaced.body.id) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/地图上选择活动地点/) });
  });
});

describe('bootstrap: the district once, and a single-use district-admin invite', () => {
  const admin = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'infra/src/admin/cli.ts', 'bootstrap', ...args, '--endpoint', stack().dynamoEndpoint, '--table', stack().tableName], {
      cwd: root,
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    }).then(
      (out) => ({ code: 0, text: out.stdout + out.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, text: error.stdout + error.stderr }),
    );

  it('refuses a second district and prints no invite unless asked', async () => {
    const table = testTable();
    await expect(bootstrapDistrict(table, { districtName: '另一个区教体局' })).rejects.toMatchObject({ code: 'DISTRICT_EXISTS', message: expect.stringMatching(/已初始化为「明湖区」/) });
    const same = await bootstrapDistrict(table, { districtName: '明湖区' });
    expect(same).toMatchObject({ created: false, district: { name: '明湖区' } });
    expect(same.invite).toBeUndefined();
  });

  it('prints a new single-use invite on request, and the invite makes one district admin', { timeout: 90_000 }, async () => {
    const fresh = await admin('--district', '明湖区', '--new-invite');
    expect(fresh.code).toBe(0);
    expect(fresh.text).toMatch(/教体局已存在：明湖区/);
    const code = /教体局管理员邀请码：([A-Z2-9]{8})/.exec(fresh.text)?.[1];
    expect(code).toBeDefined();

    const people = await Promise.all([wechatLogin(uniqueId('o-district')), wechatLogin(uniqueId('o-district'))]);
    const redeemed = await Promise.all(people.map((p) => api<AuthResult>('POST', '/v1/invites/redeem', { token: p.token, body: { code, name: '区管理员' } })));
    expect(redeemed.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = redeemed.find((r) => r.status === 200);
    expect(winner?.body.user.roles).toEqual([{ role: 'districtAdmin', scope: {} }]);
    const created = await api('POST', '/v1/federations', { token: winner?.body.token, body: { name: '新区教育集团', kind: 'group' } });
    expect(created.status).toBe(201);
  });

  it('checks its arguments', { timeout: 90_000 }, async () => {
    const missing = await admin();
    expect(missing.code).toBe(2);
    expect(missing.text).toMatch(/--district/);
  });
});

describe('a new local account for an empty store', () => {
  it('creates one by name, logs it in again by the same name, and validates the name', async () => {
    const account = uniqueId('it');
    const first = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } });
    expect(first.status).toBe(200);
    expect(first.body.user.roles).toEqual([]);
    const again = await api<AuthResult>('POST', '/v1/auth/dev', { body: { account, create: true } });
    expect(again.body.user.id).toBe(first.body.user.id);
    const spaced = await api('POST', '/v1/auth/dev', { body: { account: '空 格', create: true } });
    expect(spaced.status).toBe(400);
    expect(spaced.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const short = await api('POST', '/v1/auth/dev', { body: { account: 'ab', create: true } });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/3–32 位字母、数字/) });
  });
});
