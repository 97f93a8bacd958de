import { describe, expect, it } from 'vitest';
import { answerPrivacy, askPrivacy, onPrivacyAsk, type PrivacyAsk } from './store';

const ask = (n: number): PrivacyAsk => ({ purpose: `用途${n}`, wayOn: `办法${n}` });

describe('the privacy question store', () => {
  it('refuses at once when no sheet is mounted', async () => {
    expect(await askPrivacy(ask(0))).toBe(false);
  });

  it('shows one question at a time and answers each in turn', async () => {
    const shown: Array<string | null> = [];
    const off = onPrivacyAsk((a) => shown.push(a?.purpose ?? null));
    const first = askPrivacy(ask(1));
    const second = askPrivacy(ask(2));
    answerPrivacy(true);
    answerPrivacy(false);
    expect([await first, await second]).toEqual([true, false]);
    expect(shown).toEqual([null, '用途1', '用途1', '用途2', null]);
    off();
  });

  it('refuses pending questions when the last sheet unmounts', async () => {
    const off = onPrivacyAsk(() => undefined);
    const pending = askPrivacy(ask(3));
    off();
    expect(await pending).toBe(false);
  });
});
