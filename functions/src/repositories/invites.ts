import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { scopeFromKey, scopeKey, type Invite, type RoleGrant } from '@lianyan/shared';
import { cancellationCodes, decodeCursor, encodeCursor, isConditionFailed, type TableContext } from '#lib/dynamo';
import { roleItem, userKeys } from './users.ts';

const inviteKey = (code: string) => ({ PK: `INVITE#${code}`, SK: 'META' });

function toItem(invite: Invite) {
  const scope = scopeKey(invite.scope);
  return {
    ...inviteKey(invite.code),
    GSI1PK: `SCOPE#${scope}`,
    GSI1SK: `INVITE#${invite.createdAt}#${invite.code}`,
    type: 'invite',
    ...invite,
    scope,
  };
}

function fromItem(item: Record<string, unknown>): Invite {
  return {
    code: String(item.code),
    role: item.role as Invite['role'],
    scope: scopeFromKey(String(item.scope)),
    maxUses: Number(item.maxUses),
    uses: Number(item.uses),
    expiresAt: String(item.expiresAt),
    createdBy: String(item.createdBy),
    createdAt: String(item.createdAt),
    ...(item.note ? { note: String(item.note) } : {}),
  };
}

export type RedeemOutcome = 'redeemed' | 'already_has_role' | 'invite_rejected';

export function makeInviteRepository({ db, table }: TableContext) {
  return {
    // invite by code: conditional put so a code is never issued twice
    async createInvite(invite: Invite): Promise<boolean> {
      try {
        await db.send(
          new PutCommand({ TableName: table, Item: toItem(invite), ConditionExpression: 'attribute_not_exists(PK)' }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    // invite by code: GetItem PK=INVITE#<code>
    async getInvite(code: string): Promise<Invite | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: inviteKey(code) }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    // invites of a scope, newest first: Query GSI1 SCOPE#<scope> / begins_with INVITE#
    async listInvitesOfScope(scope: string, options: { limit?: number; cursor?: string } = {}) {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `SCOPE#${scope}`, ':prefix': 'INVITE#' },
          ScanIndexForward: false,
          Limit: options.limit ?? 50,
          ExclusiveStartKey: decodeCursor(options.cursor),
        }),
      );
      return { items: (out.Items ?? []).map(fromItem), nextCursor: encodeCursor(out.LastEvaluatedKey) };
    },

    /**
     * Uses one redemption of the invite, grants its role and sets the user's name — all or nothing.
     * The invite's use count and expiry are checked by the condition, so concurrent redemptions never
     * exceed `maxUses`, and a role already held costs no use.
     */
    async redeem(code: string, userId: string, grant: RoleGrant, name: string, now: string): Promise<RedeemOutcome> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: inviteKey(code),
                  UpdateExpression: 'SET uses = uses + :one',
                  ConditionExpression: 'attribute_exists(PK) AND uses < maxUses AND expiresAt > :now',
                  ExpressionAttributeValues: { ':one': 1, ':now': now },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: roleItem(userId, grant, now, `invite:${code}`),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: userKeys.profile(userId),
                  UpdateExpression: 'SET #name = :name',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeNames: { '#name': 'name' },
                  ExpressionAttributeValues: { ':name': name },
                },
              },
            ],
          }),
        );
        return 'redeemed';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[1] === 'ConditionalCheckFailed') return 'already_has_role';
        if (codes[0] === 'ConditionalCheckFailed') return 'invite_rejected';
        throw error;
      }
    },
  };
}
export type InviteRepository = ReturnType<typeof makeInviteRepository>;
