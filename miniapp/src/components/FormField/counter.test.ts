import { describe, expect, it } from 'vitest';
import { charCount } from './counter';

describe('charCount', () => {
  it('shows how much of the maximum is written', () => {
    expect(charCount('', 60)).toEqual({ label: '0/60', full: false });
    expect(charCount('课堂提问', 60)).toEqual({ label: '4/60', full: false });
    expect(charCount('a'.repeat(59), 60)).toEqual({ label: '59/60', full: false });
  });

  it('says so once the field is full, as a paste cut at the maximum leaves it', () => {
    const shown = charCount('字'.repeat(2000), 2000);
    expect(shown.full).toBe(true);
    expect(shown.label).toBe('2000/2000，已到上限 2000 字，超出的部分没有填入');
  });

  it('counts as maxlength and the API do: an emoji is two', () => {
    expect(charCount('😀', 10).label).toBe('2/10');
    expect(charCount('😀😀', 4).full).toBe(true);
  });
});
