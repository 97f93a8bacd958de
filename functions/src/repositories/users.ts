import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RoleGrant, User } from '@lianyan/shared';
import { batchGetAll, cancellationCodes, queryAll, queryPage, type TableContext } from '#lib/dynamo';
import { makeAccountMethods } from './users/account.ts';
import { makeChildMethods } from './users/children.ts';
import { fromItems, identityItem, profileItem, roleItem, userKeys, type IdentityProvider, type MessagingIds, type UserProfile } from './users/items.ts';

export * from './users/items.ts';

export function makeUserRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const children = makeChildMethods(ctx);
  return {
    ...children,
    ...makeAccountMethods(ctx),
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
      const kids = await children.listChildren(userId);
      return kids.length ? { ...user, children: kids } : user;
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

    // dev accounts (local stage): Query GSI1 IDENTS#dev, by account name
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
