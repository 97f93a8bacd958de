import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { semesterOf, type Attendance } from '@lianyan/shared';
import { queryCount, isConditionFailed, queryAll, queryPage, type TableContext, isEmptyRange } from '#lib/dynamo';
import { makeSchoolDigestRepository } from './school-digests.ts';

export const attendanceKey = (sessionId: string, userId: string) => ({ PK: `SESSION#${sessionId}`, SK: `ATT#${userId}` });

/** Where a record is filed besides its session: the school's semester and the person's timeline. */
export interface AttendanceIndexing {
  sessionStartAt: string;
  sessionKind: string;
}

function toItem(a: Attendance, ix: AttendanceIndexing) {
  return {
    ...attendanceKey(a.sessionId, a.userId),
    ...(a.schoolId
      ? { GSI1PK: `SCHOOL#${a.schoolId}#${semesterOf(ix.sessionStartAt)}`, GSI1SK: `ATT#${ix.sessionStartAt}#${a.sessionId}#${a.userId}` }
      : {}),
    GSI2PK: `USER#${a.userId}`,
    GSI2SK: `ATT#${ix.sessionStartAt}#${a.sessionId}`,
    type: 'attendance',
    kind: ix.sessionKind,
    ...a,
  };
}

/** The stored item of a record, as `putSignIn` and close write it (bulk seeds and the bench write the same). */
export const attendanceItem = toItem;

function fromItem(item: Record<string, unknown>): Attendance {
  const { PK: _p, SK: _s, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, type: _t, kind: _k, ...rest } = item;
  return { flags: [], ...rest } as unknown as Attendance;
}

const ROSTER_FIELDS = 'userId, #name, schoolId, #status, signedInAt, signedOutAt, creditedHours, flags, #method, distanceM, deviceId, sessionId, updatedAt, closedAt';

/** What an attendance record credits a person with (the archive's derived lines and the reports' figures). */
export interface AttendanceCredit {
  sessionId: string;
  userId: string;
  /** The session's kind and start, as filed with the record. */
  kind: string;
  startAt: string;
  status: Attendance['status'];
  creditedHours: number;
  signedInAt?: string;
  /** The scale 评课 of this lesson, counted as an observation on the archive totals: the attendance does not count it again. */
  observationId?: string;
}

const CREDIT_FIELDS = 'sessionId, userId, kind, #status, creditedHours, signedInAt, observationId, GSI2SK';

function creditFromItem(item: Record<string, unknown>): AttendanceCredit {
  // GSI2SK = ATT#<startAt>#<sessionId>; the ISO start has no '#'.
  const startAt = String(item.GSI2SK ?? '').split('#')[1] ?? '';
  return {
    sessionId: String(item.sessionId),
    userId: String(item.userId),
    kind: String(item.kind ?? ''),
    startAt,
    status: item.status as Attendance['status'],
    creditedHours: Number(item.creditedHours ?? 0),
    ...(item.signedInAt ? { signedInAt: String(item.signedInAt) } : {}),
    ...(item.observationId ? { observationId: String(item.observationId) } : {}),
  };
}

export function makeAttendanceRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const digests = makeSchoolDigestRepository(ctx);
  const rosterQuery = (sessionId: string) => ({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :att)',
    ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':att': 'ATT#' },
    ExpressionAttributeNames: { '#name': 'name', '#status': 'status', '#method': 'method' },
    ProjectionExpression: ROSTER_FIELDS,
  });

  async function getAttendance(sessionId: string, userId: string): Promise<Attendance | undefined> {
    const out = await db.send(new GetCommand({ TableName: table, Key: attendanceKey(sessionId, userId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  // a school's credits in a semester from the items: Query GSI1 SCHOOL#<sid>#<semester>, small projection
  async function listCreditsOfSchoolItems(schoolId: string, semester: string): Promise<AttendanceCredit[]> {
    const items = await queryAll(db, {
      TableName: table,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :att)',
      ExpressionAttributeValues: { ':pk': `SCHOOL#${schoolId}#${semester}`, ':att': 'ATT#' },
      ExpressionAttributeNames: { '#status': 'status' },
      ProjectionExpression: CREDIT_FIELDS,
    });
    return items.map(creditFromItem);
  }

  return {
    getAttendance,

    /**
     * The one write of a sign-in: a conditional put, so a repeat or a race returns the record that is there.
     * Only when a record exists is it read; one made by hand beforehand (excused, absent: no sign-in) is then
     * filled in by a conditional update that keeps its audit trail.
     */
    async putSignIn(
      record: Attendance,
      ix: AttendanceIndexing,
    ): Promise<{ created: true } | { created: false; existing: Attendance } | { created: false; closed: true }> {
      try {
        await db.send(new PutCommand({ TableName: table, Item: toItem(record, ix), ConditionExpression: 'attribute_not_exists(PK)' }));
        return { created: true };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      const existing = await getAttendance(record.sessionId, record.userId);
      if (existing?.signedInAt) return { created: false, existing };
      // Close wins: a record close wrote or sealed is never filled in, whatever the sign-in read of the session.
      if (existing?.closedAt) return { created: false, closed: true };
      const { PK: _pk, SK: _sk, audit: _audit, ...fields } = toItem(record, ix);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = Object.entries(fields).map(([key, value], i) => {
        names[`#f${i}`] = key;
        values[`:v${i}`] = value;
        return `#f${i} = :v${i}`;
      });
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: attendanceKey(record.sessionId, record.userId),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_not_exists(signedInAt) AND attribute_not_exists(closedAt)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return { created: true };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        const winner = await getAttendance(record.sessionId, record.userId);
        if (!winner) throw error;
        return winner.signedInAt ? { created: false, existing: winner } : { created: false, closed: true };
      }
    },

    /** Records a sign-out once: only on a record that is signed in and not yet signed out. */
    async putSignOut(
      sessionId: string,
      userId: string,
      change: { signedOutAt: string; status: Attendance['status']; creditedHours: number; updatedAt: string },
    ): Promise<{ updated: true; attendance: Attendance } | { updated: false; existing: Attendance | undefined }> {
      try {
        const out = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: attendanceKey(sessionId, userId),
            UpdateExpression: 'SET signedOutAt = :out, #status = :status, creditedHours = :hours, updatedAt = :now',
            ConditionExpression: 'attribute_exists(signedInAt) AND attribute_not_exists(signedOutAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':out': change.signedOutAt, ':status': change.status, ':hours': change.creditedHours, ':now': change.updatedAt },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { updated: true, attendance: fromItem(out.Attributes ?? {}) };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        return { updated: false, existing: await getAttendance(sessionId, userId) };
      }
    },

    /** A hand-made change by an organizer: sets the fields and appends to the audit trail, creating the record if needed. */
    async putManual(record: Attendance, ix: AttendanceIndexing, audit: NonNullable<Attendance['audit']>[number]): Promise<Attendance> {
      const existing = await getAttendance(record.sessionId, record.userId);
      const merged: Attendance = {
        ...(existing ?? record),
        status: record.status,
        creditedHours: record.creditedHours,
        flags: [...new Set([...(existing?.flags ?? []), 'manual' as const])],
        audit: [...(existing?.audit ?? []), audit],
        updatedAt: record.updatedAt,
        ...(existing ? {} : { method: 'manual' as const }),
      };
      await db.send(
        new PutCommand({
          TableName: table,
          Item: toItem(merged, ix),
          // Unchanged since read, the mark of a scale 评课 (observationId, written without touching updatedAt) included.
          ...(existing
            ? {
                ConditionExpression: `updatedAt = :seen AND ${existing.observationId ? 'observationId = :oid' : 'attribute_not_exists(observationId)'}`,
                ExpressionAttributeValues: { ':seen': existing.updatedAt, ...(existing.observationId ? { ':oid': existing.observationId } : {}) },
              }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        }),
      );
      return merged;
    },

    /** Closing: a record without a sign-in (made by hand beforehand) is sealed, so no later sign-in fills it in. */
    async sealUnsigned(sessionId: string, userId: string, closedAt: string) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: attendanceKey(sessionId, userId),
          UpdateExpression: 'SET closedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(signedInAt) AND attribute_not_exists(closedAt)',
          ExpressionAttributeValues: { ':at': closedAt },
        }),
      ).catch((error: unknown) => {
        if (!isConditionFailed(error)) throw error;
      });
    },

    // whether a session has any record: Query PK=SESSION#<id>, SK begins_with ATT#, Limit 1, keys only
    async hasRecords(sessionId: string): Promise<boolean> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :att)',
          ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':att': 'ATT#' },
          ProjectionExpression: 'SK',
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).length > 0;
    },

    /** Closing: an absent record (sealed by its `closedAt`) for an audience member without one; never overwrites a sign-in. */
    async putAbsentIfMissing(record: Attendance, ix: AttendanceIndexing): Promise<boolean> {
      try {
        await db.send(new PutCommand({ TableName: table, Item: toItem(record, ix), ConditionExpression: 'attribute_not_exists(PK)' }));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async addFlag(sessionId: string, userId: string, flag: Attendance['flags'][number]) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: attendanceKey(sessionId, userId),
          UpdateExpression: 'SET flags = list_append(if_not_exists(flags, :empty), :flag)',
          ConditionExpression: 'attribute_exists(PK) AND NOT contains(flags, :name)',
          ExpressionAttributeValues: { ':flag': [flag], ':empty': [], ':name': flag },
        }),
      ).catch((error: unknown) => {
        if (!isConditionFailed(error)) throw error;
      });
    },

    // attendance of a session (roster): Query PK=SESSION#<id>, SK begins_with ATT#
    async listRoster(sessionId: string, options: { limit?: number; cursor?: string } = {}) {
      const page = await queryPage(ctx, { ...rosterQuery(sessionId), Limit: options.limit ?? 500 }, options.cursor);
      return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
    },

    /** The whole roster, page by page (a roster of 2,000 small items is one or two 1 MB pages). */
    async listWholeRoster(sessionId: string): Promise<Attendance[]> {
      const items = await queryAll(db, rosterQuery(sessionId));
      return items.map(fromItem);
    },

    // how many signed in: Query PK=SESSION#<id>, SK begins_with ATT#, Select COUNT, filter signedInAt exists (no items returned)
    async countSignedIn(sessionId: string): Promise<number> {
      return queryCount(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :att)',
        FilterExpression: 'attribute_exists(signedInAt)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':att': 'ATT#' },
      });
    },

    // a user's attendance by session start time: Query GSI2 USER#<uid> / ATT#<from> … ATT#<to>
    async listAttendanceOfUser(userId: string, range: { from: string; to: string }): Promise<Attendance[]> {
      if (isEmptyRange(range)) return [];
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':from': `ATT#${range.from}`, ':to': `ATT#${range.to}\uffff` },
      });
      return items.map(fromItem);
    },

    // a user's credits by session start: Query GSI2 USER#<uid> / ATT#<from> … ATT#<to>, small projection
    async listCreditsOfUser(userId: string, range: { from: string; to: string }): Promise<AttendanceCredit[]> {
      if (isEmptyRange(range)) return [];
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':from': `ATT#${range.from}`, ':to': `ATT#${range.to}\uffff` },
        ExpressionAttributeNames: { '#status': 'status' },
        ProjectionExpression: CREDIT_FIELDS,
      });
      return items.map(creditFromItem);
    },

    /**
     * A school's credits in a semester from its digests (issue 19): one Query over the semester's sessions, kept by the
     * stream; the items only when a session held more of the school's records than a digest item does.
     */
    async listCreditsOfSchool(schoolId: string, semester: string): Promise<AttendanceCredit[]> {
      const { credits, overflow } = await digests.listDigestsOfSchool(schoolId, semester);
      return overflow ? listCreditsOfSchoolItems(schoolId, semester) : credits;
    },

    listCreditsOfSchoolItems,
  };
}
export type AttendanceRepository = ReturnType<typeof makeAttendanceRepository>;
