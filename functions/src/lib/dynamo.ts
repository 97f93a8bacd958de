import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_ERROR_MESSAGES } from '@lianyan/shared';
import { badRequest } from './errors.ts';

export interface TableContext {
  db: DynamoDBDocumentClient;
  table: string;
  /** The key that signs pagination cursors, derived from a configured secret; without it, a key of this process only. */
  cursorKey?: () => Promise<Uint8Array>;
}

export type Key = Record<string, string>;

// Seeds, benchmarks and tests page within one process; handlers get a key every instance shares (`#app`).
const PROCESS_CURSOR_KEY = randomBytes(32);
const SIGNATURE_LENGTH = 22;
const SIGNATURE = new RegExp(`^[A-Za-z0-9_-]{${SIGNATURE_LENGTH}}$`);
const MAX_KEY_ATTRIBUTES = 4;

const invalidCursor = () => badRequest('INVALID_CURSOR', undefined, { fieldErrors: { cursor: [DEFAULT_ERROR_MESSAGES.INVALID_CURSOR] } });
const signature = (key: Uint8Array, scope: string, body: string) =>
  createHmac('sha256', key).update(`${scope}\n${body}`).digest('base64url').slice(0, SIGNATURE_LENGTH);

/** A start key as an opaque cursor: the key's JSON and an HMAC over it and the list it belongs to (`scope`). */
export function encodeCursor(start: Record<string, unknown> | undefined, key: Uint8Array, scope: string): string | undefined {
  if (!start) return undefined;
  const body = Buffer.from(JSON.stringify(start)).toString('base64url');
  return `${body}.${signature(key, scope, body)}`;
}

/** The start key of a cursor this server made for the same list; anything else (forged, edited, another list's) is a 400. */
export function decodeCursor(cursor: string | undefined, key: Uint8Array, scope: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const [body, given, ...rest] = cursor.split('.');
  // Same characters as a signature, so the comparison below meets buffers of the same length.
  if (!body || !given || rest.length || !SIGNATURE.test(given)) throw invalidCursor();
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(signature(key, scope, body)))) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const isKey =
    !!value && typeof value === 'object' && !Array.isArray(value) &&
    Object.keys(value).length <= MAX_KEY_ATTRIBUTES &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
  if (!isKey) throw invalidCursor();
  return value as Record<string, unknown>;
}

/** The list a Query reads: its table, index and partition (`:pk`); a cursor is good for this list only. */
function cursorScope(input: QueryCommandInput): string {
  const partition = input.ExpressionAttributeValues?.[':pk'];
  if (typeof partition !== 'string') throw new Error('queryPage: the key condition must name its partition :pk');
  return `${input.TableName ?? ''}|${input.IndexName ?? ''}|${partition}`;
}

/**
 * One page of a Query, from the `cursor` of the page before (or the first). A forged, edited or foreign cursor is a 400
 * `INVALID_CURSOR`, and so is a genuine one the store refuses (the list's range changed since: the key falls outside it).
 */
export async function queryPage(
  ctx: TableContext,
  input: QueryCommandInput,
  cursor: string | undefined,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | undefined }> {
  const key = ctx.cursorKey ? await ctx.cursorKey() : PROCESS_CURSOR_KEY;
  const scope = cursorScope(input);
  const start = decodeCursor(cursor, key, scope);
  const out = await ctx.db.send(new QueryCommand({ ...input, ExclusiveStartKey: start })).catch((error: unknown) => {
    throw start && error instanceof Error && error.name === 'ValidationException' ? invalidCursor() : error;
  });
  return { items: out.Items ?? [], nextCursor: encodeCursor(out.LastEvaluatedKey, key, scope) };
}

/** SET for each defined value, REMOVE for each `null`, as `#field` / `:field`; an empty expression when nothing changes. */
export function updateExpression(change: Record<string, unknown>) {
  const set: string[] = [];
  const remove: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(change)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) remove.push(`#${field}`);
    else {
      set.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
  return { expression, names, values };
}

/** A BETWEEN whose low bound sorts after its high one is refused by DynamoDB; such a range simply holds nothing. */
export const isEmptyRange = (range: { from: string; to: string }) => range.from > range.to;

export const isConditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Puts an aggregate computed from a read that started at `readAt`, unless one computed from a later read is already
 * there ('stale'): of two computations racing, the one that read last wins, whatever order their writes arrive in.
 */
export async function putIfReadLater(ctx: TableContext, item: Record<string, unknown>, readAt: string): Promise<'written' | 'stale'> {
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.table,
        Item: { ...item, readAt },
        ConditionExpression: 'attribute_not_exists(PK) OR readAt < :readAt',
        ExpressionAttributeValues: { ':readAt': readAt },
      }),
    );
    return 'written';
  } catch (error) {
    if (isConditionFailed(error)) return 'stale';
    throw error;
  }
}

/** For a cancelled transaction, the cancellation code of each item in order (`None` where it passed). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/** Every item a Query matches, page by page (for bounded partitions: a federation's schools, a session's roster). */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** How many items a Query matches (after its filter), page by page, without reading them out (`Select: COUNT`). */
export async function queryCount(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: start }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** A transaction lost to another one on the same item (or a conflicting single write): worth retrying. */
export function isTransactionConflict(error: unknown): boolean {
  const codes = cancellationCodes(error);
  if (codes) return codes.includes('TransactionConflict');
  return error instanceof Error && error.name === 'TransactionConflictException';
}

/** Full-jitter exponential backoff before retry `attempt` (0-based): up to 25 ms, 50 ms, … capped at 800 ms. */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(800, 25 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/**
 * Every item of `keys` that exists (order not kept): BatchGetItem in chunks of 100 (fewer with `chunk`), asking
 * again for the unprocessed keys after a backoff, so a throttled table slows the read instead of losing items.
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
  options: { consistent?: boolean; chunk?: number } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const size = Math.min(100, options.chunk ?? 100);
  for (let i = 0; i < keys.length; i += size) {
    let pending = keys.slice(i, i + size);
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt > 0) await backoff(attempt - 1);
      const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistent } } }));
      items.push(...(out.Responses?.[table] ?? []));
      pending = (out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return items;
}

/** The outcome of a cancelled transaction: the first `[item index, outcome]` whose condition failed, in the order given; 'conflict' when another transaction won an item (retry). */
export function transactionOutcome<const T extends string>(error: unknown, byIndex: ReadonlyArray<readonly [number, T]>): T | 'conflict' {
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
