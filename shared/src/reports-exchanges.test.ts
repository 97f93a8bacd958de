import { describe, expect, it } from 'vitest';
import { federationExchanges, rotationsOf, schoolExchanges, type Exchange } from './index.ts';

const e = (userId: string, kind: Exchange['kind'], startDate: string, endDate: string, over: Partial<Exchange> = {}) => ({ userId, kind, fromSchoolId: 'home', toSchoolId: 'host', startDate, endDate, ...over });
const rules = { exchangeCadresPerSemester: 2, exchangeBackbonePerSemester: 3 };
// 2026-2027-1 is 2026-09-01 … 2027-01-31; the school year 2026-09-01 … 2027-08-31.
const items = [
  e('a', 'cadre', '2026-08-01', '2026-09-01'),
  e('b', 'cadre', '2027-01-31', '2027-03-01'),
  e('c', 'cadre', '2026-07-01', '2026-08-31'),
  e('d', 'backbone', '2026-09-10', '2026-10-10'),
  e('d', 'itinerant', '2026-11-01', '2026-11-30'),
  e('f', 'shadow', '2026-10-01', '2026-10-20', { assessment: { rating: 'pass', comment: '', uploadIds: [], assessedBy: 'x', assessedAt: '' } }),
  e('g', 'backbone', '2026-12-01', '2027-06-30', { fromSchoolId: 'host', toSchoolId: 'home' }),
];

describe('交流轮岗 in the reports', () => {
  it('counts people whose period shares a day with the semester, backbone = 支教 + 走教, 跟岗 in no line', () => {
    const f = federationExchanges(items, ['home', 'host'], '2026-2027-1', rules, '2026-12-15');
    expect(f.cadres).toEqual({ done: 2, target: 2, met: true });
    expect(f.backbone).toEqual({ done: 2, target: 3, met: false });
    expect(f.shadow).toBe(1);
    // Ended before 12-15 without assessment: a (09-01), d twice (10-10, 11-30); f is assessed.
    expect(f.awaitingAssessment).toBe(3);
    expect(f.schools.map((s) => s.schoolId)).toEqual(['home', 'host']);
  });

  it('gives each school the people it sent and received', () => {
    expect(schoolExchanges(items, 'home', '2026-2027-1', '2026-12-15')).toEqual({
      schoolId: 'home',
      sent: { cadres: 2, backbone: 1, shadow: 1 },
      received: { cadres: 0, backbone: 1, shadow: 0 },
      awaitingAssessment: 3,
    });
    expect(schoolExchanges(items, 'host', '2026-2027-2', '2027-03-01')).toEqual({
      schoolId: 'host',
      sent: { cadres: 0, backbone: 1, shadow: 0 },
      received: { cadres: 1, backbone: 0, shadow: 0 },
      awaitingAssessment: 0,
    });
  });

  it('counts a school year’s rotations as exchanges sent, each once', () => {
    expect(rotationsOf(items, 'home', '2026-2027')).toBe(5);
    expect(rotationsOf(items, 'home', '2025-2026')).toBe(2);
    expect(rotationsOf(items, 'host', '2026-2027')).toBe(1);
  });
});
