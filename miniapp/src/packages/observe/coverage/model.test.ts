import { describe, expect, it } from 'vitest';
import type { Coverage } from '@lianyan/shared';
import { byWhom, headline, observerLine, percent, scaleHint } from './model';

describe('听评课覆盖', () => {
  it('reads the coverage as a headline and per teacher', () => {
    const c = {
      teachers: [
        { id: 'a', name: '甲', subjects: [], count: 3, byKind: { school_leader: 2, group: 1 }, observers: [] },
        { id: 'b', name: '乙', subjects: [], count: 0, byKind: {}, observers: [] },
      ],
      notObserved: [{ id: 'b', name: '乙' }],
      rate: 0.5,
    } as unknown as Coverage;
    expect(headline(c)).toBe('已覆盖 1/2 位教师（50%）');
    expect(byWhom(c.teachers[0]!)).toBe('中心教研组 1 · 学校领导 2');
    expect(percent(0.667)).toBe('66.7%');
    expect(observerLine({ id: 'p', name: '王', position: '校长', count: 12, target: 30, onTrack: false })).toBe('12/30 节 · 落后');
    expect(scaleHint({ scaleId: 'default', scaleName: '课堂观察量表（通用）', count: 12, dimensions: [] })).toBe('课堂观察量表（通用） · 12 节');
  });
});
