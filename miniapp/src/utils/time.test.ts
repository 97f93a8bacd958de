import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatRange, fromDateTimeInputs, toDateInput, toTimeInput } from './time';

describe('Shanghai time formatting', () => {
  it('formats a session on one day with weekday and both clocks', () => {
    expect(formatRange('2026-11-23T01:30:00.000Z', '2026-11-23T03:00:00.000Z')).toBe('11月23日 周一 09:30–11:00');
  });

  it('names both days when a session crosses midnight in Shanghai', () => {
    expect(formatRange('2026-11-23T15:00:00.000Z', '2026-11-23T17:00:00.000Z')).toBe('11月23日 周一 23:00 – 11月24日 周二 01:00');
  });

  it('reads offsets other than UTC', () => {
    expect(formatClock('2026-11-23T09:05:00+08:00')).toBe('09:05');
    expect(formatDateTime('2026-01-01T00:00:00+08:00')).toBe('1月1日 00:00');
  });

  it('returns empty text for an unreadable time', () => {
    expect(formatRange('nope', 'nope')).toBe('');
    expect(formatClock('nope')).toBe('');
  });

  it('round-trips picker values through UTC ISO', () => {
    const iso = fromDateTimeInputs('2026-11-23', '09:30');

    expect(iso).toBe('2026-11-23T01:30:00.000Z');
    expect(toDateInput(iso)).toBe('2026-11-23');
    expect(toTimeInput(iso)).toBe('09:30');
  });

  it('rejects incomplete picker values', () => {
    expect(fromDateTimeInputs('2026-11-23', '')).toBe('');
    expect(fromDateTimeInputs('', '09:30')).toBe('');
  });
});
