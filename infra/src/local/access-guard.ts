import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Access } from '@lianyan/functions/routes';

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
// The stream aggregator's table actions, as its role has them (`dynamodb:Query` → `Query`).
const { TABLE_AGGREGATE } = createRequire(import.meta.url)('../../serverless/streams.cjs') as { TABLE_AGGREGATE: string[] };
const AGGREGATE = new Set(TABLE_AGGREGATE.map((action) => action.replace(/^dynamodb:/, '')));

export interface AccessGuard {
  /** The handler, its table requests held to `access` (the route's or job's declaration). */
  wrap<A extends unknown[], R>(name: string, access: Access, handler: (...args: A) => R): (...args: A) => R;
}
const guards = new WeakMap<DynamoDBDocumentClient, AccessGuard>();

/**
 * The local stand-in for each function's IAM role (infra/serverless/least-privilege.cjs): a table request beyond the
 * route's declared `access` (functions/routes.json) fails as DynamoDB would answer it, AccessDeniedException.
 * An SDK middleware on the handlers' client, with AsyncLocalStorage to know whose request it is. Local stack only.
 */
export function makeAccessGuard(db: DynamoDBDocumentClient): AccessGuard {
  // One per client: a second stack in the same process shares the handlers' client (and its middleware).
  const existing = guards.get(db);
  if (existing) return existing;
  const current = new AsyncLocalStorage<{ name: string; access: Access }>();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const route = current.getStore();
      if (!route) return next(args);
      const command = String(context.commandName).replace(/Command$/, '');
      // A route merged without its `access` may touch nothing (and fails to package: least-privilege.cjs).
      const table = route.access?.table;
      const allowed =
        table === 'write' ? READS.has(command) || WRITES.has(command) : table === 'aggregate' ? AGGREGATE.has(command) : table === 'read' && READS.has(command);
      if (!allowed) {
        const declared = route.access ? JSON.stringify(table ?? 'none') : 'not declared';
        const error = new Error(`${route.name} may not ${command} (table access ${declared} in functions/routes.json / jobs.json)`);
        error.name = 'AccessDeniedException';
        throw error;
      }
      return next(args);
    },
    { step: 'initialize', name: 'lianyanAccessGuard' },
  );
  const guard: AccessGuard = {
    // The wrapper keeps what the handler carries (its route `spec`, read by the tests).
    wrap: (name, access, handler) => Object.assign((...args: Parameters<typeof handler>) => current.run({ name, access }, () => handler(...args)), handler),
  };
  guards.set(db, guard);
  return guard;
}
