import routeTable from '../routes.json' with { type: 'json' };
import jobTable from '../jobs.json' with { type: 'json' };

// One route table, read by serverless.yml (infra/serverless/functions.cjs) and by the local server.
export interface RouteDefinition {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | '*';
  path: string;
  handler: string;
  localOnly?: boolean;
  /** Seconds, when a route needs more than the default 10 (at most 29: API Gateway waits 30). */
  timeout?: number;
  /** MB, when a route needs more than the default 512. */
  memorySize?: number;
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
}
export const jobs = jobTable as JobDefinition[];
