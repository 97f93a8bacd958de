import { currentSchoolYear, normalizeClassName, type AuthResult, type Invite, type SessionInput } from '@lianyan/shared';
import { makeClassRepository } from '@lianyan/functions/repositories/classes';
import { makeInviteRepository } from '@lianyan/functions/repositories/invites';
import { api, devLogin, dingtalkLogin, uniqueId, wechatLogin } from './api.ts';
import { testTable } from './db.ts';
import { publishedSession } from './sessions.ts';

let classCounter = 0;
/** A class of its own per call (`一年级(37)班`), so tests never share families. */
export const freshClass = (grade = '一年级') => `${grade}(${(Date.now() % 9000) + 100 + classCounter++})班`;

/** A parent invite created by the school's admin (`core-admin` for sch-core). */
export async function parentInvite(options: { adminAccount?: string; schoolId?: string; maxUses?: number; className?: string } = {}) {
  const { token } = await devLogin(options.adminAccount ?? 'core-admin');
  const res = await api<Invite>('POST', '/v1/invites', {
    token,
    body: {
      role: 'parent',
      scope: { schoolId: options.schoolId ?? 'sch-core' },
      maxUses: options.maxUses ?? 50,
      ...(options.className ? { className: options.className } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${res.text}`);
  return res.body;
}

let table: ReturnType<typeof testTable> | undefined;
/**
 * Parents bind only to listed classes: puts a test's own class (`freshClass()`) on the list of the invite's school for
 * the current school year, straight in the table (an atomic ADD, so tests running at once never lose each other's).
 */
export async function listClassOfInvite(inviteCode: string, className: string) {
  table ??= testTable();
  const invite = await makeInviteRepository(table).getInvite(inviteCode);
  if (!invite || !('schoolId' in invite.scope)) return;
  await makeClassRepository(table).addClasses(invite.scope.schoolId, currentSchoolYear(), [normalizeClassName(className)], new Date().toISOString());
}

/** A parent bound to a new child of the invite's school: logged in with WeChat, or with DingTalk when `dingtalkUserid` is given. */
export async function newParent(inviteCode: string, child: { childName?: string; className: string; name?: string; phone?: string; dingtalkUserid?: string }) {
  const openid = uniqueId('o-parent');
  await listClassOfInvite(inviteCode, child.className);
  const login = child.dingtalkUserid ? await dingtalkLogin(child.dingtalkUserid) : await wechatLogin(openid);
  const res = await api<AuthResult>('POST', '/v1/parents/bind', {
    token: login.token,
    body: { inviteCode, childName: child.childName ?? `孩子${Math.random().toString(36).slice(2, 6)}`, className: child.className, ...(child.name ? { name: child.name } : { name: '测试家长' }), ...(child.phone ? { phone: child.phone } : {}), guardianConsent: true },
  });
  if (res.status !== 200) throw new Error(`bind: ${res.status} ${res.text}`);
  return { ...res.body, openid };
}

/**
 * A published family-education session for the parents of sch-core (optionally of some grades) that started five
 * minutes ago (so sign-in is open); registration and cancelling stay open until 80 minutes from now.
 */
export function familySession(overrides: Partial<SessionInput> = {}) {
  const open = new Date(Date.now() + 80 * 60_000).toISOString();
  return publishedSession({
    registrationDeadline: open,
    cancelDeadline: open,
    kind: 'family_education',
    title: '家庭教育讲座：测试',
    audience: { type: 'parents', schoolIds: ['sch-core'] },
    registrationRequired: true,
    signOutRequired: false,
    creditHours: 1.5,
    geofence: 'off',
    ...overrides,
  });
}
