import { describe, expect, it } from 'vitest';
import { makeLogger, redact } from './logger.ts';

describe('redact', () => {
  it('masks phone numbers, tokens and WeChat identities at any depth', () => {
    expect(
      redact({ phone: '13812345678', nested: { authorization: 'Bearer abc', openid: 'o123', list: ['call 15900001111'] }, refreshToken: 'r' }),
    ).toEqual({ phone: '138****5678', nested: { authorization: '[redacted]', openid: '[redacted]', list: ['call 159****1111'] }, refreshToken: '[redacted]' });
  });
});

describe('makeLogger', () => {
  it('writes one JSON line per entry above the level, with base fields', () => {
    const lines: string[] = [];
    const log = makeLogger('info', { stage: 'test' }, (l) => lines.push(l)).child({ requestId: 'r1' });
    log.debug('hidden');
    log.info('shown', { user: 'u1', token: 'secret' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', message: 'shown', stage: 'test', requestId: 'r1', user: 'u1', token: '[redacted]' });
  });
});
