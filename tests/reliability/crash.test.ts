import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@lianyan/infra/local/ports';
import { seededRandom } from '@lianyan/infra/local/faults';
import { signInBurst } from '../support/burst.ts';
import { startChildStack, type ChildStack } from '../support/child-stack.ts';
import { crowdTokens, devToken, openSession, roster } from '../support/crowd.ts';

// The local server (handlers and DynamoDB Local, on a data directory that outlives them) is killed with SIGKILL in the
// middle of a burst and started again on the same port and data; the phones keep retrying their scans.

const PEOPLE = Number(process.env.CRASH_PEOPLE ?? 600);
const QR_SECRET = 'c'.repeat(64);
const JWT_SECRET = 'k'.repeat(64);
const dataDir = mkdtempSync(join(tmpdir(), 'lianyan-crash-'));
let current: ChildStack | undefined;

afterAll(async () => {
  await current?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash in the middle of a burst', () => {
  it(`${PEOPLE} people: the server killed and restarted while they sign in — nobody lost, nobody twice`, async () => {
    const port = String(await freePort());
    const env = { DATA_DIR: dataDir, PORT: port, CHILD_QR_SECRET: QR_SECRET, CHILD_JWT_SECRET: JWT_SECRET };
    current = await startChildStack(env);
    const url = current.url;
    const organizer = await devToken(url, 'organizer');
    const session = await openSession(url, organizer);
    const { userIds, tokens } = await crowdTokens(JWT_SECRET, PEOPLE, 'crash');

    const burst = signInBurst({ url, sessionId: session.id, tokens, qrSecret: QR_SECRET, concurrency: 16, retryShare: 0.2, random: seededRandom(3), maxAttempts: 400 });
    // Kill it once some people are in and most are not.
    for (let i = 0; i < 200; i++) {
      const signedIn = await roster(url, organizer, session.id).catch(() => []);
      if (signedIn.length >= PEOPLE / 5) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = (await roster(url, organizer, session.id)).length;
    await current.kill();
    const downAt = performance.now();
    current = await startChildStack(env);
    const downSeconds = Math.round((performance.now() - downAt) / 100) / 10;
    const result = await burst;
    process.stdout.write(`crash: ${JSON.stringify({ ...result, violations: result.violations.length, signedInBeforeKill: before, downSeconds })}\n`);

    expect(before).toBeLessThan(PEOPLE);
    expect(result.networkErrors).toBeGreaterThan(0);
    expect(result.violations).toEqual([]);
    const records = await roster(url, await devToken(url, 'organizer'), session.id);
    expect(records.length).toBe(PEOPLE);
    expect(new Set(records.map((r) => r.userId))).toEqual(new Set(userIds));
  });
});
