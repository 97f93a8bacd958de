import { describe, expect, it } from 'vitest';
import { LEGAL_VERSION } from '@lianyan/shared';
import { consentLine, docOf } from './model';

describe('the 隐私与协议 page model', () => {
  it('picks the document from the address, 隐私政策 by default', () => {
    expect(docOf('terms').title).toBe('联研用户协议');
    expect(docOf(undefined).title).toBe('联研隐私政策');
    expect(docOf('other').key).toBe('privacy');
  });

  it('says whether the person agreed to the version in force', () => {
    expect(consentLine(null).current).toBe(false);
    expect(consentLine({}).text).toContain(`还没有同意当前版本（${LEGAL_VERSION}）`);
    expect(consentLine({ consent: { version: '2020-01-01', agreedAt: '2020-01-02T00:00:00.000Z' } })).toEqual({
      text: `你同意过 2020-01-01 版，隐私政策已更新到 ${LEGAL_VERSION}，请阅读后重新同意。`,
      current: false,
    });
    const agreed = consentLine({ consent: { version: LEGAL_VERSION, agreedAt: '2026-12-02T02:30:00.000Z' } });
    expect(agreed.current).toBe(true);
    expect(agreed.text).toContain('同意当前版本');
  });
});
