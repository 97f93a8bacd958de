import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backoff, isConditionFailed, isTransactionConflict, queryCount, transactionOutcome, type TableContext } from '#lib/dynamo';
import { canReplace, keys, toItem, type CancelOutcome, type RegistrationRecord, type WaitlistOutcome } from './items.ts';

/** The waitlist of a session with seats: numbers drawn in arrival order, places counted, the head promoted. */
export function makeWaitlistMethods({ db, table }: TableContext) {

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
        return transactionOutcome(error, [[1, 'exists'], [0, 'seat_free'], [3, 'stale']]);
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
        return transactionOutcome(error, [[0, 'changed'], [1, 'changed'], [2, 'changed']]);
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
        return transactionOutcome(error, [[0, 'changed'], [1, 'changed'], [2, 'changed']]);
      }
    },

  };
}
