import { describe, expect, it } from 'vitest';
import type { Campaign } from '@lianyan/shared';
import type { CheckInMark } from '#repositories/campaigns';
import { figuresOf, firstReminderDue, nextReminderDue, progressOf, reminderDueOf, targetPeriod } from './campaigns-progress.ts';

const makeCampaign = (overrides: Partial<Campaign> = {}): Campaign => ({
  id: 'cmp-1',
  federationId: 'fed-1',
  title: '每周读书打卡',
  description: '',
  audience: { type: 'schools', schoolIds: ['s1'] },
  audienceSchoolIds: ['s1'],
  period: 'weekly',
  requiredCount: 4,
  startDate: '2026-11-02',
  endDate: '2026-12-27',
  minTextLength: 0,
  minPhotos: 0,
  makeupAllowance: 2,
  createdBy: 'u-org',
  createdAt: '2026-11-01T00:00:00Z',
  ...overrides,
});
const mark = (period: string, makeup = false): CheckInMark => ({ campaignId: 'cmp-1', userId: 'u-1', period, makeup, createdAt: '2026-11-20T02:00:00Z', date: '2026-11-20' });
// Wednesday 2026-11-25, 10:00 in Shanghai: week 48 is open.
const now = new Date('2026-11-25T02:00:00Z');

describe('which period a check-in is for', () => {
  const campaign = makeCampaign();
  it('takes the current period, or a past one of the campaign as a make-up', () => {
    expect(targetPeriod(campaign, '2026-11-25', undefined)).toEqual({ period: '2026-W48', makeup: false });
    expect(targetPeriod(campaign, '2026-11-25', '2026-W48')).toEqual({ period: '2026-W48', makeup: false });
    expect(targetPeriod(campaign, '2026-11-25', '2026-W46')).toEqual({ period: '2026-W46', makeup: true });
  });
  it('refuses future periods, periods outside the campaign and any check-in before the start or after the end', () => {
    expect(targetPeriod(campaign, '2026-11-25', '2026-W49')).toEqual({ closed: 'future' });
    expect(targetPeriod(campaign, '2026-11-25', '2026-W44')).toEqual({ closed: 'outside' });
    expect(targetPeriod(campaign, '2026-11-01', undefined)).toEqual({ closed: 'not_started' });
    expect(targetPeriod(campaign, '2026-12-28', '2026-W52')).toEqual({ closed: 'ended' });
  });
});

describe('progress', () => {
  it('shows the calendar, the streak, the make-ups left and which missed periods can be made up', () => {
    const p = progressOf(makeCampaign(), [mark('2026-W45'), mark('2026-W47'), mark('2026-W46', true)], now);
    expect(p.calendar.map((c) => c.state)).toEqual(['done', 'makeup', 'done', 'open', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(p).toMatchObject({ status: 'running', count: 3, required: 4, completed: false, streak: 3, makeupsUsed: 1, makeupsLeft: 1, checkedInThisPeriod: false, canMakeUp: [] });
    expect(p.current).toEqual({ period: '2026-W48', label: '11月23日–11月29日', from: '2026-11-23', to: '2026-11-29' });
  });

  it('offers missed periods for make-up only while make-ups are left', () => {
    expect(progressOf(makeCampaign(), [mark('2026-W47')], now).canMakeUp).toEqual(['2026-W45', '2026-W46']);
    expect(progressOf(makeCampaign({ makeupAllowance: 1 }), [mark('2026-W45', true)], now).canMakeUp).toEqual([]);
  });

  it('counts one check-in per period and completes at the required count', () => {
    const f = figuresOf(makeCampaign({ requiredCount: 2 }), [mark('2026-W45'), mark('2026-W45'), mark('2026-W48')], '2026-11-25');
    expect(f).toMatchObject({ count: 2, completed: true, checkedInThisPeriod: true, streak: 1, longestStreak: 1 });
  });
});

describe('reminder times', () => {
  it('reminds daily campaigns on the day and weekly ones on Saturday, at the reminder time in Shanghai', () => {
    expect(reminderDueOf(makeCampaign({ period: 'daily', reminderTime: '20:00' }), '2026-11-25')).toBe('2026-11-25T12:00:00.000Z');
    expect(reminderDueOf(makeCampaign({ reminderTime: '20:00' }), '2026-W48')).toBe('2026-11-28T12:00:00.000Z');
    expect(reminderDueOf(makeCampaign({ period: 'monthly', startDate: '2026-09-01', reminderTime: '09:30' }), '2026-11')).toBe('2026-11-27T01:30:00.000Z');
    expect(reminderDueOf(makeCampaign(), '2026-W48')).toBeUndefined();
  });
  it('starts with the period open now and stops after the last period', () => {
    const campaign = makeCampaign({ period: 'daily', reminderTime: '08:00', endDate: '2026-11-26' });
    expect(firstReminderDue(campaign, now)).toBe('2026-11-25T00:00:00.000Z');
    expect(nextReminderDue(campaign, '2026-11-25')).toBe('2026-11-26T00:00:00.000Z');
    expect(nextReminderDue(campaign, '2026-11-26')).toBeUndefined();
  });
});
