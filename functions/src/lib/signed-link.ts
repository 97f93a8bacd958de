import { createHmac, timingSafeEqual } from 'node:crypto';

// Links that open without a login (the printable archive): the payload and its expiry, signed with a server key.

export function signLink(payload: Record<string, unknown>, key: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The payload of a link signed with `key` whose `exp` (epoch seconds) is still ahead; undefined otherwise. */
export function readLink<T extends { exp: number }>(token: string, key: string, nowMs: number): T | undefined {
  const [body, sig] = token.split('.');
  if (!body || !sig) return undefined;
  const expected = Buffer.from(createHmac('sha256', key).update(body).digest('base64url'));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    return typeof payload.exp === 'number' && payload.exp * 1000 > nowMs ? payload : undefined;
  } catch {
    return undefined;
  }
}
