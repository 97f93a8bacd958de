import { describe, expect, it } from 'vitest';
import { checkEvaluation, checkLog, evaluationLine, myPairLine, observationLine, pairPageUrl, sideLine } from './model';

const pair = {
  mentor: { id: 'u1', name: '王建华', schoolName: '实验小学' },
  mentee: { id: 'u2', name: '李雅婷' },
  subject: '数学',
  schoolYear: '2026-2027',
};

describe('pair page model', () => {
  it('names both sides, from either side', () => {
    expect(sideLine(pair, 'mentor')).toBe('师傅 王建华（实验小学）');
    expect(sideLine(pair, 'mentee')).toBe('徒弟 李雅婷');
    expect(myPairLine(pair, 'mentor')).toBe('带徒：李雅婷 · 数学');
    expect(myPairLine(pair, 'mentee')).toBe('拜师：王建华 · 数学');
    expect(pairPageUrl('a b')).toBe('/packages/archive/pair/index?id=a%20b');
  });

  it('says who watched whom, and the evaluation or its absence', () => {
    expect(observationLine({ sessionId: 's', title: '《观潮》听评课', kind: 'lesson_observation', startAt: '', date: '2026-10-01', teacherRole: 'mentee', observerRole: 'mentor' })).toBe('师傅听徒弟的课：《观潮》听评课（听评课）');
    expect(evaluationLine(pair)).toBe('2026–2027 学年尚未考核');
    expect(evaluationLine({ ...pair, evaluation: { rating: 'excellent', comment: '好', schoolYear: '2026-2027', by: 'a', byName: '张校长', at: '' } })).toBe('2026–2027 学年考核：优秀（张校长）');
  });

  it('checks a log before sending: kind, text, no future date', () => {
    const base = { date: '2026-10-01', kind: 'guidance' as const, text: ' 指导备课 ', uploadIds: [] };
    expect(checkLog(base, '2026-10-02')).toEqual({ ok: true, value: { ...base, text: '指导备课' } });
    expect(checkLog({ ...base, kind: '' }, '2026-10-02')).toEqual({ ok: false, error: '请选择记录类型' });
    expect(checkLog({ ...base, text: '  ' }, '2026-10-02')).toEqual({ ok: false, error: '请填写记录内容' });
    expect(checkLog(base, '2026-09-30')).toEqual({ ok: false, error: '日期不能晚于今天' });
  });

  it('checks an evaluation: a rating and a comment', () => {
    expect(checkEvaluation({ rating: '', comment: '好' })).toEqual({ ok: false, error: '请选择考核等级' });
    expect(checkEvaluation({ rating: 'pass', comment: '' })).toEqual({ ok: false, error: '请填写评价意见' });
    expect(checkEvaluation({ rating: 'pass', comment: '完成结对任务' })).toEqual({ ok: true, value: { rating: 'pass', comment: '完成结对任务' } });
  });
});
