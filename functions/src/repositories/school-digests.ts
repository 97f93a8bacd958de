import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Attendance } from '@lianyan/shared';
import { isConditionFailed, putIfReadLater, queryAll, type TableContext } from '#lib/dynamo';
import type { AttendanceCredit } from './attendance.ts';

/**
 * School × semester digests kept by the stream (docs/design/aggregates.md "School × semester digests", issue 19).
 * One item per school semester and session: `SCHOOLSEM#<sid>#<semester>` / `SESSION#<id>`, holding the school's
 * attendance records at that session in compact form — exactly the items the GSI1 Query `SCHOOL#<sid>#<semester>`
 * returns for that session, so a school's semester is one Query over its sessions instead of over its items.
 * Beside each session's records, `SESSION#<id>` / `DIGESTS` lists every school semester the session was ever digested
 * into, so a school whose records left the session still gets its (empty) digest rewritten.
 */
export const GSI1_SCHOOL_PREFIX = 'SCHOOL#';
const digestPartitionOf = (gsi1pk: string) => `SCHOOLSEM#${gsi1pk.slice(GSI1_SCHOOL_PREFIX.length)}`;
const schoolDigestKey = (gsi1pk: string, sessionId: string) => ({ PK: digestPartitionOf(gsi1pk), SK: `SESSION#${sessionId}` });
const digestStateKey = (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'DIGESTS' });
/** A digest or a session's digest state: items the aggregator writes itself. */
export const isDigestKey = (pk: string, sk: string) => pk.startsWith('SCHOOLSEM#') || (pk.startsWith('SESSION#') && sk === 'DIGESTS');

/** A record as the digest keeps it: `[status, creditedHours, signedInAt?, observationId?, kind?, startAt?]`, the last two only where they differ from the session's. */
export type DigestEntry = [status: string, creditedHours: number, signedInAt?: string | null, observationId?: string | null, kind?: string | null, startAt?: string | null];

export interface SchoolDigest {
  /** The record's GSI1 partition (`SCHOOL#<sid>#<semester>`) the digest mirrors. */
  gsi1pk: string;
  sessionId: string;
  /** The kind and start filed with (most of) the records. */
  kind: string;
  startAt: string;
  /** userId → the record; empty when the school has no record at the session any more. */
  records: Record<string, DigestEntry>;
  /** More records than an item holds: the reader reads the school's semester from its items instead. */
  overflow?: true;
}

/** Where a session's records were digested, and when the computation that last said so started reading. */
export interface DigestState {
  partitions: string[];
  readAt: string;
}

/** Bytes an item may use before the digest is marked as overflowing (DynamoDB's limit is 400 KB). */
export const DIGEST_MAX_CHARS = 350_000;

/** The credits a digest stands for, as `creditFromItem` builds them from the GSI1 items. */
export function creditsOfDigest(digest: Pick<SchoolDigest, 'sessionId' | 'kind' | 'startAt' | 'records'>): AttendanceCredit[] {
  return Object.entries(digest.records).map(([userId, [status, creditedHours, signedInAt, observationId, kind, startAt]]) => ({
    sessionId: digest.sessionId,
    userId,
    kind: kind ?? digest.kind,
    startAt: startAt ?? digest.startAt,
    status: status as Attendance['status'],
    creditedHours: Number(creditedHours ?? 0),
    ...(signedInAt ? { signedInAt } : {}),
    ...(observationId ? { observationId } : {}),
  }));
}

/** The GSI1 Query's order: `GSI1SK = ATT#<startAt>#<sessionId>#<userId>`. */
const gsi1Order = (c: Pick<AttendanceCredit, 'startAt' | 'sessionId' | 'userId'>) => `ATT#${c.startAt}#${c.sessionId}#${c.userId}`;
const byGsi1Order = (a: AttendanceCredit, b: AttendanceCredit) => {
  const x = gsi1Order(a);
  const y = gsi1Order(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export function makeSchoolDigestRepository(ctx: TableContext) {
  const { db, table } = ctx;
  return {
    /** The school semesters a session was digested into: one strongly consistent GetItem. */
    async getDigestState(sessionId: string): Promise<DigestState | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: digestStateKey(sessionId), ConsistentRead: true }));
      if (!out.Item) return undefined;
      return { partitions: (out.Item.partitions as string[] | undefined) ?? [], readAt: String(out.Item.readAt) };
    },

    /**
     * Replaces the state only if it is still the one read (`seen`): the computations of a session that write digests
     * form one chain, each knowing every school semester the ones before it wrote. `false`: another computation came
     * between, read again.
     */
    async claimDigestState(sessionId: string, next: DigestState, seen: DigestState | undefined): Promise<boolean> {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { ...digestStateKey(sessionId), type: 'digestState', partitions: next.partitions, readAt: next.readAt },
            ...(seen
              ? { ConditionExpression: 'readAt = :seen', ExpressionAttributeValues: { ':seen': seen.readAt } }
              : { ConditionExpression: 'attribute_not_exists(PK)' }),
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** Replaces one digest unless one computed from a later read is there ('stale'). */
    async putSchoolDigest(digest: SchoolDigest, readAt: string): Promise<'written' | 'stale'> {
      const { gsi1pk, ...fields } = digest;
      return putIfReadLater(ctx, { ...schoolDigestKey(gsi1pk, digest.sessionId), type: 'schoolDigest', ...fields }, readAt);
    },

    /**
     * A school's semester from its digests: one Query over its sessions (paged only past 1 MB), the credits in the GSI1
     * Query's order; `overflow` when a session held more records than a digest item does.
     */
    async listDigestsOfSchool(schoolId: string, semester: string): Promise<{ credits: AttendanceCredit[]; overflow: boolean }> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)',
        ExpressionAttributeValues: { ':pk': digestPartitionOf(`${GSI1_SCHOOL_PREFIX}${schoolId}#${semester}`), ':s': 'SESSION#' },
        ProjectionExpression: 'sessionId, kind, startAt, records, overflow',
      });
      const overflow = items.some((item) => item.overflow === true);
      const credits = overflow ? [] : items.flatMap((item) => creditsOfDigest(item as unknown as SchoolDigest));
      return { credits: credits.sort(byGsi1Order), overflow };
    },
  };
}
export type SchoolDigestRepository = ReturnType<typeof makeSchoolDigestRepository>;
