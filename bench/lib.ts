import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import type { EndpointCost } from '../infra/src/local/metrics.ts';

export const root = resolve(import.meta.dirname, '..');

export interface Latencies {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** Runs `tasks` with `concurrency` in flight and reports throughput and latency percentiles (ms). */
export async function load(tasks: Array<() => Promise<boolean>>, concurrency: number): Promise<Latencies> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const t = performance.now();
        const ok = await task().catch(() => false);
        times.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = times.sort((a, b) => a - b);
  return {
    count: tasks.length,
    seconds: round(seconds, 2),
    perSecond: round(tasks.length / seconds, 1),
    p50: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    p99: round(percentile(sorted, 99), 1),
    errors,
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface StackChild {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  qrSecret: string;
  stop(): Promise<void>;
}

/** Starts `bench/serve.ts` (the local stack with metering) in a child process and waits for READY. */
export function startStackChild(env: Record<string, string>): Promise<StackChild> {
  const qrSecret = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts'], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_QR_SECRET: qrSecret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`benchmark stack exited (${code}) before it was ready`)));
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      const info = JSON.parse(line.slice(6)) as { url: string; dynamoEndpoint: string; tableName: string };
      resolvePromise({
        ...info,
        qrSecret,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export function qrToken(secret: string, sessionId: string, purpose: 'in' | 'out', atMs = Date.now(), rotateSeconds = 10) {
  const window = Math.floor(atMs / 1000 / rotateSeconds);
  return createHmac('sha256', secret).update(`${sessionId}|${purpose}|${window}`).digest('base64url').slice(0, 22);
}

// The load generator's own client: node:http with keep-alive, lighter than fetch, so the client's CPU (on the
// same two cores) weighs as little as possible on what is measured.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function call<T = unknown>(base: string, method: string, path: string, token?: string, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; body: T }>((resolvePromise, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = text && String(res.headers['content-type'] ?? '').includes('json');
          resolvePromise({ status: res.statusCode ?? 0, body: (json ? JSON.parse(text) : text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Starts the stack's DynamoDB meter afresh (DELETE /__local/metrics). */
export async function resetMetrics(stack: Pick<StackChild, 'url'>): Promise<void> {
  await fetch(`${stack.url}/__local/metrics`, { method: 'DELETE' });
}

/** What one route cost since the meter was reset: its calls, its DynamoDB commands in all, by name, and RCU (undefined: never called). */
export async function routeCost(stack: Pick<StackChild, 'url'>, route: string): Promise<(EndpointCost & { commandCount: number }) | undefined> {
  const cost = ((await (await fetch(`${stack.url}/__local/metrics`)).json()) as Record<string, EndpointCost>)[route];
  return cost && { ...cost, commandCount: Object.values(cost.commands).reduce((a, b) => a + b, 0) };
}
