import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FederationReport } from '@lianyan/shared';
import { batchGetAll, isConditionFailed, type TableContext } from '#lib/dynamo';

/**
 * Report versions and the federation reports computed at them (docs/design/aggregates.md "Report snapshots").
 * The stream aggregator raises a federation's version after any change its reports read; a report computed while the
 * versions were v is kept with v and served while they still are v (and its time-bound figures have not moved on).
 */
const VERSIONS_PK = 'REPORTVER';
/** Raised for a change whose federation cannot be told: every snapshot is then out of date. */
const ALL = 'ALL';
const versionKey = (federationId: string | typeof ALL) => ({ PK: VERSIONS_PK, SK: federationId === ALL ? ALL : `FED#${federationId}` });
const snapshotKey = (federationId: string, semester: string, threshold: number) => ({ PK: `REPORTSNAP#${federationId}`, SK: `${semester}#${threshold}` });

/** Items the aggregator itself writes (counters, versions, snapshots): their stream records change nothing. */
export const isReportSnapshotKey = (pk: string) => pk === VERSIONS_PK || pk.startsWith('REPORTSNAP#');

/** The versions a snapshot was computed at: the federation's and the one for changes of unknown federation. */
export interface ReportVersions {
  federation: number;
  all: number;
}

export interface StoredSnapshot {
  versions: ReportVersions;
  /** The first instant its figures change without a write (a session starts or ends, a new day). */
  validUntil: string;
  /** The code's snapshot format: a change of what a report holds or how it is computed raises it. */
  format: number;
  report: Omit<FederationReport, 'generatedAt'>;
}

export const sameVersions = (a: ReportVersions, b: ReportVersions) => a.federation === b.federation && a.all === b.all;

export function makeReportSnapshotRepository(ctx: TableContext) {
  const { db, table } = ctx;
  return {
    /** Raises the versions of these federations (and of all when `all`): one UpdateItem each. Idempotent in effect: any raise invalidates. */
    async raise(federationIds: Iterable<string>, all: boolean): Promise<void> {
      const ids: Array<string | typeof ALL> = [...new Set(federationIds)];
      if (all) ids.push(ALL);
      await Promise.all(
        ids.map((id) =>
          db.send(new UpdateCommand({ TableName: table, Key: versionKey(id), UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 } })),
        ),
      );
    },

    /**
     * The current versions of these federations and their snapshots of a semester at a threshold, in one BatchGetItem
     * (per 100 keys), strongly consistent: a version raised before the read is seen.
     */
    async read(federationIds: string[], semester: string, threshold: number): Promise<Map<string, { versions: ReportVersions; snapshot?: StoredSnapshot }>> {
      const keys = [versionKey(ALL), ...federationIds.flatMap((id) => [versionKey(id), snapshotKey(id, semester, threshold)])];
      const items = await batchGetAll(db, table, keys, { consistent: true });
      const find = (key: { PK: string; SK: string }) => items.find((i) => i.PK === key.PK && i.SK === key.SK);
      const all = Number(find(versionKey(ALL))?.v ?? 0);
      return new Map(
        federationIds.map((id) => {
          const versions = { federation: Number(find(versionKey(id))?.v ?? 0), all };
          const stored = find(snapshotKey(id, semester, threshold)) as (StoredSnapshot & Record<string, unknown>) | undefined;
          return [id, { versions, ...(stored ? { snapshot: { versions: stored.versions, validUntil: stored.validUntil, format: stored.format, report: stored.report } } : {}) }];
        }),
      );
    },

    /** Keeps a report computed at `versions`, unless one computed at later versions is already there (kept instead). */
    async put(federationId: string, semester: string, threshold: number, snapshot: StoredSnapshot): Promise<void> {
      await db
        .send(
          new PutCommand({
            TableName: table,
            Item: { ...snapshotKey(federationId, semester, threshold), type: 'reportSnapshot', ...snapshot },
            ConditionExpression: 'attribute_not_exists(PK) OR (versions.federation <= :f AND versions.#all <= :a) OR #format <> :format',
            ExpressionAttributeNames: { '#all': 'all', '#format': 'format' },
            ExpressionAttributeValues: { ':f': snapshot.versions.federation, ':a': snapshot.versions.all, ':format': snapshot.format },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailed(error)) throw error;
        });
    },

    /** The federations a school belongs or belonged to (its item and its earlier memberships): one Query of its partition. */
    async federationsOfSchool(schoolId: string): Promise<string[]> {
      const out = await db.send(
        new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `SCHOOL#${schoolId}` }, ProjectionExpression: 'federationId' }),
      );
      return [...new Set((out.Items ?? []).map((i) => i.federationId).filter((f): f is string => typeof f === 'string' && f.length > 0))];
    },

    /** The federation of a session (one GetItem, projected). */
    async federationOfSession(sessionId: string): Promise<string | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: { PK: `SESSION#${sessionId}`, SK: 'META' }, ProjectionExpression: 'federationId' }));
      return typeof out.Item?.federationId === 'string' ? out.Item.federationId : undefined;
    },

    /** The scopes a person holds roles in (`ROLE#<role>#<scopeKey>`): one Query of their partition, keys only. */
    async roleScopesOfUser(userId: string): Promise<string[]> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :role)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':role': 'ROLE#' },
          ProjectionExpression: 'SK',
        }),
      );
      return (out.Items ?? []).map((i) => String(i.SK).split('#').slice(2).join('#'));
    },
  };
}
export type ReportSnapshotRepository = ReturnType<typeof makeReportSnapshotRepository>;
