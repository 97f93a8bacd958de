import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { sessionCountsKey } from '@lianyan/functions/repositories/aggregates';
import { documentClient } from '../infra/src/local/dynamo-client.ts';
import { call, percentile, qrToken, round, type StackChild } from './lib.ts';

/**
 * The aggregator's lag under a sign-in burst (issue 19): everyone signs in to one fresh session at once while the
 * session's counters are read every 20 ms. The k-th counted sign-in's lag is when the counter first reached k less
 * when the k-th sign-in was answered (an upper bound for each: the counter may hold a later sign-in before an earlier
 * one). The stack's stream poller and the aggregator share the two cores with the burst, as nothing would on AWS.
 */
export async function streamLagFigures(stack: StackChild, sessionId: string, tokens: string[], record: (key: string, value: number) => void, say: (line: string) => void) {
  const db = documentClient({ endpoint: stack.dynamoEndpoint });
  // The seed's own records first: the stack starts reading the stream from its beginning.
  await fetch(`${stack.url}/__local/streams`);
  const answered: number[] = [];
  const seen: Array<{ at: number; signedIn: number }> = [];
  let done = false;
  let doneAt = 0;
  const poll = (async () => {
    let last = -1;
    while (!done || last < answered.length) {
      const out = await db.send(new GetCommand({ TableName: stack.tableName, Key: sessionCountsKey(sessionId), ConsistentRead: true }));
      const signedIn = Number((out.Item?.total as { signedIn?: number } | undefined)?.signedIn ?? 0);
      if (signedIn !== last) seen.push({ at: performance.now(), signedIn });
      last = signedIn;
      if (done && performance.now() - doneAt > 30_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = performance.now();
  let next = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++]!;
        const res = await call(stack.url, 'POST', `/v1/sessions/${sessionId}/sign-ins`, token, { token: qrToken(stack.qrSecret, sessionId, 'in'), deviceId: randomUUID(), nonce: randomUUID() });
        if (res.status === 201) answered.push(performance.now());
        else errors += 1;
      }
    }),
  );
  done = true;
  doneAt = performance.now();
  await poll;
  const lags = answered.map((at, i) => {
    const reached = seen.find((s) => s.signedIn >= i + 1);
    return reached ? Math.max(0, reached.at - at) : Number.POSITIVE_INFINITY;
  });
  const sorted = [...lags].sort((a, b) => a - b);
  const counted = seen.at(-1)?.signedIn ?? 0;
  const p50 = round(percentile(sorted, 50), 0);
  const p99 = round(percentile(sorted, 99), 0);
  say(`  burst of ${tokens.length} sign-ins in ${round((doneAt - started) / 1000, 1)} s (${errors} errors); counters reached ${counted}; lag p50 ${p50} ms, p99 ${p99} ms, max ${round(sorted.at(-1) ?? 0, 0)} ms`);
  record('stream.lag.p50Ms', p50);
  record('stream.lag.p99Ms', Number.isFinite(p99) ? p99 : 999_999);
  record('stream.lag.uncounted', answered.length - Math.min(counted, answered.length));
}
