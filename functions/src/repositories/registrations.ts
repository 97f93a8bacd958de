import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Registration } from '@lianyan/shared';
import { batchGetAll, queryCount, backoff, cancellationCodes, isConditionFailed, isTransactionConflict, queryAll, type TableContext } from '#lib/dynamo';

/**
 * Registrations for a session with seats (家长学校报名). Items in the session's partition:
 * - `SEATS`: `taken` (registered seats) and `waiting` (people on the waitlist). Every change of a registration
 *   changes this item in the same transaction, under a condition — so no seat is sold twice or lost, and
 *   `waiting > 0` only while every seat is taken.
 * - `WAITSEQ`: the waitlist's arrival counter (UpdateItem ADD), apart from `SEATS` so drawing a number never
 *   collides with a seat transaction.
 * - `WAITCOUNTED`: the highest number whose place was counted. A number at or below it can no longer join (it draws
 *   again), so a place counted is final: nobody can come in ahead of it afterwards.
 * - `REG#<uid>`: one registration per (session, parent).
 * - `WAIT#<seq>`: the waitlist in arrival order, one item per waiting parent (Query, consistent, ascending).
 */
const keys = {
  seats: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'SEATS' }),
  waitSeq: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'WAITSEQ' }),
  waitCounted: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'WAITCOUNTED' }),
  registration: (sessionId: string, userId: string) => ({ PK: `SESSION#${sessionId}`, SK: `REG#${userId}` }),
  wait: (sessionId: string, seq: number) => ({ PK: `SESSION#${sessionId}`, SK: `WAIT#${String(seq).padStart(10, '0')}` }),
};

export interface RegistrationRecord extends Registration {
  name: string;
  schoolId?: string | undefined;
  remindedFor?: string | undefined;
}

export interface Seats {
  taken: number;
  waiting: number;
}

/** What a registration attempt came to; `conflict` means another transaction won the item: retry. */
export type SeatOutcome = 'registered' | 'full' | 'exists' | 'conflict';
/** `seat_free`: a seat came free meanwhile; `stale`: a higher number's place was counted, so this one may not join. */
export type WaitlistOutcome = 'waitlisted' | 'seat_free' | 'stale' | 'exists' | 'conflict';
export type CancelOutcome = 'cancelled' | 'changed' | 'conflict';

function toItem(r: RegistrationRecord) {
  // GSI2: the person's registrations, for their copy of their data and the erasure of their name (注销).
  return { ...keys.registration(r.sessionId, r.userId), GSI2PK: `USER#${r.userId}`, GSI2SK: `REG#${r.sessionId}`, type: 'registration', ...r };
}

function fromItem(item: Record<string, unknown>): RegistrationRecord {
  const { PK: _p, SK: _s, GSI2PK: _g, GSI2SK: _h, type: _t, ...rest } = item;
  return rest as unknown as RegistrationRecord;
}

/** The registration as the parent sees it (no reminder bookkeeping). */
export function publicRegistration(r: RegistrationRecord): Registration {
  return {
    sessionId: r.sessionId,
    userId: r.userId,
    status: r.status,
    ...(r.waitlistSeq === undefined ? {} : { waitlistSeq: r.waitlistSeq }),
    registeredAt: r.registeredAt,
    ...(r.promotedAt ? { promotedAt: r.promotedAt } : {}),
    ...(r.cancelledAt ? { cancelledAt: r.cancelledAt } : {}),
    updatedAt: r.updatedAt,
  };
}

/** The outcome of a cancelled transaction: the first `[item index, outcome]` whose condition failed, in the order given. */
function outcomeOf<const T extends string>(error: unknown, byIndex: ReadonlyArray<readonly [number, T]>): T | 'conflict' {
  const codes = cancellationCodes(error);
  if (!codes) {
    if (isTransactionConflict(error)) return 'conflict';
    throw error;
  }
  for (const [index, outcome] of byIndex) {
    if (codes[index] === 'ConditionalCheckFailed') return outcome;
  }
  if (codes.includes('TransactionConflict')) return 'conflict';
  throw error;
}

export function makeRegistrationRepository({ db, table }: TableContext) {
  const canReplace = 'attribute_not_exists(PK) OR #status = :cancelled';

  async function getRegistration(sessionId: string, userId: string): Promise<RegistrationRecord | undefined> {
    const out = await db.send(new GetCommand({ TableName: table, Key: keys.registration(sessionId, userId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  /** Closes the waitlist to numbers up to `seq` (never lowers the mark), retrying a write that met a join transaction. */
  async function countedThrough(sessionId: string, seq: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.waitCounted(sessionId),
            UpdateExpression: 'SET through = :seq',
            ConditionExpression: 'attribute_not_exists(through) OR through < :seq',
            ExpressionAttributeValues: { ':seq': seq },
          }),
        );
        return;
      } catch (error) {
        if (isConditionFailed(error)) return;
        if (!isTransactionConflict(error) || attempt >= 10) throw error;
        await backoff(attempt);
      }
    }
  }

  return {
    // one registration per (session, parent): GetItem PK=SESSION#<id>, SK=REG#<uid> (consistent)
    getRegistration,

    // seats of a session: GetItem PK=SESSION#<id>, SK=SEATS (consistent)
    async getSeats(sessionId: string): Promise<Seats> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.seats(sessionId), ConsistentRead: true }));
      return { taken: Number(out.Item?.taken ?? 0), waiting: Number(out.Item?.waiting ?? 0) };
    },

    // seats of several sessions: BatchGet SEATS items
    async getSeatsOfSessions(sessionIds: string[]): Promise<Map<string, Seats>> {
      const items = await batchGetAll(db, table, [...new Set(sessionIds)].map(keys.seats));
      return new Map(items.map((item) => [String(item.PK).slice('SESSION#'.length), { taken: Number(item.taken ?? 0), waiting: Number(item.waiting ?? 0) }]));
    },

    /** A seat: `taken + 1` while seats are left and nobody waits, with the registration — or nothing. */
    async takeSeat(record: RegistrationRecord, capacity: number | undefined): Promise<SeatOutcome> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: keys.seats(record.sessionId),
                  UpdateExpression: 'SET taken = if_not_exists(taken, :zero) + :one, waiting = if_not_exists(waiting, :zero)',
                  ...(capacity === undefined
                    ? {}
                    : { ConditionExpression: '(attribute_not_exists(taken) OR taken < :cap) AND (attribute_not_exists(waiting) OR waiting = :zero)' }),
                  ExpressionAttributeValues: { ':zero': 0, ':one': 1, ...(capacity === undefined ? {} : { ':cap': capacity }) },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: toItem({ ...record, status: 'registered' }),
                  ConditionExpression: canReplace,
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':cancelled': 'cancelled' },
                },
              },
            ],
          }),
        );
        return 'registered';
      } catch (error) {
        return outcomeOf(error, [[1, 'exists'], [0, 'full']]);
      }
    },

    // the waitlist's arrival counter: UpdateItem ADD on PK=SESSION#<id>, SK=WAITSEQ
    async drawWaitlistNumber(sessionId: string): Promise<number> {
      const out = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.waitSeq(sessionId),
          UpdateExpression: 'ADD seq :one',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.seq);
    },

    /** A place on the waitlist under its number, only while every seat is taken (or others wait already), and only above every number already counted. */
    async joinWaitlist(record: RegistrationRecord & { waitlistSeq: number }, capacity: number): Promise<WaitlistOutcome> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: keys.seats(record.sessionId),
                  UpdateExpression: 'SET waiting = if_not_exists(waiting, :zero) + :one',
                  ConditionExpression: 'taken >= :cap OR waiting > :zero',
                  ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':cap': capacity },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: toItem({ ...record, status: 'waitlisted' }),
                  ConditionExpression: canReplace,
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':cancelled': 'cancelled' },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: { ...keys.wait(record.sessionId, record.waitlistSeq), type: 'wait', userId: record.userId, seq: record.waitlistSeq },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                ConditionCheck: {
                  TableName: table,
                  Key: keys.waitCounted(record.sessionId),
                  ConditionExpression: 'attribute_not_exists(through) OR through < :seq',
                  ExpressionAttributeValues: { ':seq': record.waitlistSeq },
                },
              },
            ],
          }),
        );
        return 'waitlisted';
      } catch (error) {
        return outcomeOf(error, [[1, 'exists'], [0, 'seat_free'], [3, 'stale']]);
      }
    },

    // the head of the waitlist: Query PK=SESSION#<id>, SK begins_with WAIT#, ascending, Limit 1, consistent
    async waitlistHead(sessionId: string): Promise<{ userId: string; seq: number } | undefined> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :wait)',
          ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':wait': 'WAIT#' },
          ConsistentRead: true,
          Limit: 1,
        }),
      );
      const head = out.Items?.[0];
      return head ? { userId: String(head.userId), seq: Number(head.seq) } : undefined;
    },

    // a place on the waitlist: UpdateItem WAITCOUNTED through ≥ <seq> (no lower number joins after), then Query COUNT
    // PK=SESSION#<id>, SK from WAIT# to WAIT#<seq> (consistent)
    async waitlistPosition(sessionId: string, seq: number): Promise<number> {
      await countedThrough(sessionId, seq);
      return queryCount(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':from': 'WAIT#', ':to': keys.wait(sessionId, seq).SK },
        ConsistentRead: true,
      });
    },

    /**
     * Gives a seat back. With nobody waiting: `taken - 1`. Otherwise the seat goes to the head of the waitlist
     * in the same transaction (its WAIT item deleted, its registration promoted, `waiting - 1`), so a head is
     * promoted exactly once however many cancel at the same time.
     */
    async cancelSeat(
      record: RegistrationRecord,
      head: { userId: string; seq: number } | undefined,
      now: string,
    ): Promise<CancelOutcome> {
      const cancelMine = {
        Update: {
          TableName: table,
          Key: keys.registration(record.sessionId, record.userId),
          UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now, updatedAt = :now',
          ConditionExpression: '#status = :registered',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':registered': 'registered', ':now': now },
        },
      };
      const items = head
        ? [
            {
              Update: {
                TableName: table,
                Key: keys.seats(record.sessionId),
                UpdateExpression: 'SET waiting = waiting - :one',
                ConditionExpression: 'waiting > :zero',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
              },
            },
            cancelMine,
            { Delete: { TableName: table, Key: keys.wait(record.sessionId, head.seq), ConditionExpression: 'attribute_exists(PK)' } },
            {
              Update: {
                TableName: table,
                Key: keys.registration(record.sessionId, head.userId),
                UpdateExpression: 'SET #status = :registered, promotedAt = :now, updatedAt = :now',
                ConditionExpression: '#status = :waitlisted AND waitlistSeq = :seq',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':registered': 'registered', ':waitlisted': 'waitlisted', ':seq': head.seq, ':now': now },
              },
            },
          ]
        : [
            {
              Update: {
                TableName: table,
                Key: keys.seats(record.sessionId),
                UpdateExpression: 'SET taken = taken - :one',
                ConditionExpression: 'taken > :zero AND (attribute_not_exists(waiting) OR waiting = :zero)',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
              },
            },
            cancelMine,
          ];
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'cancelled';
      } catch (error) {
        // Any failed condition means the state moved under us (someone joined or left the waitlist, or this
        // registration changed): read again and retry.
        return outcomeOf(error, [[0, 'changed'], [1, 'changed'], [2, 'changed'], [3, 'changed']]);
      }
    },

    /** Leaves the waitlist: the WAIT item and `waiting - 1` with the registration, or nothing. */
    async leaveWaitlist(record: RegistrationRecord & { waitlistSeq: number }, now: string): Promise<CancelOutcome> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: keys.seats(record.sessionId),
                  UpdateExpression: 'SET waiting = waiting - :one',
                  ConditionExpression: 'waiting > :zero',
                  ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: keys.registration(record.sessionId, record.userId),
                  UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now, updatedAt = :now',
                  ConditionExpression: '#status = :waitlisted AND waitlistSeq = :seq',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':cancelled': 'cancelled', ':waitlisted': 'waitlisted', ':seq': record.waitlistSeq, ':now': now },
                },
              },
              { Delete: { TableName: table, Key: keys.wait(record.sessionId, record.waitlistSeq), ConditionExpression: 'attribute_exists(PK)' } },
            ],
          }),
        );
        return 'cancelled';
      } catch (error) {
        return outcomeOf(error, [[0, 'changed'], [1, 'changed'], [2, 'changed']]);
      }
    },

    /** Seats that opened (the capacity grew): the head of the waitlist takes one, if one is free. */
    async promoteIntoFreeSeat(sessionId: string, head: { userId: string; seq: number }, capacity: number, now: string): Promise<'promoted' | 'changed' | 'conflict'> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: keys.seats(sessionId),
                  UpdateExpression: 'SET taken = taken + :one, waiting = waiting - :one',
                  ConditionExpression: 'taken < :cap AND waiting > :zero',
                  ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':cap': capacity },
                },
              },
              { Delete: { TableName: table, Key: keys.wait(sessionId, head.seq), ConditionExpression: 'attribute_exists(PK)' } },
              {
                Update: {
                  TableName: table,
                  Key: keys.registration(sessionId, head.userId),
                  UpdateExpression: 'SET #status = :registered, promotedAt = :now, updatedAt = :now',
                  ConditionExpression: '#status = :waitlisted AND waitlistSeq = :seq',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':registered': 'registered', ':waitlisted': 'waitlisted', ':seq': head.seq, ':now': now },
                },
              },
            ],
          }),
        );
        return 'promoted';
      } catch (error) {
        return outcomeOf(error, [[0, 'changed'], [1, 'changed'], [2, 'changed']]);
      }
    },

    // registrations of a session: Query PK=SESSION#<id>, SK begins_with REG#
    async listRegistrations(sessionId: string): Promise<RegistrationRecord[]> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :reg)',
        ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':reg': 'REG#' },
        ConsistentRead: true,
      });
      return items.map(fromItem);
    },

    // one parent's registrations for several sessions: BatchGet REG#<uid> items, strongly consistent (a list shown
    // right after registering must show it)
    async getRegistrationsOfUser(sessionIds: string[], userId: string): Promise<RegistrationRecord[]> {
      const items = await batchGetAll(db, table, [...new Set(sessionIds)].map((id) => keys.registration(id, userId)), { consistent: true });
      return items.map(fromItem);
    },

    /** Claims the reminder of one registration for this start time: true once per (registration, start time). */
    async claimReminder(sessionId: string, userId: string, startAt: string): Promise<boolean> {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.registration(sessionId, userId),
            UpdateExpression: 'SET remindedFor = :start',
            ConditionExpression: '#status = :registered AND (attribute_not_exists(remindedFor) OR remindedFor <> :start)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':start': startAt, ':registered': 'registered' },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** Gives a claimed reminder back after a failed send, so the next run tries again. */
    async releaseReminder(sessionId: string, userId: string, startAt: string) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.registration(sessionId, userId),
          UpdateExpression: 'REMOVE remindedFor',
          ConditionExpression: 'remindedFor = :start',
          ExpressionAttributeValues: { ':start': startAt },
        }),
      ).catch((error: unknown) => {
        if (!isConditionFailed(error)) throw error;
      });
    },
  };
}
export type RegistrationRepository = ReturnType<typeof makeRegistrationRepository>;
