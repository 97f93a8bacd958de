import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@lianyan/infra/local/quiet-sdk';
import { startStack, type Stack } from '@lianyan/infra/local/stack';
import { seededRandom } from '@lianyan/infra/local/faults';
import { signInBurst } from '../support/burst.ts';
import { crowdTokens, devToken, openSession, roster } from '../support/crowd.ts';

// 10% of the handlers' DynamoDB attempts fail (throttled, connection dropped before or after DynamoDB applied the
// write) while a crowd signs in with retries and duplicates: the roster must come out exactly right.

const PEOPLE = Number(process.env.BURST_PEOPLE ?? 2000);
const REPLAYS = Number(process.env.REPLAY_PEOPLE ?? 500);
const MIN = 60_000;
const QR_SECRET = 'q'.repeat(64);
const JWT_SECRET = 'j'.repeat(64);

let stack: Stack;
let organizer: string;

beforeAll(async () => {
  stack = await startStack({
    port: 0,
    seed: true,
    // Half of the faults inside the SDK's retries, half where the handler meets them and answers 503.
    faults: { rate: 0, seed: 20260806, outsideRetriesShare: 0.5 },
    env: { QR_SECRET, JWT_SECRET, LOG_LEVEL: 'silent' },
  });
  organizer = await devToken(stack.url, 'organizer');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** Turns faults on for `run` only: the test's own arranging and checking meet none. */
async function withFaults<T>(run: () => Promise<T>): Promise<T> {
  const faults = stack.faults!;
  faults.rate = 0.1;
  try {
    return await run();
  } finally {
    faults.rate = 0;
  }
}

describe('a burst of sign-ins while DynamoDB fails 10% of the time', () => {
  it(`${PEOPLE} people, 20% retrying or sending twice: every one on the roster exactly once; only 503s with Retry-After`, async () => {
    const session = await openSession(stack.url, organizer);
    const { userIds, tokens } = await crowdTokens(JWT_SECRET, PEOPLE, 'burst');
    const before = { ...stack.faults! };
    const result = await withFaults(() =>
      signInBurst({ url: stack.url, sessionId: session.id, tokens, qrSecret: QR_SECRET, retryShare: 0.2, concurrency: 32, random: seededRandom(7), maxRetryAfterMs: 1000 }),
    );
    const injected = stack.faults!;
    const attempts = injected.attempts - before.attempts;
    const failed = injected.throttled + injected.droppedBefore + injected.droppedAfter - (before.throttled + before.droppedBefore + before.droppedAfter);
    process.stdout.write(`burst: ${JSON.stringify({ ...result, violations: result.violations.length, dynamoAttempts: attempts, injectedFailures: failed })}\n`);

    expect(result.violations).toEqual([]);
    expect(failed / attempts).toBeGreaterThan(0.06);
    expect(failed / attempts).toBeLessThan(0.14);
    expect(injected.droppedAfter - before.droppedAfter).toBeGreaterThan(0);
    // 503s did reach the phones, each with Retry-After, and were retried.
    expect(result.unavailable).toBeGreaterThan(0);
    expect(result.created + result.repeats).toBeGreaterThanOrEqual(PEOPLE);

    const records = await roster(stack.url, organizer, session.id);
    const ids = records.map((r) => r.userId);
    expect(ids.length).toBe(PEOPLE);
    expect(new Set(ids)).toEqual(new Set(userIds));
  });

  it(`${REPLAYS} scans kept offline and replayed an hour later (each twice, under the same faults) are each accepted once`, async () => {
    const now = Date.now();
    // The session began 90 minutes ago; the scans were made an hour ago with the code shown then.
    const session = await openSession(stack.url, organizer, {
      startAt: new Date(now - 90 * MIN).toISOString(),
      endAt: new Date(now + 60 * MIN).toISOString(),
      signIn: { opensBeforeMin: 30, lateAfterMin: 120, closesAfterEndMin: 30 },
    });
    const { userIds, tokens } = await crowdTokens(JWT_SECRET, REPLAYS, 'replay');
    const scannedAt = (i: number) => now - 60 * MIN - (i % 600) * 1000;
    const replay = () =>
      withFaults(() => signInBurst({ url: stack.url, sessionId: session.id, tokens, qrSecret: QR_SECRET, retryShare: 0, concurrency: 16, scannedAt, random: seededRandom(11), maxRetryAfterMs: 1000 }));
    const first = await replay();
    const second = await replay();
    process.stdout.write(`replay: ${JSON.stringify({ first: { ...first, violations: first.violations.length }, second: { ...second, violations: second.violations.length } })}\n`);

    expect(first.violations).toEqual([]);
    expect(second.violations).toEqual([]);
    expect(second.created).toBe(0);
    expect(second.repeats).toBe(REPLAYS);
    const records = await roster(stack.url, organizer, session.id);
    expect(records.length).toBe(REPLAYS);
    expect(new Set(records.map((r) => r.userId))).toEqual(new Set(userIds));
    for (const r of records) {
      const index = Number(r.userId.split('-').pop());
      expect(r.method).toBe('offline_replay');
      expect(r.flags).toContain('offline_replay');
      expect(r.signedInAt).toBe(new Date(scannedAt(index)).toISOString());
    }
  });
});
