import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '@lianyan/shared';
import { averageLabel, checkEvaluation, checkScaleEvaluation, commentLength, dimensionsLine, scaleEditable } from './evaluation';

describe('checkEvaluation', () => {
  it('accepts 1–5 stars with a comment of at least 10 characters, trimmed', () => {
    expect(checkEvaluation(4, '  课堂节奏清晰，提问有层次。 ')).toEqual({ ok: true, value: { rating: 4, comment: '课堂节奏清晰，提问有层次。' } });
  });

  it('asks for stars and a longer comment', () => {
    const result = checkEvaluation(0, '很好');
    expect(result).toEqual({ ok: false, errors: { rating: '请先点选星级', comment: '评课意见至少 10 个字' } });
  });

  it('counts the comment as the schema does', () => {
    expect(commentLength('  一二三  ')).toBe(3);
  });
});

describe('averageLabel', () => {
  it('rounds to one decimal', () => {
    expect(averageLabel(4)).toBe('4');
    expect(averageLabel(13 / 3)).toBe('4.3');
  });
});

describe('checkScaleEvaluation', () => {
  const all = (score: number) => DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((i) => ({ item: i.id, score })));

  it('names the first unscored item as the API does, then sends the scale version with the scores', () => {
    expect(checkScaleEvaluation(DEFAULT_SCALE, all(4).slice(1), '', '')).toEqual({ ok: false, message: '请为教学目标·目标明确、符合课标与学情评分' });
    expect(checkScaleEvaluation(DEFAULT_SCALE, all(6), '', '')).toMatchObject({ ok: false, message: expect.stringContaining('的评分应在 1 到 5 分之间') });
    const ok = checkScaleEvaluation(DEFAULT_SCALE, all(4), ' 导入自然 ', '');
    expect(ok).toEqual({ ok: true, value: { scaleVersion: 1, scores: all(4), strengths: '导入自然', suggestions: '' } });
  });

  it('edits a submitted 评课 only with the version it was given with', () => {
    expect(scaleEditable(undefined, DEFAULT_SCALE)).toBe(true);
    expect(scaleEditable({ scaleId: 'default', scaleVersion: 1 }, DEFAULT_SCALE)).toBe(true);
    expect(scaleEditable({ scaleId: 'default', scaleVersion: 1 }, { id: 'default', version: 2 })).toBe(false);
    expect(dimensionsLine([{ name: '教学目标', score: 100 }, { name: '学生参与', score: 62.5 }])).toBe('教学目标 100 · 学生参与 62.5');
  });
});
