import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ArchiveEntryInput, EntryStatus, Evidence, Review } from '@lianyan/shared';
import { cancellationCodes, queryAll, queryPage, type TableContext, isEmptyRange } from '#lib/dynamo';

/** An entry as stored: the teacher's input plus who, where, the review and the files. */
export type StoredEntry = ArchiveEntryInput & {
  id: string;
  userId: string;
  schoolId?: string;
  status: EntryStatus;
  /** School year (`2026-2027`) of `date`: the totals it counts toward once approved. */
  year: string;
  semester: string;
  hours: number;
  evidenceFiles: Evidence[];
  review?: Review;
  createdAt: string;
  updatedAt: string;
};

/** Approved figures of a person for one school year (entered lines only; attendance is counted from its own items). */
export interface YearTotals {
  year: string;
  hours: number;
  counts: Record<string, number>;
  observationsBySemester: Record<string, number>;
}

export const archiveKeys = {
  entry: (id: string) => ({ PK: `ENTRY#${id}`, SK: 'META' }),
  totals: (userId: string, year: string) => ({ PK: `USER#${userId}`, SK: `ARCHIVE#YEAR#${year}` }),
  state: (userId: string) => ({ PK: `USER#${userId}`, SK: 'ARCHIVE#STATE' }),
};

const reviewQueue = (entry: StoredEntry) =>
  entry.schoolId && entry.status === 'pending' ? { GSI1PK: `REVIEW#${entry.schoolId}`, GSI1SK: `${entry.createdAt}#${entry.id}` } : {};

function toItem(entry: StoredEntry) {
  return {
    ...archiveKeys.entry(entry.id),
    GSI2PK: `USER#${entry.userId}`,
    GSI2SK: `ENTRY#${entry.date}#${entry.id}`,
    ...reviewQueue(entry),
    type: 'archive_entry',
    ...entry,
  };
}

function fromItem(item: Record<string, unknown>): StoredEntry {
  const { PK: _p, SK: _s, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, type: _t, ...entry } = item;
  return entry as unknown as StoredEntry;
}

function totalsFromItem(item: Record<string, unknown>): YearTotals & { userId: string } {
  const counts: Record<string, number> = {};
  const observationsBySemester: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith('n_')) counts[name.slice(2)] = Number(value);
    if (name.startsWith('obs_')) observationsBySemester[name.slice(4)] = Number(value);
  }
  return { userId: String(item.userId), year: String(item.year), hours: Number(item.hours ?? 0), counts, observationsBySemester };
}

export class EntryChanged extends Error {}

export function makeArchiveRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const pendingDelta = (userId: string, delta: number) => ({
    Update: {
      TableName: table,
      Key: archiveKeys.state(userId),
      UpdateExpression: 'ADD pending :d SET userId = :u, #type = :t',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':d': delta, ':u': userId, ':t': 'archive_state' },
    },
  });

  /** Runs a transaction whose first item is the entry's own condition: a failed condition there means someone changed it first. */
  async function transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw new EntryChanged('entry changed', { cause: error });
      throw error;
    }
  }

  return {
    // entry by id: GetItem PK=ENTRY#<id>, SK=META
    async getEntry(id: string): Promise<StoredEntry | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: archiveKeys.entry(id), ConsistentRead: true }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    /** A new pending entry and the person's pending count, together; a repeat of the same id changes nothing. */
    async createEntry(entry: StoredEntry): Promise<{ created: boolean }> {
      try {
        await transact([
          { Put: { TableName: table, Item: toItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } },
          pendingDelta(entry.userId, 1),
        ]);
        return { created: true };
      } catch (error) {
        if (error instanceof EntryChanged) return { created: false };
        throw error;
      }
    },

    /** Replaces a pending or rejected entry seen at `seen.updatedAt`; a rejected one goes back to the queue. */
    async replaceEntry(entry: StoredEntry, seen: StoredEntry) {
      await transact([
        {
          Put: {
            TableName: table,
            Item: toItem(entry),
            ConditionExpression: 'updatedAt = :seen AND #status IN (:pending, :rejected)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':seen': seen.updatedAt, ':pending': 'pending', ':rejected': 'rejected' },
          },
        },
        ...(seen.status === 'rejected' ? [pendingDelta(entry.userId, 1)] : []),
      ]);
    },

    async deleteEntry(seen: StoredEntry) {
      const remove = {
        TableName: table,
        Key: archiveKeys.entry(seen.id),
        ConditionExpression: 'updatedAt = :seen AND #status IN (:pending, :rejected)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':seen': seen.updatedAt, ':pending': 'pending', ':rejected': 'rejected' },
      };
      await transact(seen.status === 'pending' ? [{ Delete: remove }, pendingDelta(seen.userId, -1)] : [{ Delete: remove }]);
    },

    /**
     * A review decision, once: the entry leaves the queue, the pending count drops and, when approved, the
     * year's totals grow — all in one transaction, so a figure is never counted twice or lost.
     */
    async reviewEntry(seen: StoredEntry, review: Review, updatedAt: string) {
      const approved = review.decision === 'approved';
      const obs = seen.kind === 'lesson_observation' ? `obs_${seen.semester}` : undefined;
      await transact([
        {
          Update: {
            TableName: table,
            Key: archiveKeys.entry(seen.id),
            UpdateExpression: 'SET #status = :status, review = :review, updatedAt = :now REMOVE GSI1PK, GSI1SK',
            ConditionExpression: '#status = :pending AND updatedAt = :seen',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': review.decision, ':review': review, ':now': updatedAt, ':pending': 'pending', ':seen': seen.updatedAt },
          },
        },
        pendingDelta(seen.userId, -1),
        ...(approved
          ? [
              {
                Update: {
                  TableName: table,
                  Key: archiveKeys.totals(seen.userId, seen.year),
                  UpdateExpression: `ADD hours :h, #n :one${obs ? ', #obs :one' : ''} SET userId = :u, #year = :y, #type = :t${
                    seen.schoolId ? ', GSI1PK = :g1, GSI1SK = :g1s' : ''
                  }`,
                  ExpressionAttributeNames: { '#n': `n_${seen.kind}`, '#year': 'year', '#type': 'type', ...(obs ? { '#obs': obs } : {}) },
                  ExpressionAttributeValues: {
                    ':h': seen.hours,
                    ':one': 1,
                    ':u': seen.userId,
                    ':y': seen.year,
                    ':t': 'archive_totals',
                    ...(seen.schoolId ? { ':g1': `SCHOOL#${seen.schoolId}#ARCHIVE#${seen.year}`, ':g1s': `USER#${seen.userId}` } : {}),
                  },
                },
              },
            ]
          : []),
      ]);
    },

    // a person's entries by date: Query GSI2 USER#<uid> / ENTRY#<from> … ENTRY#<to>
    async listEntriesOfUser(userId: string, range: { from: string; to: string }): Promise<StoredEntry[]> {
      if (isEmptyRange(range)) return [];
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':from': `ENTRY#${range.from}`, ':to': `ENTRY#${range.to}\uffff` },
        ScanIndexForward: false,
      });
      return items.map(fromItem);
    },

    // a person's yearly totals and pending count: Query PK=USER#<uid>, SK begins_with ARCHIVE#
    async getArchiveState(userId: string): Promise<{ pending: number; years: Map<string, YearTotals> }> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'ARCHIVE#' },
      });
      const years = new Map<string, YearTotals>();
      let pending = 0;
      for (const item of items) {
        if (item.SK === 'ARCHIVE#STATE') pending = Number(item.pending ?? 0);
        else {
          const totals = totalsFromItem(item);
          years.set(totals.year, totals);
        }
      }
      return { pending, years };
    },

    // a school's yearly totals per teacher: Query GSI1 SCHOOL#<sid>#ARCHIVE#<year>
    async listTotalsOfSchool(schoolId: string, year: string): Promise<Map<string, YearTotals>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `SCHOOL#${schoolId}#ARCHIVE#${year}` },
      });
      return new Map(items.map((item) => [String(item.userId), totalsFromItem(item)]));
    },

    // a school's review queue, oldest first: Query GSI1 REVIEW#<sid>
    async listPendingOfSchool(schoolId: string, options: { limit?: number; cursor?: string } = {}) {
      const page = await queryPage(
        ctx,
        { TableName: table, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': `REVIEW#${schoolId}` }, Limit: options.limit ?? 50 },
        options.cursor,
      );
      return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
    },

    /** How many entries wait for review per person in a school (the queue's keys only). */
    async countPendingOfSchool(schoolId: string): Promise<Map<string, number>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `REVIEW#${schoolId}` },
        ProjectionExpression: 'userId',
      });
      const counts = new Map<string, number>();
      for (const item of items) counts.set(String(item.userId), (counts.get(String(item.userId)) ?? 0) + 1);
      return counts;
    },
  };
}
export type ArchiveRepository = ReturnType<typeof makeArchiveRepository>;
