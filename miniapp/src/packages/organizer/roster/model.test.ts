import { describe, expect, it } from 'vitest';
import type { Roster, RosterItem } from '@lianyan/shared';
import { closedNote, notSignedIn, rowsOf } from './model';

const item = (userId: string, status: RosterItem['status'], extra: Partial<RosterItem> = {}): RosterItem => ({
  userId,
  name: userId,
  status,
  creditedHours: 0,
  flags: [],
  method: 'qr',
  ...extra,
});
const summary = { expected: 10, signedIn: 3, late: 1, absent: 1, signedOut: 0, leftEarly: 1, excused: 1, flagged: 1 };
const roster: Roster = {
  items: [
    item('a', 'on_time', { signedInAt: '2026-11-23T01:00:00.000Z' }),
    item('b', 'late', { signedInAt: '2026-11-23T01:20:00.000Z', flags: ['no_location'] }),
    item('c', 'left_early', { signedInAt: '2026-11-23T01:05:00.000Z' }),
    item('d', 'absent'),
    item('e', 'excused'),
  ],
  summary,
  missing: [{ userId: 'f', name: 'f', schoolId: 's' }],
};
const ids = (tab: Parameters<typeof rowsOf>[1]) => rowsOf(roster, tab).map((r) => (r.kind === 'record' ? r.item.userId : `missing:${r.userId}`));

describe('roster tabs', () => {
  it('counts 未签到 as expected (the excused left out) less signed in and absent', () => {
    expect(notSignedIn(summary)).toBe(6);
    expect(notSignedIn({ ...summary, expected: 2 })).toBe(0);
  });

  it('filters by status and flags, the newest sign-in first', () => {
    expect(ids('signedIn')).toEqual(['b', 'c', 'a']);
    expect(ids('late')).toEqual(['b']);
    expect(ids('leftEarly')).toEqual(['c']);
    expect(ids('absent')).toEqual(['d']);
    expect(ids('excused')).toEqual(['e']);
    expect(ids('flagged')).toEqual(['b']);
  });

  it('lists the people still missing under 全部 and 未签到', () => {
    expect(ids('all')).toEqual(['b', 'c', 'a', 'd', 'e', 'missing:f']);
    expect(ids('missing')).toEqual(['missing:f']);
  });
});

describe('closed sessions', () => {
  it('says when a session was closed automatically', () => {
    expect(closedNote({ status: 'closed', closedBy: 'auto', closedAt: '2026-11-23T04:00:00.000Z' })).toEqual({ badge: '已自动结束', line: '未手动结束，自动关闭于 11月23日 12:00' });
    expect(closedNote({ status: 'closed', closedBy: 'organizer', closedAt: '2026-11-23T04:00:00.000Z' })?.badge).toBe('已结束');
    expect(closedNote({ status: 'published' })).toBeUndefined();
  });
});
