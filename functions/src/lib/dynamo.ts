import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { badRequest } from './errors.ts';

export interface TableContext {
  db: DynamoDBDocumentClient;
  table: string;
}

export type Key = Record<string, string>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the validation error
  }
  throw badRequest('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', { fieldErrors: { cursor: ['无效'] } });
}

/** A BETWEEN whose low bound sorts after its high one is refused by DynamoDB; such a range simply holds nothing. */
export const isEmptyRange = (range: { from: string; to: string }) => range.from > range.to;

export const isConditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

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
