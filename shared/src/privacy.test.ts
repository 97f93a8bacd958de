import { describe, expect, it } from 'vitest';
import { ConsentRequest, LEGAL_VERSION, needsConsent, PRIVACY_POLICY, USER_AGREEMENT } from './index.ts';

describe('our texts and consent', () => {
  it('asks again when never agreed or agreed to an older version', () => {
    expect(needsConsent(null)).toBe(true);
    expect(needsConsent({})).toBe(true);
    expect(needsConsent({ consent: { version: '2020-01-01', agreedAt: '2020-01-01T00:00:00Z' } })).toBe(true);
    expect(needsConsent({ consent: { version: LEGAL_VERSION, agreedAt: '2026-12-01T00:00:00Z' } })).toBe(false);
  });

  it('versions both texts together and accepts a version shaped as a date only', () => {
    expect([PRIVACY_POLICY.version, USER_AGREEMENT.version]).toEqual([LEGAL_VERSION, LEGAL_VERSION]);
    expect(ConsentRequest.safeParse({ version: LEGAL_VERSION }).success).toBe(true);
    expect(ConsentRequest.safeParse({ version: 'latest' }).success).toBe(false);
  });

});
