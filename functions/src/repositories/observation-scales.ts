import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from '#lib/dynamo';

// The one read the session domain makes of 听评课 scales (kept apart so session functions do not bundle the observations repository).

/** A scale's current version (its federation on it): the one key of it outside its versions. */
export const scaleKey = (scaleId: string) => ({ PK: `SCALE#${scaleId}`, SK: 'META' });

/** A scale's federation: GetItem PK=SCALE#<sid>, SK=META (projected); `undefined` when there is no such scale. */
export async function scaleFederationOf({ db, table }: TableContext, scaleId: string): Promise<{ federationId?: string } | undefined> {
  const out = await db.send(new GetCommand({ TableName: table, Key: scaleKey(scaleId), ProjectionExpression: 'federationId' }));
  return out.Item ? { federationId: typeof out.Item.federationId === 'string' ? out.Item.federationId : undefined } : undefined;
}
