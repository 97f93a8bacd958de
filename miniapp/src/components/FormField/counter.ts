// The counter under a text field that is cut at a maximum: how much is written, and — once the field is full — that
// the rest of a paste did not go in (the platforms' `maxlength` cuts without a word).

export interface CharCount {
  label: string;
  /** The field holds its maximum: what was typed or pasted beyond it is gone. */
  full: boolean;
}

/** Counted as the platforms' `maxlength` and the API's length checks count: UTF-16 code units. */
export function charCount(value: string, max: number): CharCount {
  const length = value.length;
  if (length >= max) return { label: `${max}/${max}，已到上限 ${max} 字，超出的部分没有填入`, full: true };
  return { label: `${length}/${max}`, full: false };
}
