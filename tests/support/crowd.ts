import type { Attendance, Session } from '@lianyan/shared';
import { makeSessionInput } from './sessions.ts';

// Helpers for the crowd tests against a stack at `url`: an organizer's session and many teachers' tokens.

export async function json<T>(url: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function devToken(url: string, account: string): Promise<string> {
  const res = await json<{ token: string }>(url, 'POST', '/v1/auth/dev', undefined, { account });
  if (res.status !== 200) throw new Error(`dev login ${account}: ${res.status}`);
  return res.body.token;
}

/** A published session for the whole demo federation, open for sign-in, as the demo organizer. */
export async function openSession(url: string, organizer: string, overrides: Record<string, unknown> = {}): Promise<Session> {
  const created = await json<Session>(url, 'POST', '/v1/sessions', organizer, makeSessionInput({ geofence: 'off', signOutRequired: false, ...overrides }));
  if (created.status !== 201) throw new Error(`create session: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await json<Session>(url, 'POST', `/v1/sessions/${created.body.id}/publish`, organizer);
  if (published.status !== 200) throw new Error(`publish: ${published.status}`);
  return published.body;
}

/** The whole roster, page by page. */
export async function roster(url: string, organizer: string, sessionId: string): Promise<Attendance[]> {
  const items: Attendance[] = [];
  let cursor: string | undefined;
  do {
    const res = await json<{ items: Attendance[]; nextCursor?: string }>(
      url,
      'GET',
      `/v1/sessions/${sessionId}/attendance${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      organizer,
    );
    if (res.status !== 200) throw new Error(`roster: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** Access tokens for `count` teachers of the demo's schools who exist only in their tokens (the sign-in path reads no user). */
export async function crowdTokens(jwtSecret: string, count: number, prefix: string): Promise<{ userIds: string[]; tokens: string[] }> {
  const { makeTokenService } = await import('@lianyan/functions/lib/tokens');
  const tokens = makeTokenService({ issuer: 'lianyan-local', accessTtlSeconds: 3600, refreshTtlSeconds: 3600, getSecret: async () => jwtSecret });
  const schools = ['sch-core', 'sch-east2', 'sch-donghu', 'sch-qingshan'];
  const userIds = Array.from({ length: count }, (_, i) => `u-${prefix}-${i}`);
  const issued = await Promise.all(
    userIds.map((userId, i) => tokens.issueAccessToken({ userId, name: `教师${i}`, roles: [{ role: 'teacher', scope: { schoolId: schools[i % schools.length]! } }] })),
  );
  return { userIds, tokens: issued };
}
