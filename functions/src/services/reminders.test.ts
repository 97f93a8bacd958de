import { describe, expect, it } from 'vitest';
import type { Session } from '@lianyan/shared';
import { reminderMessage, reminderTime } from './reminders.ts';

describe('the reminder message', () => {
  const session = {
    id: 's 1',
    title: '家庭教育讲座：如何陪孩子度过青春期的关键三年',
    mode: 'offline',
    startAt: '2026-11-23T01:30:00Z',
    venue: { name: '明湖区实验小学 报告厅' },
  } as Session;

  it('fits WeChat’s limits: 20 characters a thing, the time in Shanghai', () => {
    const message = reminderMessage(session, 'o1', 't1');
    expect(message).toMatchObject({ touser: 'o1', templateId: 't1', page: 'packages/signin/session/index?id=s%201' });
    expect(message.data.thing1?.value).toBe('家庭教育讲座：如何陪孩子度过青春期的关…');
    expect([...(message.data.thing1?.value ?? '')]).toHaveLength(20);
    expect(message.data.time2?.value).toBe('2026年11月23日 09:30');
    expect(message.data.thing3?.value).toBe('明湖区实验小学 报告厅');
    expect(reminderTime('2026-12-31T16:05:00Z')).toBe('2027年01月01日 00:05');
  });

  it('tells online parents how to sign in', () => {
    expect(reminderMessage({ ...session, mode: 'online', venue: undefined }, 'o1', 't1').data).toMatchObject({ thing3: { value: '线上活动' } });
  });
});
