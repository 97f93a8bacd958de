import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Attendance, AttendanceSummary } from '@lianyan/shared';
import { putIfReadLater, queryAll, type TableContext } from '#lib/dynamo';
import { isReportSnapshotKey } from './report-snapshots.ts';
import { isDigestKey } from './school-digests.ts';

/**
 * Counter items kept by the table's stream (docs/DESIGN.md "Aggregates kept by the stream", issue 19).
 * A session's counters live in its own partition, beside the records they count: `SESSION#<id>` / `COUNTS`.
 */
export const sessionCountsKey = (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'COUNTS' });

/** Items the stream aggregator writes itself: their own stream records count nothing and reach no report. */
export const isAggregateOutput = (pk: string, sk: string) => sk === 'COUNTS' || isReportSnapshotKey(pk) || isDigestKey(pk, sk);

/** The attendance record a key names (`SESSION#<id>` / `ATT#<uid>`), or undefined for any other item. */
export function attendanceOfKey(pk: unknown, sk: unknown): { sessionId: string; userId: string } | undefined {
  if (typeof pk !== 'string' || typeof sk !== 'string') return undefined;
  if (!pk.startsWith('SESSION#') || !sk.startsWith('ATT#')) return undefined;
  const sessionId = pk.slice('SESSION#'.length);
  const userId = sk.slice('ATT#'.length);
  return sessionId && userId ? { sessionId, userId } : undefined;
}

/** What a session's counters are computed from: the few fields of each attendance record the counts read. */
export type CountedRecord = Pick<Attendance, 'userId' | 'status' | 'flags' | 'creditedHours'> &
  Partial<Pick<Attendance, 'schoolId' | 'signedOutAt' | 'deviceId' | 'name' | 'signedInAt'>>;

/** 应到 / 实到 / 迟到 / 早退 / 缺席 / 请假 (and the roster's other counts) over the records, with their credited hours. */
export type CountLine = AttendanceSummary & {
  records: number;
  creditedHours: number;
  /** Records carrying a sign-in time, whatever their status now (活动档案情况's 签到人数). Absent in counters written before it. */
  withSignInTime?: number;
};

/** The display's 最新签到: the latest sign-ins of people attending, newest first (name, time, status). */
export type LatestSignIn = { name: string; at: string; status: Attendance['status'] };

/** Above this many records a session's counters leave out `userIds` (the item stays well under DynamoDB's 400 KB). */
export const MAX_COUNTED_USER_IDS = 12_000;

export interface SessionCounts {
  sessionId: string;
  total: CountLine;
  /** By the record's school (`-`: a record without one). */
  bySchool: Record<string, CountLine>;
  /** The 8 latest sign-ins (the display's list). Absent in counters written before it. */
  latest?: LatestSignIn[];
  /**
   * Who has a record, sorted: a reader adds the audience members not in it to 应到 (`summarize`'s `unrecorded`)
   * without reading the records. Left out above MAX_COUNTED_USER_IDS records and in counters written before it:
   * a reader then counts from the records.
   */
  userIds?: string[];
}

/** The stored counters and the instant their computation started reading (the ordering guard). */
export type StoredSessionCounts = SessionCounts & { readAt: string };

/** A counter item as read (GetItem or BatchGet) without its keys. */
export function sessionCountsOf(item: Record<string, unknown>): StoredSessionCounts {
  const { PK: _pk, SK: _sk, type: _type, ...rest } = item;
  return rest as unknown as StoredSessionCounts;
}

// signedInAt (the counters' `withSignInTime` and `latest`) is among the digests' fields: a path is named once.
const COUNTED_FIELDS = 'userId, schoolId, #status, signedOutAt, flags, deviceId, creditedHours, #name';
/** What the school × semester digests keep besides (services/school-digests.ts). */
const DIGESTED_FIELDS = 'GSI1PK, GSI2SK, kind, signedInAt, observationId';

export function makeAggregateRepository(ctx: TableContext) {
  const { db, table } = ctx;
  return {
    /** Every attendance record of a session, strongly consistent (one Query, paged), projected to what is counted and digested. */
    async countedRecords(sessionId: string): Promise<CountedRecord[]> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :att)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':att': 'ATT#' },
        ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
        ProjectionExpression: `${COUNTED_FIELDS}, ${DIGESTED_FIELDS}`,
        ConsistentRead: true,
      });
      return items.map((item) => ({ flags: [], creditedHours: 0, ...item }) as unknown as CountedRecord);
    },

    /**
     * Replaces a session's counters unless counters computed from a later read are already there: of two
     * computations racing, the one that started reading last wins, whatever order their writes arrive in.
     */
    async putSessionCounts(counts: SessionCounts, readAt: string): Promise<'written' | 'stale'> {
      return putIfReadLater(ctx, { ...sessionCountsKey(counts.sessionId), type: 'sessionCounts', ...counts }, readAt);
    },

    /** A session's counters: one GetItem (undefined before its first record was counted). */
    async getSessionCounts(sessionId: string, options: { consistent?: boolean } = {}): Promise<StoredSessionCounts | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: sessionCountsKey(sessionId), ConsistentRead: options.consistent ?? false }));
      return out.Item ? sessionCountsOf(out.Item) : undefined;
    },
  };
}
export type AggregateRepository = ReturnType<typeof makeAggregateRepository>;
