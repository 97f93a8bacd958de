import { describe, expect, it } from 'vitest';
import { Attendance, Session, semesterOf } from '@lianyan/shared';
import { attendanceKey } from '@lianyan/functions/repositories/attendance';
import { sessionKey } from '@lianyan/functions/repositories/sessions';
import { DISTRICT_ITEMS_PER_PASS, DISTRICT_SCALE, closedSessionItems, districtFederationId } from './district.ts';

const start = new Date('2026-10-14T01:00:00.000Z');
const audience = DISTRICT_SCALE.schoolsPerFederation * DISTRICT_SCALE.teachersPerSchool;

describe('the district seed', () => {
  it('adds 14 federations × 50 sessions × 240 records a pass: about 170,000 items', () => {
    expect(DISTRICT_SCALE.primary + DISTRICT_SCALE.junior).toBe(14);
    expect(DISTRICT_ITEMS_PER_PASS).toBe(14 * 50 * 240);
  });

  it('writes a closed session and one valid record for each of its audience, keyed as the repositories key them', () => {
    const [session, ...records] = closedSessionItems(3, 1, 7, start);
    expect(Session.safeParse(session).success).toBe(true);
    expect(session).toMatchObject({ ...sessionKey('ses-d3-p1-7'), federationId: districtFederationId(3), status: 'closed', closedBy: 'auto', expectedCount: audience });
    expect(records).toHaveLength(audience);
    expect(new Set(records.map((r) => r.userId)).size).toBe(audience);
    for (const r of records) {
      expect(Attendance.safeParse(r).success, JSON.stringify(r)).toBe(true);
      expect(r).toMatchObject({ ...attendanceKey('ses-d3-p1-7', String(r.userId)), GSI1PK: `SCHOOL#${String(r.schoolId)}#${semesterOf(start.toISOString())}` });
    }
  });

  it('mixes the five statuses the way sign-in, sign-out, a hand-made 请假 and close leave them', () => {
    const records = closedSessionItems(0, 2, 4, start).slice(1) as Array<Attendance & Record<string, unknown>>;
    const by = (status: Attendance['status']) => records.filter((r) => r.status === status);
    for (const status of ['on_time', 'late', 'left_early', 'absent', 'excused'] as const) expect(by(status).length, status).toBeGreaterThan(0);
    for (const r of [...by('absent'), ...by('excused')]) {
      expect(r.signedInAt).toBeUndefined();
      expect(r.closedAt).toBeDefined();
      expect(r.creditedHours).toBe(0);
    }
    expect(by('excused').every((r) => r.audit?.[0]?.action === 'status:excused' && r.flags.includes('manual'))).toBe(true);
    for (const r of [...by('on_time'), ...by('late'), ...by('left_early')]) {
      expect(r.signedInAt! < r.signedOutAt!).toBe(true);
      expect(r.closedAt).toBeUndefined();
    }
    expect(by('on_time').every((r) => r.creditedHours === 2)).toBe(true);
    expect(by('left_early').every((r) => r.creditedHours < 2)).toBe(true);
  });
});
