import { describe, expect, it } from 'vitest';
import type { Session } from '@lianyan/shared';
import { defaultForm, formFromSession, validateForm } from './form';

const now = new Date('2026-11-23T01:10:00.000Z');
const filled = () => ({ ...defaultForm(now, 'sch-core'), title: '联合教研：课堂提问', venueName: '实验小学 报告厅' });

describe('session form', () => {
  it('starts at the next half hour in Shanghai, 90 minutes long', () => {
    const form = defaultForm(now, 'sch-core');

    expect([form.startDate, form.startTime, form.endDate, form.endTime]).toEqual(['2026-11-23', '09:30', '2026-11-23', '11:00']);
  });

  it('turns a filled form into a valid SessionInput with UTC times and defaults', () => {
    const result = validateForm(filled());

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({
      startAt: '2026-11-23T01:30:00.000Z',
      endAt: '2026-11-23T03:00:00.000Z',
      venue: { name: '实验小学 报告厅', radiusM: 300 },
      audience: { type: 'federation' },
      rotateSeconds: 10,
      geofence: 'off',
    });
    expect(result.input).not.toHaveProperty('lesson');
  });

  it('reports schema errors by field, with the shared messages', () => {
    const result = validateForm({ ...filled(), title: '课', creditHours: '30', rotateSeconds: '2', capacity: 'abc' });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toBe('标题至少 2 个字');
    expect(result.errors.creditHours).toBe('学时最多 24');
    expect(result.errors.rotateSeconds).toBe('二维码至少 5 秒刷新一次');
    expect(result.errors.capacity).toBeTruthy();
  });

  it('requires an end after the start and a venue for an offline session', () => {
    const result = validateForm({ ...filled(), endTime: '09:00', venueName: '' });

    expect(result).toEqual({ ok: false, errors: expect.objectContaining({ endAt: '结束时间必须晚于开始时间', venue: '请填写活动地点' }) });
  });

  it('asks for the lesson of a lesson observation and the schools of a school audience', () => {
    const result = validateForm({ ...filled(), kind: 'lesson_observation', audienceType: 'schools' });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.lesson).toBeTruthy();
    expect(result.errors.audience).toBe('请至少选择一所学校');
  });

  it('asks for the subject and grade of a teaching group', () => {
    const result = validateForm({ ...filled(), audienceType: 'group', groupSubject: '语文' });

    expect(result).toEqual({ ok: false, errors: { audience: '请填写教研组的学科和年级' } });
  });

  it('round-trips a saved session', () => {
    const first = validateForm({ ...filled(), audienceType: 'group', groupSubject: '语文', groupGrade: '初一', signOutRequired: true });
    if (!first.ok) throw new Error('invalid');
    const session: Session = {
      ...first.input,
      id: 'ses-1',
      federationId: 'fed-1',
      organizerId: 'u-1',
      status: 'draft',
      createdAt: now.toISOString(),
    };

    const again = validateForm(formFromSession(session));

    expect(again).toEqual({ ok: true, input: first.input });
  });
});
