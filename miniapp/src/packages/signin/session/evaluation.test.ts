import { describe, expect, it } from 'vitest';
import { averageLabel, checkEvaluation, commentLength } from './evaluation';

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
