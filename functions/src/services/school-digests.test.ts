import { describe, expect, it } from 'vitest';
import { creditsOfDigest } from '#repositories/school-digests';
import { digestSession, planDigests, type DigestedRecord } from './school-digests.ts';

const START = '2026-11-20T01:00:00.000Z';
const item = (userId: string, schoolId: string | undefined, extra: Partial<DigestedRecord> = {}): DigestedRecord => ({
  userId,
  status: 'on_time',
  flags: [],
  creditedHours: 2,
  ...(schoolId ? { schoolId, GSI1PK: `SCHOOL#${schoolId}#2026-2027-1` } : {}),
  GSI2SK: `ATT#${START}#s1`,
  kind: 'joint_research',
  signedInAt: '2026-11-20T01:05:00.000Z',
  ...extra,
});

describe('digestSession', () => {
  it('files each record under its own school semester, keeps the kind and start once, and gives back the credits the items give', () => {
    const digests = digestSession('s1', [
      item('a', 'sch-1'),
      item('b', 'sch-1', { status: 'late', creditedHours: 1.5, observationId: 'obs-1' }),
      // Marked after the session moved: filed in another semester, with its own kind and start.
      item('c', 'sch-1', { GSI1PK: 'SCHOOL#sch-1#2026-2027-2', GSI2SK: 'ATT#2027-03-10T01:00:00.000Z#s1', kind: 'open_class' }),
      item('d', 'sch-2', { status: 'absent', creditedHours: 0, signedInAt: undefined }),
      item('e', 'sch-2', { kind: 'open_class' }),
      item('f', undefined),
    ]);
    expect([...digests.keys()].sort()).toEqual(['SCHOOL#sch-1#2026-2027-1', 'SCHOOL#sch-1#2026-2027-2', 'SCHOOL#sch-2#2026-2027-1']);
    const autumn = digests.get('SCHOOL#sch-1#2026-2027-1')!;
    expect(autumn.records).toEqual({ a: ['on_time', 2, '2026-11-20T01:05:00.000Z'], b: ['late', 1.5, '2026-11-20T01:05:00.000Z', 'obs-1'] });
    expect(creditsOfDigest(autumn)).toEqual([
      { sessionId: 's1', userId: 'a', kind: 'joint_research', startAt: START, status: 'on_time', creditedHours: 2, signedInAt: '2026-11-20T01:05:00.000Z' },
      { sessionId: 's1', userId: 'b', kind: 'joint_research', startAt: START, status: 'late', creditedHours: 1.5, signedInAt: '2026-11-20T01:05:00.000Z', observationId: 'obs-1' },
    ]);
    expect(creditsOfDigest(digests.get('SCHOOL#sch-1#2026-2027-2')!)).toEqual([
      { sessionId: 's1', userId: 'c', kind: 'open_class', startAt: '2027-03-10T01:00:00.000Z', status: 'on_time', creditedHours: 2, signedInAt: '2026-11-20T01:05:00.000Z' },
    ]);
    // One record of two with another kind: it carries its own, the session's is kept once.
    const sch2 = creditsOfDigest(digests.get('SCHOOL#sch-2#2026-2027-1')!);
    expect(sch2.map((c) => [c.userId, c.kind, c.signedInAt])).toEqual([
      ['d', 'joint_research', undefined],
      ['e', 'open_class', '2026-11-20T01:05:00.000Z'],
    ]);
  });

  it('marks a digest too large for one item as overflowing, without its records', () => {
    const many = Array.from({ length: 7000 }, (_, i) => item(`user-${String(i).padStart(6, '0')}`, 'sch-1'));
    const digest = digestSession('s1', many).get('SCHOOL#sch-1#2026-2027-1')!;
    expect(digest).toMatchObject({ overflow: true, records: {} });
  });
});

describe('planDigests', () => {
  it('writes every school semester ever digested, an empty digest for one whose records all left', () => {
    const plan = planDigests('s1', [item('a', 'sch-1')], { partitions: ['SCHOOL#sch-2#2026-2027-1', 'SCHOOL#sch-1#2026-2027-1'], readAt: '2026-11-20T02:00:00.000Z' });
    expect(plan.partitions).toEqual(['SCHOOL#sch-1#2026-2027-1', 'SCHOOL#sch-2#2026-2027-1']);
    expect(plan.all.map((d) => [d.gsi1pk, Object.keys(d.records)])).toEqual([
      ['SCHOOL#sch-1#2026-2027-1', ['a']],
      ['SCHOOL#sch-2#2026-2027-1', []],
    ]);
  });
});
