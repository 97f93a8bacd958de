import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface FaultOptions {
  /** Share of DynamoDB attempts that fail (0..1). */
  rate: number;
  /** Seed of the pseudo-random choices, so a run can be repeated. */
  seed?: number;
  /**
   * Share of the faults injected outside the SDK's own retries (0..1, default 0): those reach the handler as they
   * would once the SDK's retries or its retry budget are exhausted, and become 503s with Retry-After.
   */
  outsideRetriesShare?: number;
}

export interface FaultStats {
  /** The share in force; may be changed while running (0 while a test arranges its data). */
  rate: number;
  attempts: number;
  /** Faults injected outside the SDK's retries (counted in the three kinds as well). */
  outside: number;
  throttled: number;
  droppedBefore: number;
  droppedAfter: number;
}

/** mulberry32: small, seedable, good enough to pick faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function throttling() {
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput (injected)'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

function connectionReset() {
  return Object.assign(new Error('socket hang up (injected)'), { code: 'ECONNRESET', $metadata: {} });
}

/**
 * Makes a share of the handlers' DynamoDB attempts fail as the network and the service do: throttled before the
 * request is sent, the connection dropped before it arrives, or dropped after DynamoDB applied it (the answer is
 * lost). Most are injected into single attempts, inside the SDK's retries; `outsideRetriesShare` of them around the
 * whole call, so the handler meets them (→ 503 with Retry-After). Local stack and tests only.
 */
export function installDynamoFaults(db: DynamoDBDocumentClient, options: FaultOptions): FaultStats {
  const random = seededRandom(options.seed ?? 1);
  const stats: FaultStats = { rate: options.rate, attempts: 0, outside: 0, throttled: 0, droppedBefore: 0, droppedAfter: 0 };
  const outsideShare = options.outsideRetriesShare ?? 0;
  type Next = (args: unknown) => Promise<unknown>;

  /** One fault of a random kind around `next`; the dropped-after kind lets DynamoDB apply the request first. */
  async function inject(next: Next, args: unknown) {
    const kind = random();
    if (kind < 1 / 3) {
      stats.throttled += 1;
      throw throttling();
    }
    if (kind < 2 / 3) {
      stats.droppedBefore += 1;
      throw connectionReset();
    }
    await next(args);
    stats.droppedAfter += 1;
    throw connectionReset();
  }

  // Outside the SDK's retries (as when its attempts or its retry budget run out): the handler sees the failure.
  db.middlewareStack.add(
    ((next: Next) => async (args: unknown) => {
      if (!(random() < stats.rate * outsideShare)) return next(args);
      stats.outside += 1;
      return inject(next, args);
    }) as never,
    { step: 'initialize', name: 'lianyanInjectedFaultsOutside' },
  );
  // Each attempt, inside the SDK's retries: the SDK retries these by itself.
  db.middlewareStack.addRelativeTo(
    ((next: Next) => async (args: unknown) => {
      stats.attempts += 1;
      if (random() >= stats.rate * (1 - outsideShare)) return next(args);
      return inject(next, args);
    }) as never,
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'lianyanInjectedFaults' },
  );
  return stats;
}
