import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, isConditionFailed, queryAll, transactionOutcome, type TableContext } from '#lib/dynamo';
import { canReplace, fromItem, keys, toItem, type CancelOutcome, type RegistrationRecord, type SeatOutcome, type Seats } from './registrations/items.ts';
import { makeWaitlistMethods } from './registrations/waitlist.ts';

export { publicRegistration, type CancelOutcome, type RegistrationRecord, type SeatOutcome, type Seats, type WaitlistOutcome } from './registrations/items.ts';

/** Registrations for a session with seats (家长学校报名): seats, registrations and reminders; the waitlist in registrations/waitlist.ts. */
export function makeRegistrationRepository(ctx: TableContext) {
  const { db, table } = ctx;

  async function getRegistration(sessionId: string, userId: string): Promise<RegistrationRecord | undefined> {
    const out = await db.send(new GetCommand({ TableName: table, Key: keys.registration(sessionId, userId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  return {
    ...makeWaitlistMethods(ctx),

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
        return transactionOutcome(error, [[1, 'exists'], [0, 'full']]);
      }
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
        return transactionOutcome(error, [[0, 'changed'], [1, 'changed'], [2, 'changed'], [3, 'changed']]);
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
