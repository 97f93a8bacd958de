import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type TableContext } from '#lib/dynamo';

// Failure counters per (purpose, user, fixed window); DynamoDB's TTL on `expiresAt` removes them.
const rateLimitKey = (purpose: string, userId: string, window: number) => ({ PK: `RATE#${purpose}#${userId}`, SK: `W#${window}` });

export function makeRateLimitRepository({ db, table }: TableContext) {
  return {
    /**
     * a user's failures in a window: UpdateItem `ADD n 1` on PK=RATE#<purpose>#<uid>, SK=W#<window>, conditional on
     * `n < limit`. Answers whether the failure was counted (false: the limit was already reached, nothing changed).
     */
    async countFailure(purpose: string, userId: string, window: number, limit: number, expiresAt: number): Promise<boolean> {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: rateLimitKey(purpose, userId, window),
            UpdateExpression: 'ADD n :one SET expiresAt = if_not_exists(expiresAt, :exp)',
            ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
            ExpressionAttributeValues: { ':one': 1, ':exp': expiresAt, ':limit': limit },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
export type RateLimitRepository = ReturnType<typeof makeRateLimitRepository>;
