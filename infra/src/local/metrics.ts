import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LambdaHandler } from '@lianyan/functions/lib/http';

export interface EndpointCost {
  requests: number;
  commands: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

/**
 * Counts the DynamoDB commands and consumed capacity of every request, per route: an SDK middleware on the
 * handlers' own client, and AsyncLocalStorage to know which request a command belongs to. Local stack only.
 */
export function makeDynamoMeter(db: DynamoDBDocumentClient) {
  const current = new AsyncLocalStorage<EndpointCost>();
  const byRoute = new Map<string, EndpointCost>();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const cost = current.getStore();
      if (!cost) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const name = String(context.commandName).replace(/Command$/, '');
      cost.commands[name] = (cost.commands[name] ?? 0) + 1;
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const c of [consumed].flat() as Array<{ ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number } | undefined>) {
        if (!c) continue;
        const read = c.ReadCapacityUnits ?? (name.match(/Get|Query|Scan/) ? c.CapacityUnits ?? 0 : 0);
        const write = c.WriteCapacityUnits ?? (name.match(/Put|Update|Delete|Write/) ? c.CapacityUnits ?? 0 : 0);
        cost.readUnits += read;
        cost.writeUnits += write;
      }
      return result;
    },
    { step: 'initialize', name: 'lianyanDynamoMeter' },
  );

  return {
    wrap(route: string, handler: LambdaHandler): LambdaHandler {
      return (event, context) => {
        let cost = byRoute.get(route);
        if (!cost) byRoute.set(route, (cost = { requests: 0, commands: {}, readUnits: 0, writeUnits: 0 }));
        const perRequest: EndpointCost = { requests: 1, commands: {}, readUnits: 0, writeUnits: 0 };
        return current.run(perRequest, async () => {
          try {
            return await handler(event, context);
          } finally {
            cost.requests += 1;
            for (const [k, v] of Object.entries(perRequest.commands)) cost.commands[k] = (cost.commands[k] ?? 0) + v;
            cost.readUnits += perRequest.readUnits;
            cost.writeUnits += perRequest.writeUnits;
          }
        });
      };
    },
    snapshot: () => Object.fromEntries(byRoute),
    reset: () => byRoute.clear(),
  };
}
export type DynamoMeter = ReturnType<typeof makeDynamoMeter>;
