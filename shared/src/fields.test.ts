import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CampaignInput, CreateSessionRequest, IsoDateTime, LocalDate, PersonName, UpdateMeRequest, decimal, integer, line, prose } from './index.ts';

const messages = (schema: z.ZodMiniType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('text', () => {
  it('normalises to NFC and trims', () => {
    expect(PersonName.parse(' Jose\u0301 ')).toBe('José');
  });

  it('refuses controls, bidi overrides and isolates, and lone surrogates in a line, with one clear message', () => {
    for (const spoof of ['王\u202e芳', '王\u2066芳', '王\u0000芳', '王\u0085芳', '王\ud800芳', '王\udfff', '王\n芳', '王\t芳']) {
      expect(messages(PersonName, spoof)).toEqual(['姓名含有控制字符或不可见的方向符号，请删除后重新输入']);
    }
    expect(UpdateMeRequest.safeParse({ name: 'admin\u202enimda' }).success).toBe(false);
  });

  it('keeps emoji, CJK extension characters and combining marks', () => {
    expect(line('标题', 20).parse('👨‍👩‍👧‍👦 𠜎𠜱 e\u0301')).toBe('👨‍👩‍👧‍👦 𠜎𠜱 é');
  });

  it('takes hidden characters out of multi-line text, keeping line breaks and tabs', () => {
    expect(prose('心得', 100).parse(' 第一段\r\n第二\u0000段\u202e\t完\ud800 ')).toBe('第一段\n第二段\t完');
  });

  it('refuses a megabyte before looking at it', () => {
    expect(messages(line('标题', 60), 'x'.repeat(1_000_000))).toEqual(['标题最多 60 个字']);
    expect(messages(prose('心得', 10_000), '字'.repeat(1_000_000))).toEqual(['心得最多 10000 个字']);
  });
});

describe('numbers', () => {
  const hours = decimal('学时', 0, 24, { places: 1 });

  it('refuses denormal, huge and too precise numbers with one Chinese message', () => {
    for (const n of [1e-200, 5e-324, 1e-7, 1e308, 2 ** 53 + 1, -1, 1.25]) expect(messages(hours, n)).toEqual(['学时应在 0 到 24 之间，最多保留一位小数']);
    expect(hours.parse(1.5)).toBe(1.5);
    expect(Object.is(hours.parse(-0), 0)).toBe(true);
    expect(hours.parse(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(integer('次数', -5, 5).parse(-0), 0)).toBe(true);
  });

  it('keeps coordinates precise but above DynamoDB underflow', () => {
    const lat = decimal('纬度', -90, 90);
    expect(lat.parse(31.230416123456)).toBe(31.230416123456);
    expect(messages(lat, 1e-200)).toEqual(['纬度应在 -90 到 90 之间']);
  });

  it('wants whole numbers where counts are asked, coerced from query strings when asked to', () => {
    expect(messages(integer('次数', 1, 400), 1.5)).toEqual(['次数应为 1 到 400 之间的整数']);
    expect(integer('条数', 1, 1000, { coerce: true }).parse('20')).toBe(20);
    expect(messages(integer('条数', 1, 1000, { coerce: true }), '1e400')).toEqual(['条数应为 1 到 1000 之间的整数']);
  });

  it('bounds a campaign hour and a session capacity (1e-200 used to reach DynamoDB)', () => {
    const campaign = { federationId: 'f', title: '读书打卡', audience: { type: 'federation' }, period: 'daily', requiredCount: 10, startDate: '2026-09-01', endDate: '2026-09-30' };
    expect(CampaignInput.safeParse({ ...campaign, hoursPerCheckIn: 1e-200 }).success).toBe(false);
    expect(CampaignInput.safeParse({ ...campaign, hoursPerCheckIn: 0.5 }).success).toBe(true);
    const session = CreateSessionRequest.safeParse({ kind: 'training', mode: 'online', title: '培训', hostSchoolId: 's', startAt: '2026-09-01T09:00:00+08:00', endAt: '2026-09-01T10:00:00+08:00', creditHours: 1, audience: { type: 'federation' }, capacity: 1e9 });
    expect(session.success).toBe(false);
  });
});

describe('dates', () => {
  it('accepts only days that exist, 29 February in leap years only', () => {
    for (const day of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31']) expect(LocalDate.safeParse(day).success, day).toBe(true);
    for (const day of ['2026-02-30', '2026-04-31', '2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '1900-01-01', '2026-02-28T00:00:00Z']) {
      expect(LocalDate.safeParse(day).success, day).toBe(false);
    }
  });

  it('takes instants on real days and times, with an offset', () => {
    expect(IsoDateTime.safeParse('2026-02-28T23:59:59.999+08:00').success).toBe(true);
    for (const t of ['2026-02-30T10:00:00Z', '2026-04-30T24:00:00Z', '2026-04-30T10:60:00Z', '2026-04-30T10:00:00', '0001-01-01T00:00:00Z', '2026-04-30T10:00:00+25:00']) {
      expect(IsoDateTime.safeParse(t).success, t).toBe(false);
    }
  });

  it('refuses a campaign starting on a day that does not exist (it answered 500)', () => {
    const campaign = { federationId: 'f', title: '读书打卡', audience: { type: 'federation' }, period: 'daily', requiredCount: 10, endDate: '2026-09-30' };
    expect(z.flattenError(CampaignInput.safeParse({ ...campaign, startDate: '2026-02-30' }).error!).fieldErrors).toEqual({ startDate: ['日期应为真实存在的日期，格式 YYYY-MM-DD'] });
  });
});
