import { describe, expect, it } from 'vitest';
import { CODE_SECONDS, checkQrToken, checkSignInCode, displayKey, qrToken, qrWindow, signInCode } from './qr-token.ts';

const secret = 's'.repeat(40);
const base = { secret, sessionId: 'ses-1', purpose: 'in' as const, rotateSeconds: 10, marginMs: 3000 };
const at = Date.parse('2026-11-23T02:00:05Z');
const tokenAt = (ms: number, purpose: 'in' | 'out' = 'in', sessionId = 'ses-1') => qrToken(secret, sessionId, purpose, qrWindow(ms, 10));

describe('QR tokens', () => {
  it('accepts the current and the previous window', () => {
    expect(checkQrToken({ ...base, token: tokenAt(at), at })).toBe('valid');
    expect(checkQrToken({ ...base, token: tokenAt(at - 10_000), at })).toBe('valid');
  });

  it('accepts a token from a display whose clock runs a little ahead', () => {
    expect(checkQrToken({ ...base, token: tokenAt(at + 2_000), at: at + 4_000 - 2_000 })).toBe('valid');
    expect(checkQrToken({ ...base, token: tokenAt(at + 10_000), at: at + 8_000 })).toBe('valid');
  });

  it('calls a token two windows old expired', () => {
    expect(checkQrToken({ ...base, token: tokenAt(at - 25_000), at })).toBe('expired');
    expect(checkQrToken({ ...base, token: tokenAt(at - 30 * 60_000), at })).toBe('expired');
  });

  it('refuses a token of another session, of the other purpose, or forged', () => {
    expect(checkQrToken({ ...base, token: tokenAt(at, 'in', 'ses-2'), at })).toBe('invalid');
    expect(checkQrToken({ ...base, token: tokenAt(at, 'out'), at })).toBe('invalid');
    expect(checkQrToken({ ...base, token: 'AAAAAAAAAAAAAAAAAAAAAA', at })).toBe('invalid');
    expect(checkQrToken({ ...base, token: 'short', at })).toBe('invalid');
  });

  it('is deterministic per window and differs between windows', () => {
    expect(tokenAt(at)).toBe(tokenAt(at + 1_000));
    expect(tokenAt(at)).not.toBe(tokenAt(at + 10_000));
    expect(tokenAt(at)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('derives a display key per session', () => {
    expect(displayKey(secret, 'ses-1')).not.toBe(displayKey(secret, 'ses-2'));
    expect(displayKey(secret, 'ses-1')).toHaveLength(24);
  });
});

describe('typed codes of online sessions', () => {
  const at = Date.parse('2026-11-23T02:03:00.000Z');
  const window = Math.floor(at / 1000 / CODE_SECONDS);

  it('is six digits, turns every five minutes and is valid for the current and the previous window', () => {
    const code = signInCode(secret, 'ses-1', 'in', window);
    expect(code).toMatch(/^\d{6}$/);
    expect(signInCode(secret, 'ses-1', 'out', window)).not.toBe(code);
    const check = { secret, sessionId: 'ses-1', purpose: 'in' as const, at, marginMs: 5_000 };
    expect(checkSignInCode({ ...check, token: code })).toBe('valid');
    expect(checkSignInCode({ ...check, token: signInCode(secret, 'ses-1', 'in', window - 1) })).toBe('valid');
    expect(checkSignInCode({ ...check, token: signInCode(secret, 'ses-1', 'in', window - 3) })).toBe('expired');
    expect(checkSignInCode({ ...check, token: signInCode(secret, 'ses-2', 'in', window) })).not.toBe('valid');
    expect(checkSignInCode({ ...check, token: 'abcdef' })).toBe('invalid');
  });
});
