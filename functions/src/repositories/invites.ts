import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { scopeFromKey, scopeKey, type Invite, type RoleGrant } from '@lianyan/shared';
import { cancellationCodes, isConditionFailed, queryPage, type TableContext } from '#lib/dynamo';
import { classKeys } from './classes.ts';
import { childInClassCondition, childInClassItem, childLinkItem, roleItem, roleUpsert, userKeys, type ChildLink } from './users.ts';

const inviteKey = (code: string) => ({ PK: `INVITE#${code}`, SK: 'META' });

/** The invite item (its key, and on GSI1 in its scope's list by creation time). */
export function inviteItem(invite: Invite) {
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
    ...(item.className ? { className: String(item.className) } : {}),
  };
}

export type RedeemOutcome = 'redeemed' | 'already_has_role' | 'invite_rejected';
export type BindOutcome = 'bound' | 'already_bound' | 'invite_rejected' | 'child_has_two_parents' | 'class_unlisted' | 'child_changed';

/** A child known to the school, shared by the (at most two) parents bound to it. */
const childKey = (childId: string) => ({ PK: `CHILD#${childId}`, SK: 'META' });
const MAX_PARENTS_PER_CHILD = 2;

export function makeInviteRepository(ctx: TableContext) {
  const { db, table } = ctx;
  return {
    // invite by code: conditional put so a code is never issued twice
    async createInvite(invite: Invite): Promise<boolean> {
      try {
        await db.send(
          new PutCommand({ TableName: table, Item: inviteItem(invite), ConditionExpression: 'attribute_not_exists(PK)' }),
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
      const page = await queryPage(
        ctx,
        {
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `SCOPE#${scope}`, ':prefix': 'INVITE#' },
          ScanIndexForward: false,
          Limit: options.limit ?? 50,
        },
        options.cursor,
      );
      return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
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

    /**
     * A parent redeems a parent invite for a child — all or nothing: one use of the invite, the link to the
     * child (once per parent and child, so a repeat costs no use), the child's parent count (at most two),
     * the parent role of the school (kept when already held), and the parent's name when given.
     */
    async redeemParentInvite(
      code: string,
      userId: string,
      child: ChildLink,
      options: { name?: string | undefined; now: string; listedIn?: { schoolYear: string } | undefined },
    ): Promise<BindOutcome> {
      const { now } = options;
      // The class is still on the school's list of the year when the binding is written (a removal cannot slip between).
      const listed = options.listedIn
        ? [
            {
              ConditionCheck: {
                TableName: table,
                Key: classKeys.list(child.schoolId, options.listedIn.schoolYear),
                ConditionExpression: 'contains(classes, :class)',
                ExpressionAttributeValues: { ':class': child.className },
              },
            },
          ]
        : [];
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
                  Item: childLinkItem(userId, { ...child, boundAt: now }),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: childKey(child.id),
                  UpdateExpression: `SET #type = :type, #name = :name, schoolId = :school, grade = :grade, className = :class${child.schoolYear ? ', schoolYear = :year' : ''} ADD parentCount :one`,
                  ConditionExpression: 'attribute_not_exists(parentCount) OR parentCount < :max',
                  ExpressionAttributeNames: { '#type': 'type', '#name': 'name' },
                  ExpressionAttributeValues: {
                    ':type': 'child',
                    ':name': child.name,
                    ':school': child.schoolId,
                    ':grade': child.grade,
                    ':class': child.className,
                    ':one': 1,
                    ':max': MAX_PARENTS_PER_CHILD,
                    ...(child.schoolYear ? { ':year': child.schoolYear } : {}),
                  },
                },
              },
              // The class, year and name lead to this child (the same one for the second parent, after a rollover too).
              ...(child.schoolYear
                ? [{ Put: { TableName: table, Item: childInClassItem(child, child.schoolYear), ...childInClassCondition, ExpressionAttributeValues: { ':cid': child.id } } }]
                : []),
              roleUpsert(table, userId, { role: 'parent', scope: { schoolId: child.schoolId } }, now, `invite:${code}`),
              ...(options.name
                ? [
                    {
                      Update: {
                        TableName: table,
                        Key: userKeys.profile(userId),
                        UpdateExpression: 'SET #name = :name',
                        ConditionExpression: 'attribute_exists(PK)',
                        ExpressionAttributeNames: { '#name': 'name' },
                        ExpressionAttributeValues: { ':name': options.name },
                      },
                    },
                  ]
                : []),
              ...listed,
            ],
          }),
        );
        return 'bound';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[1] === 'ConditionalCheckFailed') return 'already_bound';
        if (codes[0] === 'ConditionalCheckFailed') return 'invite_rejected';
        if (codes[2] === 'ConditionalCheckFailed') return 'child_has_two_parents';
        if (child.schoolYear && codes[3] === 'ConditionalCheckFailed') return 'child_changed';
        if (listed.length && codes.at(-1) === 'ConditionalCheckFailed') return 'class_unlisted';
        throw error;
      }
    },
  };
}
export type InviteRepository = ReturnType<typeof makeInviteRepository>;
