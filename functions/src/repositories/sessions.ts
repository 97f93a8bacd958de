import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isFamilySession, type Session } from '@lianyan/shared';
import { batchGetAll, isConditionFailed, queryAll, queryPage, type TableContext, isEmptyRange } from '#lib/dynamo';

export const sessionKey = (id: string) => ({ PK: `SESSION#${id}`, SK: 'META' });
/** The session id of an item in a session's partition (`SESSION#<id>`). */
export const sessionIdOfKey = (pk: unknown) => String(pk).slice('SESSION#'.length);
const familyIndexKey = (id: string, schoolId: string) => ({ PK: `SESSION#${id}`, SK: `FAMILY#${schoolId}` });
const reminderKey = (id: string) => ({ PK: `SESSION#${id}`, SK: 'REMIND' });
const closeQueueKey = (id: string) => ({ PK: `SESSION#${id}`, SK: 'AUTOCLOSE' });

/** Reminders go out this long before a family session starts. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

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

/** The stored item of a session, as `putSession` writes it (bulk seeds write the same). */
export const sessionItem = toItem;

function fromItem(item: Record<string, unknown>): Session {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, GSI2PK: _g2, GSI2SK: _g2s, type: _t, ...session } = item;
  return session as Session;
}

export function makeSessionRepository(ctx: TableContext) {
  const { db, table } = ctx;
  /**
   * A family session is also filed under each audience school (browsing and the school's report) and, while
   * published and upcoming, in the reminder queue. Entries of schools no longer in the audience are removed.
   */
  async function syncFamilyEntries(session: Session) {
    const family = isFamilySession(session);
    const existing = await queryAll(db, {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :family)',
      ExpressionAttributeValues: { ':pk': `SESSION#${session.id}`, ':family': 'FAMILY#' },
      ProjectionExpression: 'SK',
    });
    const schools = family && session.audience.type === 'parents' ? [...new Set(session.audienceSchoolIds ?? session.audience.schoolIds)] : [];
    if (!family && existing.length === 0) return;
    await Promise.all([
      ...schools.map((schoolId) =>
        db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...familyIndexKey(session.id, schoolId),
              GSI1PK: `FAMILY#${schoolId}`,
              GSI1SK: `START#${session.startAt}#${session.id}`,
              type: 'familyIndex',
              sessionId: session.id,
              startAt: session.startAt,
            },
          }),
        ),
      ),
      ...existing
        .map((i) => String(i.SK))
        .filter((sk) => !schools.includes(sk.slice('FAMILY#'.length)))
        .map((sk) => db.send(new DeleteCommand({ TableName: table, Key: { PK: `SESSION#${session.id}`, SK: sk } }))),
    ]);
    if (!family || session.status !== 'published') {
      await db.send(new DeleteCommand({ TableName: table, Key: reminderKey(session.id) }));
      return;
    }
    const remindAt = new Date(Date.parse(session.startAt) - REMINDER_LEAD_MS).toISOString();
    try {
      // Queued unless the reminder for this start time has gone out already (a later edit must not repeat it).
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...reminderKey(session.id), GSI1PK: 'REMINDERS', GSI1SK: `${remindAt}#${session.id}`, type: 'reminder', sessionId: session.id, startAt: session.startAt },
          ConditionExpression: 'attribute_not_exists(doneFor) OR doneFor <> :start',
          ExpressionAttributeValues: { ':start': session.startAt },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  /** A published session waits in the auto-close queue by its end time; any other status takes it off. */
  async function syncCloseQueue(session: Session) {
    if (session.status !== 'published') {
      await db.send(new DeleteCommand({ TableName: table, Key: closeQueueKey(session.id) }));
      return;
    }
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...closeQueueKey(session.id), GSI1PK: 'AUTOCLOSE', GSI1SK: `${session.endAt}#${session.id}`, type: 'closeQueue', sessionId: session.id },
      }),
    );
  }

  return {
    /** Saves a session; with `expectStatus`, only if its stored status is still that one (else false: a close or cancel won). */
    async putSession(session: Session, options: { expectStatus?: Session['status'] } = {}): Promise<boolean> {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: toItem(session),
            ...(options.expectStatus
              ? { ConditionExpression: '#status = :expected', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':expected': options.expectStatus } }
              : {}),
          }),
        );
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
      // Any session: one changed from a family session to another kind leaves the family index too.
      await Promise.all([syncFamilyEntries(session), syncCloseQueue(session)]);
      return true;
    },

    /**
     * Close, first step: the session turns `closed` (from `published`, or again if a close was interrupted) and leaves
     * the auto-close queue. Answers the closed session, or undefined when it is neither published nor closed.
     */
    async markClosed(id: string, change: { closedAt: string; closedBy: 'organizer' | 'auto'; expectedCount: number }): Promise<Session | undefined> {
      try {
        const out = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: sessionKey(id),
            UpdateExpression: 'SET #status = :closed, closedAt = if_not_exists(closedAt, :at), closedBy = if_not_exists(closedBy, :by), expectedCount = :n, updatedAt = :at',
            ConditionExpression: '#status IN (:published, :closed)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':closed': 'closed', ':published': 'published', ':at': change.closedAt, ':by': change.closedBy, ':n': change.expectedCount },
            ReturnValues: 'ALL_NEW',
          }),
        );
        await db.send(new DeleteCommand({ TableName: table, Key: closeQueueKey(id) }));
        return fromItem(out.Attributes ?? {});
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    /** Takes a session off the auto-close queue (no longer published, or gone). */
    async dropFromCloseQueue(id: string) {
      await db.send(new DeleteCommand({ TableName: table, Key: closeQueueKey(id) }));
    },

    // published sessions that ended by a time (auto-close): Query GSI1 AUTOCLOSE / ≤ <endedBy> (sparse: published sessions only)
    async listEndedOpenSessionIds(endedBy: string, limit = 100): Promise<string[]> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :by',
          ExpressionAttributeValues: { ':pk': 'AUTOCLOSE', ':by': `${endedBy}\uffff` },
          ProjectionExpression: 'sessionId',
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((i) => String(i.sessionId));
    },

    // session by id: GetItem PK=SESSION#<id>, SK=META
    async getSession(id: string): Promise<Session | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: sessionKey(id) }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    // sessions by ids: BatchGet PK=SESSION#<id>, SK=META (order not kept)
    async getSessions(ids: string[]): Promise<Session[]> {
      return (await batchGetAll(db, table, [...new Set(ids)].map(sessionKey))).map(fromItem);
    },

    // sessions of a federation by start time: Query GSI1 FED#<fid> / START#<from> … START#<to>
    async listSessionsOfFederation(federationId: string, range: { from: string; to: string }, options: { limit?: number; cursor?: string } = {}) {
      if (isEmptyRange(range)) return { items: [], nextCursor: undefined };
      const page = await queryPage(
        ctx,
        {
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':from': `START#${range.from}`, ':to': `START#${range.to}\uffff` },
          Limit: options.limit ?? 100,
        },
        options.cursor,
      );
      return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
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

    // family sessions of a school by start time: Query GSI1 FAMILY#<sid> / START#<from> … START#<to> → session ids
    async listFamilySessionIdsOfSchool(schoolId: string, range: { from: string; to: string }): Promise<string[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `FAMILY#${schoolId}`, ':from': `START#${range.from}`, ':to': `START#${range.to}\uffff` },
        ProjectionExpression: 'sessionId',
      });
      return items.map((i) => String(i.sessionId));
    },

    // family sessions whose reminder is due: Query GSI1 REMINDERS / ≤ <now> (a sparse index: only pending reminders)
    async listDueReminders(now: string): Promise<Array<{ sessionId: string; startAt: string }>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
        ExpressionAttributeValues: { ':pk': 'REMINDERS', ':now': `${now}\uffff` },
      });
      return items.map((i) => ({ sessionId: String(i.sessionId), startAt: String(i.startAt) }));
    },

    /** Takes a session's reminder off the queue, remembering for which start time it went out. */
    async markReminderDone(sessionId: string, startAt: string) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: reminderKey(sessionId),
          UpdateExpression: 'SET doneFor = :start REMOVE GSI1PK, GSI1SK',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':start': startAt },
        }),
      ).catch((error: unknown) => {
        if (!isConditionFailed(error)) throw error;
      });
    },
  };
}
export type SessionRepository = ReturnType<typeof makeSessionRepository>;
