import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '@lianyan/shared';
import { draftOf, requestOf, scaleSummary, weightSum } from './model';

describe('课堂观察量表 editor', () => {
  it('round-trips a scale through the form', () => {
    const draft = draftOf(DEFAULT_SCALE);
    expect(weightSum(draft)).toBe(100);
    const out = requestOf(draft);
    expect(out).toMatchObject({ ok: true, body: { name: DEFAULT_SCALE.name, scoreRange: { min: 1, max: 5 } } });
    if (out.ok) expect(out.body.dimensions.map((d) => d.items.length)).toEqual(DEFAULT_SCALE.dimensions.map((d) => d.items.length));
    expect(scaleSummary(DEFAULT_SCALE)).toBe('5 个维度 · 11 项 · 1–5 分 · 第 1 版');
  });

  it('says in Chinese what is wrong: weights, range, items; blank lines are dropped', () => {
    const draft = { name: '数学课堂观察', min: '0', max: '10', dimensions: [{ name: '目标', weight: '40', items: '目标清晰\n\n  ' }, { name: '参与', weight: '50', items: '人人动手' }], textFields: '\n课堂片段\n' };
    expect(weightSum(draft)).toBe(90);
    expect(requestOf(draft)).toEqual({ ok: false, message: '各维度权重之和应为 100' });
    const fixed = { ...draft, dimensions: [draft.dimensions[0]!, { ...draft.dimensions[1]!, weight: '60' }] };
    expect(requestOf(fixed)).toMatchObject({ ok: true, body: { textFields: ['课堂片段'], dimensions: [{ items: [{ label: '目标清晰' }] }, { weight: 60 }] } });
    expect(requestOf({ ...fixed, min: '5', max: '5' })).toEqual({ ok: false, message: '最高分应大于最低分' });
    const noItems = requestOf({ ...fixed, dimensions: [{ ...fixed.dimensions[0]!, items: ' ' }, fixed.dimensions[1]!] });
    expect(noItems).toEqual({ ok: false, message: '每个维度至少 1 个观察项' });
  });
});
