import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessTrailEntry } from '@lianyan/shared';
import { queryPage, type TableContext } from '#lib/dynamo';
import { campaignKeys } from './campaigns.ts';
import { federationKeys } from './federations.ts';
import { sessionKey } from './sessions.ts';

/**
 * The admin access trail (issue 22): one item per view or export of other people's personal data, in the district's
 * partition `TRAIL` by time (`<at>#<id>`), and, when the data belongs to a federation, on GSI1 `TRAIL#FED#<fid>` for
 * its admins. `expiresAt` (the table's TTL attribute) removes it after 180 days. Exports are a few hundred a day at
 * most, so one partition is far below DynamoDB's per-partition limits.
 */
export const trailKeys = {
  entry: (at: string, id: string) => ({ PK: 'TRAIL', SK: `${at}#${id}` }),
};

export function makeAccessTrailRepository(ctx: TableContext) {
  const { db, table } = ctx;
  return {
    async put(entry: AccessTrailEntry, expiresAt: number): Promise<void> {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: {
            ...trailKeys.entry(entry.at, entry.id),
            ...(entry.federationId ? { GSI1PK: `TRAIL#FED#${entry.federationId}`, GSI1SK: `${entry.at}#${entry.id}` } : {}),
            type: 'access_trail',
            ...entry,
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    // the trail, newest first: Query PK=TRAIL (district) or GSI1 TRAIL#FED#<fid>, SK BETWEEN <from> AND <to>~
    async list(range: { from: string; to: string }, options: { federationId?: string; cursor?: string; limit?: number }) {
      const byFederation = options.federationId !== undefined;
      const page = await queryPage(
        ctx,
        {
          TableName: table,
          ...(byFederation ? { IndexName: 'GSI1' } : {}),
          KeyConditionExpression: byFederation ? 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to' : 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': byFederation ? `TRAIL#FED#${options.federationId}` : 'TRAIL', ':from': range.from, ':to': `${range.to}\uffff` },
          ScanIndexForward: false,
          Limit: options.limit ?? 50,
        },
        options.cursor,
      );
      return {
        items: page.items.map((i) => {
          const { PK: _p, SK: _s, GSI1PK: _a, GSI1SK: _b, type: _t, expiresAt: _e, ...entry } = i;
          return entry as unknown as AccessTrailEntry;
        }),
        nextCursor: page.nextCursor,
      };
    },

    /** The federation a school, session or campaign belongs to: one GetItem of its META item, projected. */
    async federationOf(of: { schoolId: string } | { sessionId: string } | { campaignId: string }): Promise<string | undefined> {
      const key = 'schoolId' in of ? federationKeys.school(of.schoolId) : 'sessionId' in of ? sessionKey(of.sessionId) : campaignKeys.campaign(of.campaignId);
      const out = await db.send(new GetCommand({ TableName: table, Key: key, ProjectionExpression: 'federationId' }));
      return typeof out.Item?.federationId === 'string' ? out.Item.federationId : undefined;
    },
  };
}
export type AccessTrailRepository = ReturnType<typeof makeAccessTrailRepository>;
