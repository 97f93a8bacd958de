import { createHash } from 'node:crypto';
import { maskPhone, scopeFromKey, scopeKey, shanghaiDate, type Child, type CurrentExchange, type Position, type RoleGrant, type User } from '@lianyan/shared';

export type IdentityProvider = 'wechat' | 'wechat-union' | 'dingtalk' | 'dingtalk-union' | 'dev';

/** Where a person can be sent a message: their WeChat openid (of an app) and DingTalk userid (of an app). */
export interface MessagingIds {
  wechat?: { appId: string; openid: string };
  dingtalk?: { appKey: string; userid: string };
}

export interface UserProfile {
  id: string;
  name: string;
  subject?: string | undefined;
  position?: Position | undefined;
  createdAt: string;
  /** `deleted` once the account is erased (注销): the profile stays as 已注销用户 for the figures. */
  status?: string | undefined;
}

export const userKeys = {
  profile: (userId: string) => ({ PK: `USER#${userId}`, SK: 'PROFILE' }),
  role: (userId: string, grant: RoleGrant) => ({ PK: `USER#${userId}`, SK: `ROLE#${grant.role}#${scopeKey(grant.scope)}` }),
  identity: (provider: IdentityProvider, externalId: string) => ({ PK: `IDENT#${provider}#${externalId}`, SK: 'IDENT' }),
  child: (userId: string, childId: string) => ({ PK: `USER#${userId}`, SK: `CHILD#${childId}` }),
  /** The child's own record (how many parents are bound): written by invites.redeemParentInvite. */
  childRecord: (childId: string) => ({ PK: `CHILD#${childId}`, SK: 'META' }),
  /**
   * Which child is called `name` in a class of a school year: `{ childId }`. Written by the binding, and for the new
   * year by the rollover (the class advances, the child id stays), so a second parent binding after a rollover finds
   * the same child by one GetItem.
   */
  childInClass: (schoolId: string, schoolYear: string, className: string, name: string) => ({
    // Hashed, as child ids are: a child's name is not written into a key.
    PK: `CHILDIN#${createHash('sha256').update(`${schoolId}|${schoolYear}|${className}|${name}`).digest('hex').slice(0, 32)}`,
    SK: 'META',
  }),
  /** One agreement to one version of 隐私政策 + 用户协议: the history behind the profile's current consent. */
  consent: (userId: string, version: string) => ({ PK: `USER#${userId}`, SK: `CONSENT#${version}` }),
  /** A pending account deletion, queued on GSI1 `DELETIONS` / `<dueAt>#<uid>` for the erasure job. */
  deletion: (userId: string) => ({ PK: `USER#${userId}`, SK: 'DELETION' }),
};

/** What a parent's link to a child holds; the phone is the parent's own and leaves the server only masked. */
export interface ChildLink {
  id: string;
  name: string;
  schoolId: string;
  schoolName?: string | undefined;
  grade: string;
  className: string;
  phone?: string | undefined;
  boundAt?: string | undefined;
  /** The school year of the class (set at binding and by the rollover; absent on links from before classes). */
  schoolYear?: string | undefined;
  /** The school year the child graduated at the end of (set by the rollover). */
  graduatedIn?: string | undefined;
  /** When the binding parent consented, as the child's guardian (issue 22). */
  guardianConsentAt?: string | undefined;
}

/** The link item: in the parent's partition and, through GSI1, in the school's list of families by grade and class. */
export function childLinkItem(userId: string, child: ChildLink) {
  return {
    ...userKeys.child(userId, child.id),
    GSI1PK: `CHILDREN#${child.schoolId}`,
    GSI1SK: `${child.grade}#${child.className}#${child.id}#${userId}`,
    type: 'child',
    parentId: userId,
    ...child,
  };
}

/** The item naming the child of a class and year (see userKeys.childInClass); Put with `childInClassCondition`. */
export function childInClassItem(child: { id: string; name: string; schoolId: string; className: string }, schoolYear: string) {
  return { ...userKeys.childInClass(child.schoolId, schoolYear, child.className, child.name), type: 'childInClass', childId: child.id, schoolYear };
}
/** Written once per class, year and name: again only with the same child (a retry, both parents, a second rollover). */
export const childInClassCondition = { ConditionExpression: 'attribute_not_exists(PK) OR childId = :cid' } as const;

export function toChild(item: Record<string, unknown>): Child {
  return {
    id: String(item.id),
    name: String(item.name),
    schoolId: String(item.schoolId),
    ...(item.schoolName ? { schoolName: String(item.schoolName) } : {}),
    grade: String(item.grade),
    className: String(item.className),
    ...(item.phone ? { phoneMasked: maskPhone(String(item.phone)) } : {}),
    ...(item.graduatedIn ? { graduatedIn: String(item.graduatedIn) } : {}),
    ...(item.guardianConsentAt ? { guardianConsentAt: String(item.guardianConsentAt) } : {}),
  };
}

/** A role item written in a transaction whether or not the user holds the role already (keeps the first grant's date). */
export function roleUpsert(table: string, userId: string, grant: RoleGrant, now: string, via: string) {
  const { PK, SK, ...fields } = roleItem(userId, grant, now, via);
  const { grantedAt: _g, via: _v, ...rest } = fields;
  const names: Record<string, string> = { '#grantedAt': 'grantedAt', '#via': 'via' };
  const values: Record<string, unknown> = { ':grantedAt': now, ':via': via };
  const sets = Object.entries(rest).map(([key, value], i) => {
    names[`#f${i}`] = key;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: { PK, SK },
      UpdateExpression: `SET ${sets.join(', ')}, #grantedAt = if_not_exists(#grantedAt, :grantedAt), #via = if_not_exists(#via, :via)`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The role item: lives in the user's partition and, through GSI1, in its scope's member list. */
export function roleItem(userId: string, grant: RoleGrant, grantedAt: string, via: string) {
  return {
    ...userKeys.role(userId, grant),
    GSI1PK: `SCOPE#${scopeKey(grant.scope)}`,
    GSI1SK: `ROLE#${grant.role}#${userId}`,
    type: 'role',
    userId,
    role: grant.role,
    scope: scopeKey(grant.scope),
    grantedAt,
    via,
  };
}

export function profileItem(profile: UserProfile) {
  return { ...userKeys.profile(profile.id), type: 'user', ...profile };
}

export function identityItem(provider: IdentityProvider, externalId: string, userId: string, createdAt: string) {
  return {
    ...userKeys.identity(provider, externalId),
    ...(provider === 'dev' ? { GSI1PK: 'IDENTS#dev', GSI1SK: externalId } : {}),
    // The way back from a user to their WeChat openid and DingTalk userid (reminders), and to every identity (注销).
    GSI2PK: `USER#${userId}`,
    GSI2SK: `IDENT#${provider}#${externalId}`,
    type: 'identity',
    provider,
    externalId,
    userId,
    createdAt,
  };
}

export function fromItems(items: Record<string, unknown>[]): User | undefined {
  const profile = items.find((i) => i.SK === 'PROFILE');
  // An erased account (注销) is no one: its tokens stop working, it is in no list.
  if (!profile || profile.status === 'deleted') return undefined;
  const roles = items
    .filter((i) => typeof i.SK === 'string' && i.SK.startsWith('ROLE#') && !i.SK.startsWith(EXCHANGE_ROLE_PREFIX))
    .map((i) => ({ role: i.role, scope: scopeFromKey(String(i.scope)) }) as RoleGrant);
  return {
    id: String(profile.id),
    name: String(profile.name),
    ...(profile.subject ? { subject: String(profile.subject) } : {}),
    ...(profile.position ? { position: profile.position as Position } : {}),
    roles,
    createdAt: String(profile.createdAt),
    ...(profile.consentVersion ? { consent: { version: String(profile.consentVersion), agreedAt: String(profile.consentAt) } } : {}),
    ...runningExchangeOf(items),
    ...(profile.deletionDueAt ? { deletion: { requestedAt: String(profile.deletionRequestedAt), dueAt: String(profile.deletionDueAt) } } : {}),
  };
}

/**
 * 交流轮岗: while an exchange runs, its item in the person's partition (`ROLE#~exchange#<id>`, read by the same Query
 * as the roles) makes the host school theirs too. It is not a role of `roles` (rosters and admin reach stay the home
 * school's); the token adds it (`exchangeGrant`), so sign-in and audiences see it without a read.
 */
export const EXCHANGE_ROLE_PREFIX = 'ROLE#~exchange#';
function runningExchangeOf(items: Record<string, unknown>[]): { exchange?: CurrentExchange } {
  const d = shanghaiDate(new Date());
  const today = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const item = items.find((i) => String(i.SK).startsWith(EXCHANGE_ROLE_PREFIX) && String(i.startDate) <= today && today <= String(i.endDate));
  if (!item) return {};
  return {
    exchange: {
      id: String(item.exchangeId),
      kind: item.kind as CurrentExchange['kind'],
      fromSchoolId: String(item.fromSchoolId),
      toSchoolId: String(item.toSchoolId),
      ...(item.toSchoolName ? { toSchoolName: String(item.toSchoolName) } : {}),
      startDate: String(item.startDate),
      endDate: String(item.endDate),
    },
  };
}

/** The roles a token carries: the user's, and a teacher's at the host school of an exchange running today. */
export const tokenRoles = (user: Pick<User, 'roles' | 'exchange'>): RoleGrant[] =>
  user.exchange && !user.roles.some((r) => r.role === 'teacher' && 'schoolId' in r.scope && r.scope.schoolId === user.exchange?.toSchoolId)
    ? [...user.roles, { role: 'teacher', scope: { schoolId: user.exchange.toSchoolId } }]
    : user.roles;
