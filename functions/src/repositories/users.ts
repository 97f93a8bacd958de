import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { maskPhone, scopeFromKey, scopeKey, shanghaiDate, type Child, type CurrentExchange, type DeletionState, type Position, type RoleGrant, type User } from '@lianyan/shared';
import { batchGetAll, cancellationCodes, isConditionFailed, queryAll, queryPage, type TableContext } from '#lib/dynamo';

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

function profileItem(profile: UserProfile) {
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

function fromItems(items: Record<string, unknown>[]): User | undefined {
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

export function makeUserRepository(ctx: TableContext) {
  const { db, table } = ctx;
  return {
    // user profile and roles: Query PK=USER#<uid>, SK from PROFILE to ROLE#…; a parent's children: one more Query
    async getUserWithRoles(userId: string): Promise<User | undefined> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':from': 'PROFILE', ':to': 'ROLE#\uffff' },
        }),
      );
      const user = fromItems(out.Items ?? []);
      if (!user || !user.roles.some((r) => r.role === 'parent')) return user;
      const children = await this.listChildren(userId);
      return children.length ? { ...user, children } : user;
    },

    /**
     * Records an agreement to a version of our texts: the CONSENT#<version> item (kept as history) and the profile's
     * current consent, in one transaction. Agreeing twice to one version keeps the first time ('exists').
     */
    async recordConsent(userId: string, version: string, at: string): Promise<{ version: string; agreedAt: string; created: boolean }> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { ...userKeys.consent(userId, version), type: 'consent', userId, version, agreedAt: at },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: userKeys.profile(userId),
                  UpdateExpression: 'SET consentVersion = :v, consentAt = :at',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeValues: { ':v': version, ':at': at },
                },
              },
            ],
          }),
        );
        return { version, agreedAt: at, created: true };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] !== 'ConditionalCheckFailed') throw error;
        const out = await db.send(new GetCommand({ TableName: table, Key: userKeys.consent(userId, version), ConsistentRead: true }));
        const agreedAt = String(out.Item?.agreedAt ?? at);
        // The profile points at the recorded agreement again (it may have lost it: an older version written last).
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: userKeys.profile(userId),
            UpdateExpression: 'SET consentVersion = :v, consentAt = :at',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':v': version, ':at': agreedAt },
          }),
        );
        return { version, agreedAt, created: false };
      }
    },

    /**
     * A parent removes a child: their link goes, the child record's parent count drops, and the child record is
     * deleted when no guardian is left. 'missing' when this parent has no such child.
     */
    /**
     * The id of the child called `name` in the class this school year, when one is bound: GetItem on its
     * childInClass item; for a child bound before those items, its record under the id of old (`legacyId`, school +
     * class + name), when that record is still in this class. `undefined`: a child nobody has bound yet.
     */
    async findChildInClass(child: { schoolId: string; schoolYear: string; className: string; name: string }, legacyId: string): Promise<string | undefined> {
      const key = userKeys.childInClass(child.schoolId, child.schoolYear, child.className, child.name);
      const found = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
      if (found.Item) return String(found.Item.childId);
      const legacy = await db.send(new GetCommand({ TableName: table, Key: userKeys.childRecord(legacyId), ConsistentRead: true }));
      const record = legacy.Item;
      const inClass = record && record.className === child.className && (!record.schoolYear || record.schoolYear === child.schoolYear);
      return inClass ? legacyId : undefined;
    },

    async removeChild(userId: string, childId: string): Promise<'removed' | 'missing'> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: { TableName: table, Key: userKeys.child(userId, childId), ConditionExpression: 'attribute_exists(PK)' } },
              {
                Update: {
                  TableName: table,
                  Key: userKeys.childRecord(childId),
                  UpdateExpression: 'ADD parentCount :minus',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeValues: { ':minus': -1 },
                },
              },
            ],
          }),
        );
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return 'missing';
        if (codes?.[1] !== 'ConditionalCheckFailed') throw error;
        // A link without a child record (seeded): the link alone goes.
        const out = await db.send(
          new DeleteCommand({ TableName: table, Key: userKeys.child(userId, childId), ConditionExpression: 'attribute_exists(PK)', ReturnValues: 'ALL_OLD' }),
        ).catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e)));
        return out?.Attributes ? 'removed' : 'missing';
      }
      // No guardian left: the child's record goes too (a bind in between raises the count and keeps it).
      await db
        .send(
          new DeleteCommand({
            TableName: table,
            Key: userKeys.childRecord(childId),
            ConditionExpression: 'parentCount <= :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        )
        .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e)));
      return 'removed';
    },

    /**
     * Asks for the account's deletion: the DELETION item (queued by due time) and the profile's `deletionDueAt`, in one
     * transaction. A second request keeps the first ('exists'); an account already erased is 'missing'.
     */
    async requestDeletion(userId: string, requestedAt: string, dueAt: string): Promise<{ state: DeletionState; created: boolean } | undefined> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { ...userKeys.deletion(userId), GSI1PK: 'DELETIONS', GSI1SK: `${dueAt}#${userId}`, type: 'deletion', userId, requestedAt, dueAt },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: userKeys.profile(userId),
                  UpdateExpression: 'SET deletionRequestedAt = :at, deletionDueAt = :due',
                  ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#s) OR #s <> :deleted)',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: { ':at': requestedAt, ':due': dueAt, ':deleted': 'deleted' },
                },
              },
            ],
          }),
        );
        return { state: { requestedAt, dueAt }, created: true };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[1] === 'ConditionalCheckFailed') return undefined;
        if (codes?.[0] !== 'ConditionalCheckFailed') throw error;
        const out = await db.send(new GetCommand({ TableName: table, Key: userKeys.deletion(userId), ConsistentRead: true }));
        if (!out.Item) throw error;
        return { state: { requestedAt: String(out.Item.requestedAt), dueAt: String(out.Item.dueAt) }, created: false };
      }
    },

    /** Cancels a pending deletion (a login, or the person's own cancel): true when there was one. */
    async cancelDeletion(userId: string): Promise<boolean> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: { TableName: table, Key: userKeys.deletion(userId), ConditionExpression: 'attribute_exists(PK)' } },
              {
                Update: {
                  TableName: table,
                  Key: userKeys.profile(userId),
                  UpdateExpression: 'REMOVE deletionRequestedAt, deletionDueAt',
                  ConditionExpression: 'attribute_exists(PK)',
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) {
          // No queued item: make sure the profile carries no stale mark either.
          await db
            .send(
              new UpdateCommand({
                TableName: table,
                Key: userKeys.profile(userId),
                UpdateExpression: 'REMOVE deletionRequestedAt, deletionDueAt',
                ConditionExpression: 'attribute_exists(deletionDueAt)',
              }),
            )
            .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e)));
          return false;
        }
        throw error;
      }
    },

    // deletions due: Query GSI1 DELETIONS / GSI1SK <= <now>~ (oldest first)
    async listDueDeletions(now: string, limit = 100): Promise<Array<{ userId: string; dueAt: string }>> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
          ExpressionAttributeValues: { ':pk': 'DELETIONS', ':now': `${now}#\uffff` },
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((i) => ({ userId: String(i.userId), dueAt: String(i.dueAt) }));
    },

    // a parent's children: Query PK=USER#<uid>, SK begins_with CHILD#
    async listChildren(userId: string): Promise<Child[]> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :child)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':child': 'CHILD#' },
      });
      return items.map(toChild);
    },

    // families of a school by grade and class: Query GSI1 CHILDREN#<sid> (begins_with <grade># for one grade)
    async listChildLinksOfSchool(schoolId: string, grade?: string): Promise<Array<ChildLink & { parentId: string }>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: grade ? 'GSI1PK = :pk AND begins_with(GSI1SK, :grade)' : 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `CHILDREN#${schoolId}`, ...(grade ? { ':grade': `${grade}#` } : {}) },
      });
      return items.map((i) => ({ ...(toChild(i) as ChildLink), ...(i.phone ? { phone: String(i.phone) } : {}), parentId: String(i.parentId) }));
    },

    // where a user can be sent reminders: Query GSI2 USER#<uid> / begins_with IDENT# (WeChat and DingTalk identities)
    async findMessagingIds(userId: string): Promise<MessagingIds> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'IDENT#' },
        }),
      );
      const ids: MessagingIds = {};
      for (const item of out.Items ?? []) {
        const [, provider] = String(item.GSI2SK).split('#');
        const external = item.externalId;
        if (typeof external !== 'string' || !external.includes(':')) continue;
        const [app, id] = [external.slice(0, external.indexOf(':')), external.slice(external.indexOf(':') + 1)];
        if (provider === 'wechat') ids.wechat ??= { appId: app, openid: id };
        if (provider === 'dingtalk') ids.dingtalk ??= { appKey: app, userid: id };
      }
      return ids;
    },

    // identity → user: GetItem PK=IDENT#<provider>#<id>
    async findUserIdByIdentity(provider: IdentityProvider, externalId: string): Promise<string | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: userKeys.identity(provider, externalId) }));
      return out.Item?.userId as string | undefined;
    },

    /**
     * Creates a user with its identities (and roles) in one transaction. Identities are unique: when another
     * request created one of them first, returns `{ created: false }` and writes nothing.
     */
    async createUserWithIdentities(
      profile: UserProfile,
      identities: Array<{ provider: IdentityProvider; externalId: string }>,
      roles: RoleGrant[] = [],
    ): Promise<{ created: boolean }> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: table, Item: profileItem(profile), ConditionExpression: 'attribute_not_exists(PK)' } },
              ...identities.map((i) => ({
                Put: {
                  TableName: table,
                  Item: identityItem(i.provider, i.externalId, profile.id, profile.createdAt),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              })),
              ...roles.map((grant) => ({
                Put: { TableName: table, Item: roleItem(profile.id, grant, profile.createdAt, 'seed') },
              })),
            ],
          }),
        );
        return { created: true };
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return { created: false };
        throw error;
      }
    },

    // add an identity to an existing user (e.g. a unionid learned later): conditional put
    async linkIdentity(provider: IdentityProvider, externalId: string, userId: string, now: string) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: identityItem(provider, externalId, userId, now),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (!cancellationCodes(error)) throw error;
      }
    },

    // a parent's children: PK=USER#<uid>, SK=CHILD#<childId> (seed and tests; parents bind through invites.redeemParentInvite)
    async putChild(userId: string, child: ChildLink) {
      await db.send(new PutCommand({ TableName: table, Item: childLinkItem(userId, child) }));
    },

    async updateName(userId: string, name: string): Promise<void> {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: userKeys.profile(userId),
          UpdateExpression: 'SET #name = :name',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name },
        }),
      );
    },

    // members of a scope by role: Query GSI1 SCOPE#<scope> / begins_with ROLE#<role>#
    async listMembersOfScope(scope: string, role: string, options: { limit?: number; cursor?: string } = {}) {
      const page = await queryPage(
        ctx,
        {
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `SCOPE#${scope}`, ':prefix': `ROLE#${role}#` },
          Limit: options.limit ?? 100,
        },
        options.cursor,
      );
      return { userIds: page.items.map((i) => String(i.userId)), nextCursor: page.nextCursor };
    },

    // dev accounts (local stage): Query GSI1 IDENTS#dev, by account name
    // every member of a scope by role, ids only (reports): Query GSI1 SCOPE#<scopeKey> / ROLE#<role>#
    async listAllMembersOfScope(scope: string, role: string): Promise<string[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `SCOPE#${scope}`, ':prefix': `ROLE#${role}#` },
        ProjectionExpression: 'userId',
      });
      return items.map((i) => String(i.userId));
    },

    async listDevIdentities(options: { limit?: number; cursor?: string } = {}) {
      const page = await queryPage(
        ctx,
        { TableName: table, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': 'IDENTS#dev' }, Limit: options.limit ?? 200 },
        options.cursor,
      );
      return {
        items: page.items.map((i) => ({ account: String(i.externalId), userId: String(i.userId) })),
        nextCursor: page.nextCursor,
      };
    },

    /** Users with roles for a set of ids: a BatchGet of profiles plus one Query per user for roles. */
    async getUsersWithRoles(userIds: string[]): Promise<User[]> {
      const users = await Promise.all(userIds.map((id) => this.getUserWithRoles(id)));
      return users.filter((u): u is User => Boolean(u));
    },

    async getProfiles(userIds: string[]): Promise<Map<string, UserProfile>> {
      const items = await batchGetAll(db, table, [...new Set(userIds)].map((id) => userKeys.profile(id)));
      return new Map(items.map((item) => [String(item.id), item as unknown as UserProfile]));
    },
  };
}
export type UserRepository = ReturnType<typeof makeUserRepository>;
