import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { backoff, type TableContext } from '@lianyan/functions/lib/dynamo';

/**
 * Writes `items` (built by the repositories' item builders) unconditionally: BatchWriteItem of 25, `inFlight`
 * requests at a time, the unprocessed ones sent again after a backoff. For seeds that load volume fast.
 */
export async function putItemsInBulk(ctx: TableContext, items: Record<string, unknown>[], inFlight = 8): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, chunks.length) }, async () => {
      while (next < chunks.length) {
        let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; requests.length; attempt += 1) {
          if (attempt > 0) await backoff(attempt - 1);
          const out = await ctx.db.send(new BatchWriteCommand({ RequestItems: { [ctx.table]: requests } }));
          requests = (out.UnprocessedItems?.[ctx.table] as typeof requests | undefined) ?? [];
        }
      }
    }),
  );
}
