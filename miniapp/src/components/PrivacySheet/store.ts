// One question at a time: "may this privacy interface run?" A page's <PrivacySheet> shows it; the guard in
// platform/privacy waits for the answer. Pure (no Taro), unit-tested.

export interface PrivacyAsk {
  /** What the interface is for, in the person's words: 「签到时确认你在活动现场附近」. */
  purpose: string;
  /** What to do instead when they refuse: 「也可以输入签到码」. */
  wayOn: string;
}

type Listener = (ask: PrivacyAsk | null) => void;
const listeners = new Set<Listener>();
let current: { ask: PrivacyAsk; answer: (agreed: boolean) => void } | null = null;
let waiting: Array<{ ask: PrivacyAsk; answer: (agreed: boolean) => void }> = [];

function show() {
  if (!current) current = waiting.shift() ?? null;
  listeners.forEach((l) => l(current?.ask ?? null));
}

/** Whether a page shows a sheet now (else the guard asks with a plain modal). */
export const hasPrivacySheet = () => listeners.size > 0;

/** Asks through whichever sheet is shown; resolves true on agreement, false on refusal or when no sheet is mounted. */
export function askPrivacy(ask: PrivacyAsk): Promise<boolean> {
  if (listeners.size === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    waiting.push({ ask, answer: resolve });
    show();
  });
}

/** The sheet's answer to the question shown. */
export function answerPrivacy(agreed: boolean): void {
  const done = current;
  current = null;
  done?.answer(agreed);
  show();
}

export function onPrivacyAsk(listener: Listener): () => void {
  listeners.add(listener);
  listener(current?.ask ?? null);
  return () => {
    listeners.delete(listener);
    // The last sheet gone (its page closed): pending questions are refused rather than left hanging.
    if (listeners.size === 0) {
      const pending = [...(current ? [current] : []), ...waiting];
      current = null;
      waiting = [];
      pending.forEach((p) => p.answer(false));
    }
  };
}
