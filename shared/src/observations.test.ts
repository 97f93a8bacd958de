import { describe, expect, it } from 'vitest';
import { CreateScaleRequest, DEFAULT_SCALE, coverageRate, dimensionAverages, scoreProblems, scoreSummary } from './observations.ts';

describe('observation scales', () => {
  it('ships a default scale of five dimensions whose weights add up to 100', () => {
    expect(DEFAULT_SCALE.dimensions.map((d) => d.name)).toEqual(['教学目标', '教学过程', '学生参与', '教学效果', '教师素养']);
    expect(DEFAULT_SCALE.dimensions.reduce((s, d) => s + d.weight, 0)).toBe(100);
    expect(DEFAULT_SCALE.dimensions[1]?.items.map((i) => i.id)).toEqual(['2.1', '2.2', '2.3']);
  });

  it('refuses weights that do not add up to 100 and a range upside down', () => {
    const base = { name: '量表', dimensions: [{ name: '目标', weight: 100, items: [{ label: '明确' }] }], scoreRange: { min: 1, max: 5 } };
    expect(CreateScaleRequest.safeParse(base).success).toBe(true);
    expect(CreateScaleRequest.safeParse({ ...base, dimensions: [{ ...base.dimensions[0], weight: 90 }] }).error?.issues[0]?.message).toBe('各维度权重之和应为 100');
    expect(CreateScaleRequest.safeParse({ ...base, scoreRange: { min: 5, max: 5 } }).error?.issues[0]?.message).toBe('最高分应大于最低分');
  });

  it('checks every item once within the range, and sums the weighted total', () => {
    const all = DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((i) => ({ item: i.id, score: 5 })));
    expect(scoreProblems(DEFAULT_SCALE, all)).toEqual([]);
    expect(scoreSummary(DEFAULT_SCALE, all).total).toBe(100);
    expect(scoreProblems(DEFAULT_SCALE, [{ item: '9.9', score: 3 }, ...all.slice(1)])).toEqual(['量表中没有观察项 9.9', '请为教学目标·目标明确、符合课标与学情评分']);
    expect(scoreProblems(DEFAULT_SCALE, [{ item: '1.1', score: 0 }, ...all.slice(1)])[0]).toBe('教学目标·目标明确、符合课标与学情的评分应在 1 到 5 分之间');
    const lows = all.map((s) => ({ ...s, score: 1 }));
    expect(scoreSummary(DEFAULT_SCALE, lows)).toMatchObject({ total: 0, dimensions: expect.arrayContaining([{ name: '教学过程', average: 1, score: 0 }]) });
    // A dimension's score is its mean as a share of the range: 4 of 1–5 is 75.
    const mixed = all.map((s) => ({ ...s, score: s.item.startsWith('2.') ? 4 : 5 }));
    expect(scoreSummary(DEFAULT_SCALE, mixed).dimensions.map((d) => d.score)).toEqual([100, 75, 100, 100, 100]);
  });

  it('rates coverage to three decimals, 0 without teachers', () => {
    expect(coverageRate(2, 3)).toBe(0.667);
    expect(coverageRate(0, 0)).toBe(0);
  });
});

describe('dimension averages', () => {
  it('means each dimension per scale, skipping observations recorded without scores', () => {
    const obs = (scaleId: string, scores: number[]) => ({ scaleId, scaleName: `量表${scaleId}`, dimensions: scores.map((score, i) => ({ name: `维度${i + 1}`, score })) });
    const groups = dimensionAverages([obs('a', [80, 60]), obs('b', [50]), obs('a', [100, 65]), { scaleId: 'a', scaleName: '量表a', dimensions: [{ name: '维度1' }] }]);
    expect(groups).toEqual([
      { scaleId: 'a', scaleName: '量表a', count: 2, dimensions: [{ name: '维度1', score: 90 }, { name: '维度2', score: 62.5 }] },
      { scaleId: 'b', scaleName: '量表b', count: 1, dimensions: [{ name: '维度1', score: 50 }] },
    ]);
  });
});
