import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { IsoDateTime, QrPurpose } from '@lianyan/shared';
import { ApiError } from './request';
import { getAccessToken } from './session';
import { Scan, submitScan, type ScanResult } from './signins';

const QUEUE_KEY = 'lianyan.signinQueue';
const RESULTS_KEY = 'lianyan.signinReplayResults';
const MAX_RESULTS = 10;

/** What became of a scan sent after it was saved offline (补交结果). */
export const ReplayResult = z.object({
  sessionId: z.string(),
  purpose: QrPurpose,
  scannedAt: IsoDateTime,
  ok: z.boolean(),
  message: z.string(),
  at: IsoDateTime,
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export type SubmitOutcome = { kind: 'sent'; result: ScanResult } | { kind: 'queued' };

type Listener = () => void;
const listeners = new Set<Listener>();
let replaying: Promise<void> | null = null;

// Storage may hold entries from an older version: keep only what still parses.
function readList<T>(key: string, schema: z.ZodMiniType<T>): T[] {
  const stored: unknown = Taro.getStorageSync(key);
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function writeList(key: string, items: unknown[]): void {
  if (items.length === 0) Taro.removeStorageSync(key);
  else Taro.setStorageSync(key, items);
  listeners.forEach((listener) => listener());
}

/** No HTTP answer at all: the phone is offline or the server unreachable. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && error.code === 'NETWORK_UNAVAILABLE';
}

/** The server is busy (503) even after the request module's own retries: the scan is kept like an offline one. */
function isStillUnavailable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 503;
}

// A 4xx the same request can never turn into a success; 401 (not signed in) and 429 (slow down) can.
function isFinalAnswer(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429;
}

export function queuedScans(): Scan[] {
  return readList(QUEUE_KEY, Scan);
}

export function enqueueScan(scan: Scan): void {
  writeList(QUEUE_KEY, [...queuedScans().filter((s) => s.nonce !== scan.nonce), scan]);
}

export function replayResults(): ReplayResult[] {
  return readList(RESULTS_KEY, ReplayResult);
}

export function clearReplayResults(): void {
  writeList(RESULTS_KEY, []);
}

export function onQueueChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Sends a scan now; without a network (or with the server still busy) it is saved and sent later by replayQueue. */
export async function submitOrQueue(scan: Scan): Promise<SubmitOutcome> {
  try {
    return { kind: 'sent', result: await submitScan(scan) };
  } catch (error) {
    if (!isNetworkFailure(error) && !isStillUnavailable(error)) throw error;
    enqueueScan(scan);
    return { kind: 'queued' };
  }
}

function recordResult(scan: Scan, ok: boolean, message: string): void {
  const result: ReplayResult = {
    sessionId: scan.sessionId,
    purpose: scan.purpose,
    scannedAt: scan.scannedAt,
    ok,
    message,
    at: new Date().toISOString(),
  };
  writeList(RESULTS_KEY, [result, ...replayResults()].slice(0, MAX_RESULTS));
}

function removeFromQueue(nonce: string): void {
  writeList(QUEUE_KEY, queuedScans().filter((s) => s.nonce !== nonce));
}

async function replayAll(): Promise<void> {
  for (const scan of queuedScans()) {
    try {
      const { attendance } = await submitScan(scan);
      removeFromQueue(scan.nonce);
      const what = scan.purpose === 'out' ? '签退' : attendance.status === 'late' ? '签到（迟到）' : '签到';
      recordResult(scan, true, `${what}已补交`);
    } catch (error) {
      if (!isFinalAnswer(error)) return;
      removeFromQueue(scan.nonce);
      recordResult(scan, false, error.message);
    }
  }
}

/** Sends the saved scans in order, one flight at a time; stops at the first one the server does not answer. */
export function replayQueue(): Promise<void> {
  if (replaying) return replaying;
  if (!getAccessToken() || queuedScans().length === 0) return Promise.resolve();
  // Callers fire and forget (app show, network change): a storage failure must not become an unhandled rejection.
  replaying = replayAll()
    .catch(() => undefined)
    .finally(() => {
      replaying = null;
    });
  return replaying;
}

let watching = false;

/** Replays the queue whenever the network comes back. */
export function watchNetwork(): void {
  if (watching) return;
  watching = true;
  Taro.onNetworkStatusChange(({ isConnected }) => {
    if (isConnected) void replayQueue();
  });
}
