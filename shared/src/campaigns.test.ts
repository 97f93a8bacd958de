import { describe, expect, it } from 'vitest';
import {
  CampaignInput,
  CheckInRequest,
  givenName,
  isPeriodKey,
  periodKey,
  periodLabel,
  periodOfInstant,
  periodRange,
  periodsBetween,
  shiftPeriod,
  streaksOf,
} from './index.ts';

describe('check-in periods (Asia/Shanghai)', () => {
  it('puts 23:59:59 on a Sunday in that week, and one second later in the next', () => {
    // Sunday 2026-11-29 23:59:59 in Shanghai is 15:59:59 UTC.
    expect(periodOfInstant('weekly', '2026-11-29T15:59:59Z')).toBe('2026-W48');
    expect(periodOfInstant('weekly', '2026-11-29T16:00:00Z')).toBe('2026-W49');
    expect(periodRange('weekly', '2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodOfInstant('daily', '2026-11-29T15:59:59Z')).toBe('2026-11-29');
    expect(periodOfInstant('daily', '2026-11-29T16:00:00Z')).toBe('2026-11-30');
  });

  it('numbers weeks the ISO way across new year (Monday–Sunday)', () => {
    expect(periodKey('weekly', '2026-01-01')).toBe('2026-W01');
    expect(periodKey('weekly', '2027-01-01')).toBe('2026-W53');
    expect(periodRange('weekly', '2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodKey('weekly', '2024-12-30')).toBe('2025-W01');
    expect(shiftPeriod('weekly', '2026-W53', 1)).toBe('2027-W01');
    expect(shiftPeriod('weekly', '2027-W01', -1)).toBe('2026-W53');
  });

  it('ends a month at its last day, February in leap years too, at Shanghai midnight', () => {
    expect(periodRange('monthly', '2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('monthly', '2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOfInstant('monthly', '2026-11-30T15:59:59Z')).toBe('2026-11');
    expect(periodOfInstant('monthly', '2026-11-30T16:00:00Z')).toBe('2026-12');
  });

  it('follows the semesters of shared/src/semester.ts: 1 Sep and 1 Feb in Shanghai', () => {
    expect(periodOfInstant('semester', '2026-08-31T15:59:59Z')).toBe('2025-2026-2');
    expect(periodOfInstant('semester', '2026-08-31T16:00:00Z')).toBe('2026-2027-1');
    expect(periodOfInstant('semester', '2027-01-31T15:59:59Z')).toBe('2026-2027-1');
    expect(periodOfInstant('semester', '2027-01-31T16:00:00Z')).toBe('2026-2027-2');
    expect(periodRange('semester', '2026-2027-1')).toEqual({ from: '2026-09-01', to: '2027-01-31' });
    expect(shiftPeriod('semester', '2026-2027-1', 1)).toBe('2026-2027-2');
    expect(shiftPeriod('semester', '2026-2027-2', 1)).toBe('2027-2028-1');
    expect(periodLabel('semester', '2026-2027-2')).toBe('2026–2027学年第二学期');
  });

  it('lists the periods a campaign touches and refuses keys that name no period', () => {
    expect(periodsBetween('weekly', '2026-11-25', '2026-12-08')).toEqual(['2026-W48', '2026-W49', '2026-W50']);
    expect(periodsBetween('monthly', '2026-09-15', '2027-01-10')).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect(periodsBetween('daily', '2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(isPeriodKey('daily', '2026-02-30')).toBe(false);
    expect(isPeriodKey('weekly', '2026-W53')).toBe(true);
    expect(isPeriodKey('weekly', '2027-W53')).toBe(false);
    expect(isPeriodKey('monthly', '2026-13')).toBe(false);
    expect(isPeriodKey('semester', '2026-2028-1')).toBe(false);
    expect(periodLabel('weekly', '2026-W48')).toBe('11月23日–11月29日');
    expect(periodLabel('monthly', '2026-11')).toBe('2026年11月');
  });
});

describe('streaks', () => {
  const periods = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
  it('counts back from the current period, or from the one before while the current is open', () => {
    expect(streaksOf(periods.slice(0, 5), new Set(['p2', 'p3', 'p4']), 'p5')).toEqual({ streak: 3, longest: 3 });
    expect(streaksOf(periods.slice(0, 5), new Set(['p2', 'p3', 'p4', 'p5']), 'p5')).toEqual({ streak: 4, longest: 4 });
  });
  it('breaks at a missed period, and a made-up period closes the gap', () => {
    expect(streaksOf(periods, new Set(['p1', 'p2', 'p4', 'p5', 'p6']), 'p6')).toEqual({ streak: 3, longest: 3 });
    expect(streaksOf(periods, new Set(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']), 'p6')).toEqual({ streak: 6, longest: 6 });
    expect(streaksOf(periods.slice(0, 4), new Set(['p1', 'p2']), 'p4')).toEqual({ streak: 0, longest: 2 });
  });
  it('counts back from the last period once a campaign has ended', () => {
    expect(streaksOf(periods, new Set(['p5', 'p6']), undefined)).toEqual({ streak: 2, longest: 2 });
  });
});

describe('check-in schemas and names', () => {
  it('defaults a campaign’s requirements and refuses a bad reminder time', () => {
    const input = { federationId: 'fed-1', title: '每月师德学习', audience: { type: 'schools', schoolIds: ['s1'] }, period: 'monthly', requiredCount: 3, startDate: '2026-09-01', endDate: '2027-01-31' };
    expect(CampaignInput.parse(input)).toMatchObject({ minTextLength: 0, minPhotos: 0, makeupAllowance: 0, description: '' });
    expect(CampaignInput.safeParse({ ...input, reminderTime: '25:00' }).success).toBe(false);
    expect(CheckInRequest.parse({ text: '  读完第一章  ' })).toEqual({ text: '读完第一章', photos: [] });
    expect(CheckInRequest.safeParse({ text: 'x', photos: Array.from({ length: 10 }, (_, i) => `u${i}`) }).success).toBe(false);
  });
  it('shows another parent by the given name only', () => {
    expect(givenName('王芳')).toBe('芳');
    expect(givenName('欧阳晓燕')).toBe('晓燕');
    expect(givenName('陈建华')).toBe('建华');
  });
});
