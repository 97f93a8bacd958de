import { describe, expect, it } from 'vitest';
import { rangeError, scopeText, trailRow } from './model';

describe('the 访问记录 page model', () => {
  it('names the scope kind', () => {
    expect(scopeText('school:sch-core')).toBe('学校 sch-core');
    expect(scopeText('user:u-1')).toBe('教师 u-1');
    expect(scopeText('district')).toBe('全区');
  });

  it('makes a row with the kind and the file type of an export', () => {
    const row = trailRow({ id: '1', at: '2026-12-02T02:00:00.000Z', actorId: 'u-a', actorName: '王主任', kind: 'attendance_export', scope: 'session:s1', format: 'xlsx' });
    expect(row).toMatchObject({ who: '王主任', what: '导出签到表（XLSX）', scope: '活动 s1' });
  });

  it('checks the range', () => {
    expect(rangeError('2026-12-01', '2026-12-02')).toBe('');
    expect(rangeError('2026-12-03', '2026-12-02')).toBe('开始日期不能晚于结束日期');
    expect(rangeError('', '2026-12-02')).toBe('请选择开始和结束日期');
  });
});
