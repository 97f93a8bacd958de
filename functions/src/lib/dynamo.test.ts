import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { decodeCursor, encodeCursor, queryPage, transactionOutcome, type TableContext } from './dynamo.ts';
import { AppError } from './errors.ts';
import { deriveKey } from './secrets.ts';

const key = deriveKey('s'.repeat(40), 'pagination-cursor');
const scope = 'table|GSI1|FED#fed-1';
const start = { PK: 'SESSION#s-1', SK: 'SESSION', GSI1PK: 'FED#fed-1', GSI1SK: 'START#2026-11-23T02:00:00.000Z#s-1' };
const cursor = encodeCursor(start, key, scope)!;

/** The error a refused cursor throws (its code), or `accepted`. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? `${error.statusCode} ${error.code}` : `threw ${String(error)}`;
  }
}

// Signed as the server would, computed here without the module's code: the oracle for "well signed, bad content".
const signedByHand = (payload: string, s = scope) => {
  const body = Buffer.from(payload).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(`${s}\n${body}`).digest('base64url').slice(0, 22)}`;
};

describe('pagination cursors', () => {
  it('give back the start key they were made from, for the same list and key', () => {
    expect(decodeCursor(cursor, key, scope)).toEqual(start);
    expect(decodeCursor(signedByHand(JSON.stringify(start)), key, scope)).toEqual(start);
    expect(encodeCursor(undefined, key, scope)).toBeUndefined();
    expect(decodeCursor(undefined, key, scope)).toBeUndefined();
    expect(decodeCursor('', key, scope)).toBeUndefined();
  });

  it('are refused with 400 INVALID_CURSOR when any character is changed, dropped or added', () => {
    for (let i = 0; i < cursor.length; i++) {
      const changed = cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
      expect(outcome(() => decodeCursor(changed, key, scope)), changed).toBe('400 INVALID_CURSOR');
    }
    expect(outcome(() => decodeCursor(cursor.slice(0, -1), key, scope))).toBe('400 INVALID_CURSOR');
    expect(outcome(() => decodeCursor(cursor.slice(1), key, scope))).toBe('400 INVALID_CURSOR');
    expect(outcome(() => decodeCursor(`${cursor}x`, key, scope))).toBe('400 INVALID_CURSOR');
    expect(outcome(() => decodeCursor(`${cursor}.x`, key, scope))).toBe('400 INVALID_CURSOR');
  });

  it('are refused for another list or under another key', () => {
    expect(outcome(() => decodeCursor(cursor, key, 'table|GSI1|FED#fed-2'))).toBe('400 INVALID_CURSOR');
    expect(outcome(() => decodeCursor(cursor, key, 'table||FED#fed-1'))).toBe('400 INVALID_CURSOR');
    expect(outcome(() => decodeCursor(cursor, deriveKey('s'.repeat(40), 'other-use'), scope))).toBe('400 INVALID_CURSOR');
    expect(outcome(() => decodeCursor(cursor, deriveKey('t'.repeat(40), 'pagination-cursor'), scope))).toBe('400 INVALID_CURSOR');
  });

  it('are refused when unsigned: the old base64 JSON, garbage, huge or odd text', () => {
    const unsigned = Buffer.from(JSON.stringify(start)).toString('base64url');
    const samples = [unsigned, '.', '..', 'a.b', `${unsigned}.`, `.${'A'.repeat(22)}`, `${unsigned}.${'é'.repeat(22)}`, `${unsigned}.${'\ud800'.repeat(22)}`, 'x'.repeat(100_000), '\u0000', '\ud800.\u202e', '%E0%A4%A', '{"PK":"x"}'];
    for (let i = 1; i <= 200; i++) samples.push(randomBytes(i).toString(i % 2 ? 'base64url' : 'latin1'));
    for (const sample of samples) expect(outcome(() => decodeCursor(sample, key, scope)), sample.slice(0, 40)).toBe('400 INVALID_CURSOR');
  });

  it('are refused when well signed but not a key: not JSON, an array, nested values, too many attributes', () => {
    for (const payload of ['not json', '[1,2]', 'null', '"PK"', '{"PK":{"S":"x"}}', '{"PK":["x"]}', '{"a":"1","b":"2","c":"3","d":"4","e":"5"}']) {
      expect(outcome(() => decodeCursor(signedByHand(payload), key, scope)), payload).toBe('400 INVALID_CURSOR');
    }
  });

  it('name the field and say in Chinese what to do', () => {
    try {
      decodeCursor('forged', key, scope);
    } catch (error) {
      expect(error).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR', message: expect.stringMatching(/第一页/), details: { fieldErrors: { cursor: [expect.any(String)] } } });
    }
    expect.assertions(1);
  });
});

describe('queryPage', () => {
  const input: QueryCommandInput = { TableName: 'table', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': 'FED#fed-1' }, Limit: 2 };
  /** A document client that answers one page and records the start keys it was asked for. */
  function fakeTable(answer: () => Promise<unknown>, cursorKey?: () => Promise<Uint8Array>) {
    const starts: unknown[] = [];
    const db = { send: (command: { input: QueryCommandInput }) => (starts.push(command.input.ExclusiveStartKey), answer()) };
    const ctx: TableContext = { db: db as unknown as DynamoDBDocumentClient, table: 'table', ...(cursorKey ? { cursorKey } : {}) };
    return { ctx, starts };
  }
  const page = { Items: [{ id: 1 }], LastEvaluatedKey: start };

  it('hands out a cursor that opens the next page of the same list only', async () => {
    const { ctx, starts } = fakeTable(async () => page, async () => key);
    const first = await queryPage(ctx, input, undefined);
    expect(first.items).toEqual([{ id: 1 }]);
    await queryPage(ctx, input, first.nextCursor);
    expect(starts).toEqual([undefined, start]);
    const other = { ...input, ExpressionAttributeValues: { ':pk': 'FED#fed-2' } };
    await expect(queryPage(ctx, other, first.nextCursor)).rejects.toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
    expect(starts).toHaveLength(2);
  });

  it('signs with the configured key, so another instance with the same secret opens the cursor', async () => {
    const a = fakeTable(async () => page, async () => deriveKey('s'.repeat(40), 'pagination-cursor'));
    const b = fakeTable(async () => page, async () => deriveKey('s'.repeat(40), 'pagination-cursor'));
    const unconfigured = fakeTable(async () => page);
    const { nextCursor } = await queryPage(a.ctx, input, undefined);
    await expect(queryPage(b.ctx, input, nextCursor)).resolves.toMatchObject({ items: [{ id: 1 }] });
    await expect(queryPage(unconfigured.ctx, input, nextCursor)).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('answers INVALID_CURSOR when the store refuses a genuine start key (the range changed), and passes other errors on', async () => {
    const refused = Object.assign(new Error('The provided starting key is outside query boundaries'), { name: 'ValidationException' });
    const { ctx } = fakeTable(async () => page, async () => key);
    const { nextCursor } = await queryPage(ctx, input, undefined);
    const failing = fakeTable(() => Promise.reject(refused), async () => key);
    await expect(queryPage(failing.ctx, input, nextCursor)).rejects.toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
    await expect(queryPage(failing.ctx, input, undefined)).rejects.toBe(refused);
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    await expect(queryPage(fakeTable(() => Promise.reject(throttled), async () => key).ctx, input, nextCursor)).rejects.toBe(throttled);
  });

  it('needs the partition named :pk to bind the cursor to', async () => {
    const { ctx } = fakeTable(async () => page, async () => key);
    await expect(queryPage(ctx, { ...input, ExpressionAttributeValues: { ':p': 'x' } }, undefined)).rejects.toThrow(/:pk/);
  });
});

describe('deriveKey', () => {
  it('gives one key per secret and use', () => {
    expect(Buffer.from(deriveKey('a'.repeat(32), 'x'))).toEqual(Buffer.from(deriveKey('a'.repeat(32), 'x')));
    expect(Buffer.from(deriveKey('a'.repeat(32), 'x'))).not.toEqual(Buffer.from(deriveKey('a'.repeat(32), 'y')));
    expect(Buffer.from(deriveKey('a'.repeat(32), 'x'))).not.toEqual(Buffer.from(deriveKey('b'.repeat(32), 'x')));
  });
});

describe('transactionOutcome', () => {
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
  const byIndex = [[1, 'exists'], [0, 'full']] as const;

  it('names the first failed condition in the order given, not in item order', () => {
    expect(transactionOutcome(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed'), byIndex)).toBe('exists');
    expect(transactionOutcome(cancelled('ConditionalCheckFailed', 'None'), byIndex)).toBe('full');
  });

  it('answers conflict when another transaction won an item, cancelled or thrown as such', () => {
    expect(transactionOutcome(cancelled('None', 'TransactionConflict'), byIndex)).toBe('conflict');
    expect(transactionOutcome(Object.assign(new Error('busy'), { name: 'TransactionConflictException' }), byIndex)).toBe('conflict');
  });

  it('passes on any other error, and a cancellation it has no outcome for', () => {
    const other = new Error('network');
    expect(() => transactionOutcome(other, byIndex)).toThrow(other);
    expect(() => transactionOutcome(cancelled('None', 'None', 'ConditionalCheckFailed'), byIndex)).toThrow(TransactionCanceledException);
  });
});
