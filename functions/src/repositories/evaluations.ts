import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SessionEvaluation } from '@lianyan/shared';
import { queryAll, type TableContext } from '#lib/dynamo';

export const evaluationKey = (sessionId: string, userId: string) => ({ PK: `SESSION#${sessionId}`, SK: `EVAL#${userId}` });

function fromItem(item: Record<string, unknown>): SessionEvaluation {
  const { PK: _p, SK: _s, type: _t, ...rest } = item;
  return rest as unknown as SessionEvaluation;
}

export function makeEvaluationRepository({ db, table }: TableContext) {
  return {
    // one evaluation per (session, observer): PK=SESSION#<id>, SK=EVAL#<uid>; writing again edits it
    async putEvaluation(evaluation: SessionEvaluation) {
      await db.send(new PutCommand({ TableName: table, Item: { ...evaluationKey(evaluation.sessionId, evaluation.userId), type: 'evaluation', ...evaluation } }));
    },

    async getEvaluation(sessionId: string, userId: string): Promise<SessionEvaluation | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: evaluationKey(sessionId, userId) }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    // evaluations of a session: Query PK=SESSION#<id>, SK begins_with EVAL#
    async listEvaluations(sessionId: string): Promise<SessionEvaluation[]> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :eval)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':eval': 'EVAL#' },
      });
      return items.map(fromItem);
    },
  };
}
export type EvaluationRepository = ReturnType<typeof makeEvaluationRepository>;
