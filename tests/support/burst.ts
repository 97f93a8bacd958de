import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

// A crowd scanning one session's code at once, as phones do: each keeps its scan (token, scannedAt, nonce) and
// retries it the way the mini-program's request module does — after Retry-After on a 503, after a pause when the
// connection fails — until it gets an answer. Some repeat a scan that already succeeded, some send it twice at once.

export interface BurstOptions {
  url: string;
  sessionId: string;
  /** One access token per person. */
  tokens: string[];
  qrSecret: string;
  rotateSeconds?: number;
  /** Share of people who send their scan again: half after their answer, half twice at once. */
  retryShare?: number;
  concurrency?: number;
  /** When the scans were made (ms); default: as each is sent. Older scans are offline replays. */
  scannedAt?: (index: number) => number | undefined;
  random?: () => number;
  /** Longest wait honoured from Retry-After (the mini-program caps it at 10 s); tests shorten it. */
  maxRetryAfterMs?: number;
  /** Give up on a person after this many attempts. */
  maxAttempts?: number;
}

export interface BurstResult {
  people: number;
  requests: number;
  created: number;
  repeats: number;
  /** 503 answers, each with Retry-After, retried by the client. */
  unavailable: number;
  /** Connections refused or dropped (a crashed server), retried by the client. */
  networkErrors: number;
  /** Anything else: 5xx without Retry-After, unexpected 4xx, people never answered. */
  violations: string[];
  seconds: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 128 });

export function qrTokenAt(secret: string, sessionId: string, purpose: 'in' | 'out', atMs: number, rotateSeconds = 10) {
  const window = Math.floor(atMs / 1000 / rotateSeconds);
  return createHmac('sha256', secret).update(`${sessionId}|${purpose}|${window}`).digest('base64url').slice(0, 22);
}

export function post(url: string, token: string, body: unknown) {
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function signInBurst(options: BurstOptions): Promise<BurstResult> {
  const random = options.random ?? Math.random;
  const rotateSeconds = options.rotateSeconds ?? 10;
  const retryShare = options.retryShare ?? 0.2;
  const maxAttempts = options.maxAttempts ?? 60;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  const url = `${options.url}/v1/sessions/${options.sessionId}/sign-ins`;
  const result: BurstResult = { people: options.tokens.length, requests: 0, created: 0, repeats: 0, unavailable: 0, networkErrors: 0, violations: [], seconds: 0 };
  const started = performance.now();

  /** Sends one scan until it is answered; true when answered 2xx. */
  async function deliver(person: number, token: string, body: Record<string, unknown>): Promise<boolean> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      result.requests += 1;
      let res: Awaited<ReturnType<typeof post>>;
      try {
        res = await post(url, token, body);
      } catch {
        result.networkErrors += 1;
        await sleep(100 + random() * 200);
        continue;
      }
      if (res.status === 201) result.created += 1;
      if (res.status === 200) result.repeats += 1;
      if (res.status === 200 || res.status === 201) return true;
      if (res.status === 503 && res.retryAfter !== undefined && Number.isFinite(Number(res.retryAfter))) {
        result.unavailable += 1;
        await sleep(Math.min(Number(res.retryAfter) * 1000, maxRetryAfterMs) * (0.5 + random() / 2));
        continue;
      }
      result.violations.push(`person ${person}: ${res.status} ${res.body.slice(0, 200)}`);
      return false;
    }
    result.violations.push(`person ${person}: no answer after ${maxAttempts} attempts`);
    return false;
  }

  async function person(index: number) {
    const token = options.tokens[index]!;
    const at = options.scannedAt?.(index) ?? Date.now();
    const body = {
      token: qrTokenAt(options.qrSecret, options.sessionId, 'in', at, rotateSeconds),
      deviceId: `dev-${randomUUID()}`,
      nonce: randomUUID(),
      scannedAt: new Date(at).toISOString(),
    };
    const roll = random();
    if (roll < retryShare / 2) {
      await Promise.all([deliver(index, token, body), deliver(index, token, body)]);
    } else if (roll < retryShare) {
      if (await deliver(index, token, body)) await deliver(index, token, body);
    } else {
      await deliver(index, token, body);
    }
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 32, options.tokens.length) }, async () => {
      while (next < options.tokens.length) await person(next++);
    }),
  );
  result.seconds = Math.round((performance.now() - started) / 10) / 100;
  return result;
}
