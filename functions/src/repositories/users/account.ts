import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeletionState } from '@lianyan/shared';
import { cancellationCodes, isConditionFailed, type TableContext } from '#lib/dynamo';
import { userKeys } from './items.ts';

/** The account's own records: agreements to our texts (CONSENT#) and a requested deletion (注销, DELETION). */
export function makeAccountMethods({ db, table }: TableContext) {
  return {
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
  };
}
