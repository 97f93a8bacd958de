import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Session } from '@lianyan/shared';
import { decodeCursor, encodeCursor, queryAll, type TableContext } from '#lib/dynamo';

const sessionKey = (id: string) => ({ PK: `SESSION#${id}`, SK: 'META' });

function toItem(session: Session) {
  return {
    ...sessionKey(session.id),
    GSI1PK: `FED#${session.federationId}`,
    GSI1SK: `START#${session.startAt}#${session.id}`,
    // The lesson's teacher finds the sessions they taught on their own timeline (open classes in the archive).
    ...(session.lesson?.teacherId ? { GSI2PK: `USER#${session.lesson.teacherId}`, GSI2SK: `TAUGHT#${session.startAt}#${session.id}` } : {}),
    type: 'session',
    ...session,
  };
}

function fromItem(item: Record<string, unknown>): Session {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, GSI2PK: _g2, GSI2SK: _g2s, type: _t, ...session } = item;
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

    // sessions of a federation by start time, every page (a semester's: reports): Query GSI1 FED#<fid> / START#<from> … START#<to>
    async listAllSessionsOfFederation(federationId: string, range: { from: string; to: string }): Promise<Session[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':from': `START#${range.from}`, ':to': `START#${range.to}\uffff` },
      });
      return items.map(fromItem);
    },

    // sessions by ids: BatchGetItem in chunks of 100
    async getSessions(ids: string[]): Promise<Map<string, Session>> {
      const found = new Map<string, Session>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 100) {
        let keys: Record<string, unknown>[] = unique.slice(i, i + 100).map(sessionKey);
        while (keys.length) {
          const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
          for (const item of out.Responses?.[table] ?? []) found.set(String(item.id), fromItem(item));
          keys = (out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        }
      }
      return found;
    },

    // sessions whose lesson a teacher gave: Query GSI2 USER#<uid> / TAUGHT#<from> … TAUGHT#<to>
    async listTaughtBy(teacherId: string, range: { from: string; to: string }): Promise<Session[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `USER#${teacherId}`, ':from': `TAUGHT#${range.from}`, ':to': `TAUGHT#${range.to}\uffff` },
      });
      return items.map(fromItem);
    },
  };
}
export type SessionRepository = ReturnType<typeof makeSessionRepository>;
