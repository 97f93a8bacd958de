import { describe, expect, it } from 'vitest';
import type { MyReflection } from '@lianyan/shared';
import { counterLabel, reflectionStatusLine } from './model';

const settings = { sessionId: 's1', minLength: 800, deadline: '2026-11-30T10:00:00.000Z', prompt: '', excerpts: [], updatedBy: 'u-o', updatedAt: '2026-11-23T08:00:00.000Z' };
const reflection = {
  sessionId: 's1',
  userId: 'u1',
  name: '王芳',
  text: '收获',
  status: 'submitted' as const,
  late: false,
  version: 2,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-24T08:00:00.000Z',
};
const before = Date.parse('2026-11-25T00:00:00Z');
const after = Date.parse('2026-12-01T00:00:00Z');

describe('reflection page helpers', () => {
  it('says where the reflection stands and until when it may change', () => {
    const mine = (over: Partial<MyReflection>): MyReflection => ({ history: [], editable: true, ...over });
    expect(reflectionStatusLine(mine({}), before)).toBe('组织者还没有布置本次活动的心得');
    expect(reflectionStatusLine(mine({ settings }), before)).toBe('截止 11月30日 18:00');
    expect(reflectionStatusLine(mine({ settings }), after)).toBe('截止 11月30日 18:00（已过截止时间，提交将标记为逾期）');
    expect(reflectionStatusLine(mine({ settings, reflection: { ...reflection, status: 'draft', version: 0 } }), before)).toBe('草稿已保存 · 截止 11月30日 18:00');
    expect(reflectionStatusLine(mine({ settings, reflection }), before)).toBe('已提交第 2 版 · 截止 11月30日 18:00前可修改');
    expect(reflectionStatusLine(mine({ settings, reflection: { ...reflection, late: true }, editable: false }), after)).toBe('已提交（逾期提交） · 已截止，不能再修改');
  });

  it('counts like the server: white space does not count', () => {
    expect(counterLabel('同课 异构\n很好', 800)).toEqual({ label: '6 / 至少 800 字', short: true });
    expect(counterLabel('好', 0)).toEqual({ label: '1 字', short: false });
  });
});
