import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Session } from '@lianyan/shared';
import { decodeCursor, encodeCursor, type TableContext } from '#lib/dynamo';

const sessionKey = (id: string) => ({ PK: `SESSION#${id}`, SK: 'META' });

function toItem(session: Session) {
  return {
    ...sessionKey(session.id),
    GSI1PK: `FED#${session.federationId}`,
    GSI1SK: `START#${session.startAt}#${session.id}`,
    type: 'session',
    ...session,
  };
}

function fromItem(item: Record<string, unknown>): Session {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, type: _t, ...session } = item;
  return session as Session;
}

export function makeSessionRepository({ db, table }: TableContext) {
  return {
    async putSession(session: Session) {
      await db.send(new PutCommand({ TableName: table, Item: toItem(session) }));
    },

    // session by id: GetItem PK=SESSION#<id>, SK=META
    async getSession(id: string): Promise<Session | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: sessionKey(id) }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    // sessions of a federation by start time: Query GSI1 FED#<fid> / START#<from> … START#<to>
    async listSessionsOfFederation(federationId: string, range: { from: string; to: string }, options: { limit?: number; cursor?: string } = {}) {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':from': `START#${range.from}`, ':to': `START#${range.to}\uffff` },
          Limit: options.limit ?? 100,
          ExclusiveStartKey: decodeCursor(options.cursor),
        }),
      );
      return { items: (out.Items ?? []).map(fromItem), nextCursor: encodeCursor(out.LastEvaluatedKey) };
    },
  };
}
export type SessionRepository = ReturnType<typeof makeSessionRepository>;
