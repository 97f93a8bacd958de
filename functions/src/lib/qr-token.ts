import { createHmac, timingSafeEqual } from 'node:crypto';
import type { QrPurpose } from '@lianyan/shared';

// token = base64url(HMAC-SHA256(secret, sessionId|purpose|window)) truncated to 128 bits; nothing is stored per window.
const TOKEN_LENGTH = 22;
/** How far back a token is still recognised as "expired" rather than "invalid". */
const RECOGNISE_EXPIRED_MS = 3_600_000;

export const qrWindow = (epochMs: number, rotateSeconds: number) => Math.floor(epochMs / 1000 / rotateSeconds);

export function qrToken(secret: string, sessionId: string, purpose: QrPurpose, window: number): string {
  return createHmac('sha256', secret).update(`${sessionId}|${purpose}|${window}`).digest('base64url').slice(0, TOKEN_LENGTH);
}

export function displayKey(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`display|${sessionId}`).digest('base64url').slice(0, 24);
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface QrCheck {
  secret: string;
  sessionId: string;
  purpose: QrPurpose;
  token: string;
  /** When the code was scanned (ms since epoch). */
  at: number;
  rotateSeconds: number;
  /** Clock difference tolerated between the display and the server. */
  marginMs: number;
}

/** `valid`: the current or the previous window (± margin); `expired`: an older window of this session and purpose. */
export function checkQrToken(check: QrCheck): 'valid' | 'expired' | 'invalid' {
  const { secret, sessionId, purpose, token, at, rotateSeconds, marginMs } = check;
  if (token.length !== TOKEN_LENGTH) return 'invalid';
  const newest = qrWindow(at + marginMs, rotateSeconds);
  const oldestValid = qrWindow(at - rotateSeconds * 1000 - marginMs, rotateSeconds);
  for (let w = newest; w >= oldestValid; w--) {
    if (sameToken(qrToken(secret, sessionId, purpose, w), token)) return 'valid';
  }
  const oldest = qrWindow(at - RECOGNISE_EXPIRED_MS, rotateSeconds);
  for (let w = oldestValid - 1; w >= oldest; w--) {
    if (sameToken(qrToken(secret, sessionId, purpose, w), token)) return 'expired';
  }
  return 'invalid';
}

// Online sessions: a six-digit code read out in the livestream or shown on the shared screen, typed in by hand.
// It turns every CODE_SECONDS (long enough to read and type) and is derived like the QR token, never stored.
export const CODE_SECONDS = 300;
export const isTypedCode = (token: string) => /^\d{6}$/.test(token);

export function signInCode(secret: string, sessionId: string, purpose: QrPurpose, window: number): string {
  const digest = createHmac('sha256', secret).update(`code|${sessionId}|${purpose}|${window}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Like checkQrToken, for a typed code: the current or the previous five-minute window is valid. */
export function checkSignInCode(check: Omit<QrCheck, 'rotateSeconds'>): 'valid' | 'expired' | 'invalid' {
  const { secret, sessionId, purpose, token, at, marginMs } = check;
  if (!isTypedCode(token)) return 'invalid';
  const newest = qrWindow(at + marginMs, CODE_SECONDS);
  const oldestValid = qrWindow(at - CODE_SECONDS * 1000 - marginMs, CODE_SECONDS);
  for (let w = newest; w >= oldestValid; w--) if (sameToken(signInCode(secret, sessionId, purpose, w), token)) return 'valid';
  for (let w = oldestValid - 1; w >= qrWindow(at - RECOGNISE_EXPIRED_MS, CODE_SECONDS); w--) {
    if (sameToken(signInCode(secret, sessionId, purpose, w), token)) return 'expired';
  }
  return 'invalid';
}
