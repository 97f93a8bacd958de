import { DescribeTableCommand, UpdateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS } from './dynamo-client.ts';

/** A stream consumer of functions/streams.json, with its handler loaded: what the event source mapping is on AWS. */
export interface StreamConsumer {
  name: string;
  /** Only records whose sort key starts with it reach the handler (the mapping's filter pattern on AWS). */
  keyPrefix?: string;
  batchSize: number;
  maximumRetryAttempts: number;
  handler: (event: { Records: unknown[] }) => Promise<unknown>;
}

export interface StreamPoller {
  /**
   * Resolves once every record written before the call has been handed to the consumers and their batches have
   * finished: the local stand-in for "a second later" on AWS, so a read after a write sees its aggregates.
   */
  settle(): Promise<void>;
  /** Records handed to consumers, batches invoked, batches given up after their retries (the dead-letter queue's). */
  stats(): { records: number; batches: number; dropped: number };
  stop(): Promise<void>;
}

export interface StreamPollerOptions {
  client: DynamoDBClient;
  endpoint: string;
  region: string;
  tableName: string;
  consumers: StreamConsumer[];
  /** Pause between passes when the stream is idle (default 100 ms). */
  idleMs?: number;
  /** How long `settle` waits for a stuck stream before it lets the request go on (default 15 s). */
  settleTimeoutMs?: number;
  log?: (line: string) => void;
}

/** The table's stream ARN, switching the stream on first when a table made before it has none (an old data dir). */
export async function ensureTableStream(client: DynamoDBClient, tableName: string): Promise<{ arn: string; enabled: boolean }> {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (described.Table?.StreamSpecification?.StreamEnabled && described.Table.LatestStreamArn) return { arn: described.Table.LatestStreamArn, enabled: false };
  const updated = await client.send(
    new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
  );
  const arn = updated.TableDescription?.LatestStreamArn;
  if (!arn) throw new Error(`${tableName}: the stream could not be switched on`);
  return { arn, enabled: true };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The record as Lambda hands it to a function (the Streams API's record plus where it came from). */
const lambdaRecord = (record: StreamRecord, arn: string, region: string) => ({ ...record, eventSource: 'aws:dynamodb', eventSourceARN: arn, awsRegion: region });

/**
 * The local twin of the table's event source mappings: reads DynamoDB Local's stream (the DynamoDB Streams API,
 * through the AWS SDK) shard by shard, in order, and invokes each consumer's handler with Lambda's event shape, in
 * batches of its `batchSize`, filtered by its `keyPrefix`. A batch's `batchItemFailures` are delivered again from
 * the first failed record, at most `maximumRetryAttempts` times, then given up and logged (AWS: the dead-letter
 * queue). The counting itself is only in the handler: there is no second implementation here.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const { arn } = await ensureTableStream(options.client, options.tableName);
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: options.region, credentials: LOCAL_CREDENTIALS });
  const idleMs = options.idleMs ?? 100;
  // From the start of what the stream keeps: records written before the poller started (the seed) are counted too.
  const iterators = new Map<string, string | undefined>();
  const finished = new Set<string>();
  const parents = new Map<string, string | undefined>();
  const counts = { records: 0, batches: 0, dropped: 0 };
  let stopped = false;
  let passes = 0;
  let waiters: Array<{ after: number; resolve: () => void }> = [];
  let wake: (() => void) | undefined;

  async function refreshShards(): Promise<void> {
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
      const shards: Shard[] = out.StreamDescription?.Shards ?? [];
      for (const shard of shards) {
        if (!shard.ShardId || iterators.has(shard.ShardId) || finished.has(shard.ShardId)) continue;
        parents.set(shard.ShardId, shard.ParentShardId);
        const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
        iterators.set(shard.ShardId, it.ShardIterator);
      }
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  async function deliver(consumer: StreamConsumer, records: StreamRecord[]): Promise<void> {
    const mine = records.filter((r) => !consumer.keyPrefix || String(r.dynamodb?.Keys?.SK?.S ?? '').startsWith(consumer.keyPrefix));
    for (let i = 0; i < mine.length; i += consumer.batchSize) {
      let batch = mine.slice(i, i + consumer.batchSize).map((r) => lambdaRecord(r, arn, options.region));
      for (let attempt = 0; batch.length; attempt += 1) {
        counts.batches += 1;
        let failedFrom = -1;
        try {
          const result = (await consumer.handler({ Records: batch })) as { batchItemFailures?: Array<{ itemIdentifier: string }> } | undefined;
          const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          failedFrom = failed.size ? batch.findIndex((r) => failed.has(String(r.dynamodb?.SequenceNumber))) : -1;
          if (failed.size && failedFrom < 0) failedFrom = 0;
        } catch (error) {
          options.log?.(`stream ${consumer.name}: batch failed: ${error instanceof Error ? error.message : String(error)}`);
          failedFrom = 0;
        }
        if (failedFrom < 0) break;
        if (attempt >= consumer.maximumRetryAttempts) {
          counts.dropped += 1;
          options.log?.(`stream ${consumer.name}: ${batch.length - failedFrom} records given up after ${attempt + 1} attempts (AWS: the dead-letter queue)`);
          break;
        }
        batch = batch.slice(failedFrom);
        await sleep(Math.min(1000, 20 * 2 ** attempt));
      }
    }
  }

  /** One pass over every open shard, each read to its current end; the number of records handed on. */
  async function pass(): Promise<number> {
    let delivered = 0;
    if (!iterators.size) await refreshShards();
    for (const [shardId, start] of [...iterators]) {
      // A child shard waits until its parent is read to the end: a key's records stay in order across a split.
      const parent = parents.get(shardId);
      if (parent && iterators.has(parent)) continue;
      let iterator = start;
      while (iterator) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const records = out.Records ?? [];
        iterator = out.NextShardIterator;
        if (records.length) {
          for (const consumer of options.consumers) await deliver(consumer, records);
          delivered += records.length;
          counts.records += records.length;
        } else break;
      }
      if (iterator) iterators.set(shardId, iterator);
      else {
        // The shard is closed and read: its children (if the table split it) are found next pass.
        iterators.delete(shardId);
        finished.add(shardId);
        await refreshShards();
      }
    }
    return delivered;
  }

  const loop = (async () => {
    while (!stopped) {
      const number = ++passes;
      let delivered = 0;
      try {
        delivered = await pass();
      } catch (error) {
        options.log?.(`stream: ${error instanceof Error ? error.message : String(error)}`);
        // An expired or broken iterator: start again from what the stream keeps (the handlers are idempotent).
        iterators.clear();
        finished.clear();
        delivered = 1;
      }
      if (!delivered) {
        const ready = waiters.filter((w) => w.after < number);
        waiters = waiters.filter((w) => w.after >= number);
        for (const w of ready) w.resolve();
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, idleMs);
        });
        wake = undefined;
      }
    }
  })();

  return {
    async settle() {
      if (stopped) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          waiters.push({ after: passes, resolve });
          wake?.();
        }),
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            options.log?.('stream: settle timed out; answering without the latest aggregates');
            resolve();
          }, options.settleTimeoutMs ?? 15_000);
        }),
      ]);
      clearTimeout(timer);
    },
    stats: () => ({ ...counts }),
    async stop() {
      stopped = true;
      wake?.();
      for (const w of waiters) w.resolve();
      waiters = [];
      await loop;
      streams.destroy();
    },
  };
}
