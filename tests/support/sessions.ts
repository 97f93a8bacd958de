import { createHmac, randomUUID } from 'node:crypto';
import type { QrCode, Session, SessionInput } from '@lianyan/shared';
import { api, devLogin, stack } from './api.ts';

const MIN = 60_000;

/** A session input that is open for sign-in now, for the whole demo federation; override what a test needs. */
export function makeSessionInput(overrides: Partial<SessionInput> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    kind: 'joint_research',
    mode: 'offline',
    title: '联合教研：测试活动',
    hostSchoolId: 'sch-core',
    venue: { name: '明湖区实验小学 报告厅', lat: 30.2741, lng: 120.1551, radiusM: 300 },
    startAt: new Date(now - 5 * MIN).toISOString(),
    endAt: new Date(now + 85 * MIN).toISOString(),
    signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
    signOutRequired: true,
    creditHours: 2,
    audience: { type: 'federation' },
    geofence: 'flag',
    ...overrides,
  };
}

/** Creates and publishes a session as the demo organizer. */
export async function publishedSession(overrides: Partial<SessionInput> = {}, account = 'organizer') {
  const { token } = await devLogin(account);
  const created = await api<Session>('POST', '/v1/sessions', { token, body: makeSessionInput(overrides) });
  if (created.status !== 201) throw new Error(`create session: ${created.status} ${created.text}`);
  const published = await api<Session>('POST', `/v1/sessions/${created.body.id}/publish`, { token });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
  return { session: published.body, organizerToken: token };
}

export async function currentQr(sessionId: string, organizerToken: string, purpose: 'in' | 'out' = 'in') {
  const res = await api<QrCode>('GET', `/v1/sessions/${sessionId}/qr?purpose=${purpose}`, { token: organizerToken });
  if (res.status !== 200) throw new Error(`qr: ${res.status} ${res.text}`);
  return res.body;
}

/** The code the display showed at `atMs` — what a phone that scanned then has kept. */
export function qrTokenAt(sessionId: string, purpose: 'in' | 'out', atMs: number, rotateSeconds = 10): string {
  const window = Math.floor(atMs / 1000 / rotateSeconds);
  return createHmac('sha256', stack().qrSecret).update(`${sessionId}|${purpose}|${window}`).digest('base64url').slice(0, 22);
}

/** The six-digit code of an online session that was shown at `atMs` (five-minute windows). */
export function signInCodeAt(sessionId: string, purpose: 'in' | 'out', atMs: number): string {
  const window = Math.floor(atMs / 1000 / 300);
  const digest = createHmac('sha256', stack().qrSecret).update(`code|${sessionId}|${purpose}|${window}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export const scan = (token: string, extra: Record<string, unknown> = {}) => ({
  token,
  deviceId: `dev-${randomUUID()}`,
  nonce: randomUUID(),
  ...extra,
});
