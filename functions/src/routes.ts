import routeTable from '../routes.json' with { type: 'json' };
import jobTable from '../jobs.json' with { type: 'json' };
import streamTable from '../streams.json' with { type: 'json' };

/**
 * What a handler may touch: the table (read: GetItem, BatchGetItem, Query; write: also Put, Update, Delete, BatchWrite
 * and transactions), the uploads bucket (read: evidence/; write: incoming/, evidence/, bundles/) and which secrets.
 * On AWS each function's IAM role allows exactly this (infra/serverless/least-privilege.cjs); the local stack refuses
 * a table request beyond it (infra/src/local/access-guard.ts), so the tests find a wrong declaration.
 */
export interface Access {
  /** `aggregate`: the stream aggregator's own need (infra/serverless/streams.cjs says which actions). */
  table?: 'read' | 'write' | 'aggregate';
  /** A stream consumer reads the table's stream. */
  stream?: 'read';
  uploads?: 'read' | 'write';
  secrets?: Array<'jwt' | 'qr' | 'wechat' | 'dingtalk'>;
}

// One route table, read by serverless.yml (infra/serverless/functions.cjs; routes with the same `access` share a
// function there) and by the local server.
export interface RouteDefinition {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | '*';
  path: string;
  handler: string;
  localOnly?: boolean;
  /** Seconds, when a route needs more than the default 10 (at most 29: API Gateway waits 30); on AWS the route then
   *  has a function of its own instead of sharing its need set's (infra/serverless/function-groups.cjs). */
  timeout?: number;
  /** MB, when a route needs more than the default 512 (a function of its own, as for `timeout`). */
  memorySize?: number;
  /** Reads the aggregates the table's stream keeps (docs/design/aggregates.md): the local server first waits until
   *  the stream is drained, so a read right after a write sees its counters (on AWS they follow within about a second). */
  aggregates?: boolean;
  access: Access;
}

export const routes = routeTable as RouteDefinition[];

/** Scheduled jobs: a function each on AWS (EventBridge schedule); the local stack runs them on an interval. */
export interface JobDefinition {
  name: string;
  handler: string;
  /** EventBridge: `rate(10 minutes)` or `cron(0 18 31 8 ? *)` (UTC; that one is 1 September 02:00 in Asia/Shanghai). */
  schedule: string;
  /** Seconds (default 60). */
  timeout?: number;
  access: Access;
}
export const jobs = jobTable as JobDefinition[];

/** Consumers of the table's stream: a function each on AWS (an event source mapping); the local stack polls the stream. */
export interface StreamDefinition {
  name: string;
  handler: string;
  source: 'table';
  /** Only records whose SK starts with it reach the function (the mapping's filter). */
  keyPrefix?: string;
  batchSize: number;
  /** Seconds the mapping gathers records before invoking (AWS only). */
  batchWindow?: number;
  maximumRetryAttempts: number;
  maximumRecordAgeInSeconds?: number;
  timeout?: number;
  access: Access;
}
export const streams = streamTable as StreamDefinition[];
