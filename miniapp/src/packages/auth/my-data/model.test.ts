import { describe, expect, it } from 'vitest';
import type { DeletionPreview } from '@lianyan/shared';
import { confirmed, daysLeft, deletionLine, retainedLines } from './model';

const preview = (pending?: DeletionPreview['pending']): DeletionPreview => ({
  ...(pending ? { pending } : {}),
  coolingOffDays: 15,
  confirmation: '注销',
  erased: ['姓名、手机号：删除'],
  kept: ['出勤记录（不含姓名）'],
  retainedEntries: [{ id: 'e1', kind: 'training', title: '信息技术培训', date: '2026-10-10' }],
  deletedEntries: 2,
  children: [],
});

describe('the 下载我的数据 / 注销账号 page model', () => {
  it('counts the days left, never below zero', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    expect(daysLeft('2026-12-17T00:00:00Z', now)).toBe(15);
    expect(daysLeft('2026-12-02T12:00:00Z', now)).toBe(1);
    expect(daysLeft('2026-11-30T00:00:00Z', now)).toBe(0);
  });

  it('accepts only 注销 as the confirmation', () => {
    expect(confirmed('注销')).toBe(true);
    expect(confirmed(' 注销 ')).toBe(true);
    expect(confirmed('确定')).toBe(false);
    expect(confirmed('')).toBe(false);
  });

  it('explains the cooling-off before and the date after the request', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    expect(deletionLine(preview(), now)).toEqual({ pending: false, text: expect.stringContaining('15 天冷静期') });
    const pending = deletionLine(preview({ requestedAt: '2026-12-01T00:00:00Z', dueAt: '2026-12-16T00:00:00Z' }), now);
    expect(pending.pending).toBe(true);
    expect(pending.text).toMatch(/还剩 14 天/);
    expect(pending.text).toMatch(/再次登录即自动撤销/);
  });

  it('lists the kept entries by date and title', () => {
    expect(retainedLines(preview())).toEqual(['2026-10-10 信息技术培训']);
  });
});
