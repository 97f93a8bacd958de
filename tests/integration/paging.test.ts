import { describe, expect, it } from 'vitest';
import type { Invite, Roster } from '@lianyan/shared';
import { api, devLogin } from '../support/api.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// Paging through lists with the cursors the API hands out: every item once, in as many pages as the size asks;
// a cursor is good for its own list only.

/** Every page of a list, following `nextCursor` from the first page. */
async function allPages<T>(path: string, token: string): Promise<{ pages: T[][]; cursors: string[] }> {
  const pages: T[][] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api<{ items: T[]; nextCursor?: string }>('GET', `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(res.status, res.text).toBe(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor && pages.length < 100);
  return { pages, cursors };
}

const TEACHERS = ['core-teacher-1', 'core-teacher-2', 'core-teacher-3', 'east2-teacher-1', 'east2-teacher-2'];

describe('paging with cursors', () => {
  it('walks a roster two at a time: each signed-in teacher once; the cursor opens no other roster and no edited copy', async () => {
    const { session, organizerToken } = await publishedSession({ geofence: 'off' });
    const other = await publishedSession({ geofence: 'off' });
    const qr = await currentQr(session.id, organizerToken);
    const userIds: string[] = [];
    for (const account of TEACHERS) {
      const { token, user } = await devLogin(account);
      const res = await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token, body: scan(qr.token) });
      expect(res.status, res.text).toBe(201);
      userIds.push(user.id);
    }

    const { pages, cursors } = await allPages<Roster['items'][number]>(`/v1/sessions/${session.id}/attendance?limit=2`, organizerToken);
    expect(pages.map((p) => p.length).slice(0, 3)).toEqual([2, 2, 1]);
    const seen = pages.flat().map((i) => i.userId);
    expect(seen).toHaveLength(TEACHERS.length);
    expect(new Set(seen)).toEqual(new Set(userIds));

    const cursor = cursors[0]!;
    const foreign = await api('GET', `/v1/sessions/${other.session.id}/attendance?limit=2&cursor=${encodeURIComponent(cursor)}`, { token: organizerToken });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ code: 'INVALID_CURSOR', message: expect.stringMatching(/第一页/) });
    const edited = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
    const tampered = await api('GET', `/v1/sessions/${session.id}/attendance?limit=2&cursor=${encodeURIComponent(edited)}`, { token: organizerToken });
    expect(tampered.status).toBe(400);
    expect(tampered.body).toMatchObject({ code: 'INVALID_CURSOR' });
    const unsigned = Buffer.from(JSON.stringify({ PK: `SESSION#${session.id}`, SK: 'ATT#x' })).toString('base64url');
    expect((await api('GET', `/v1/sessions/${session.id}/attendance?limit=2&cursor=${unsigned}`, { token: organizerToken })).body).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('walks a school’s invites past the page of 50: each invite once; the cursor opens no other school’s list', async () => {
    const { token } = await devLogin('east2-admin');
    const created: string[] = [];
    for (let i = 0; i < 51; i++) {
      const res = await api<Invite>('POST', '/v1/invites', { token, body: { role: 'parent', scope: { schoolId: 'sch-east2' }, note: `分页 ${i}` } });
      expect(res.status, res.text).toBe(201);
      created.push(res.body.code);
    }
    const { pages, cursors } = await allPages<Invite>('/v1/invites?schoolId=sch-east2', token);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toHaveLength(50);
    const codes = pages.flat().map((i) => i.code);
    expect(new Set(codes).size, 'an invite listed twice').toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(created));

    const fed = await devLogin('fed-admin');
    const other = await api('GET', `/v1/invites?schoolId=sch-core&cursor=${encodeURIComponent(cursors[0]!)}`, { token: fed.token });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
