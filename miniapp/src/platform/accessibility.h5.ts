// In the browser Taro's components are custom elements a keyboard or a screen reader cannot use: a button is not
// focusable, a tappable View has no role, an input has no label. One observer gives every page what it lacks.

const BUTTON = 'taro-button-core';
const FIELD = 'taro-input-core input, taro-textarea-core textarea, taro-switch-core input, taro-checkbox-core input, taro-radio-core input';
const NATIVE = 'a, button, input, textarea, select, label';
const MARK = 'data-tap';

type Host = Record<string, unknown> & { __events?: Record<string, unknown> };

/**
 * Whether a tap does something: a click listener Taro's component wrapper attached (`__events`), or an `onClick`
 * React rendered the element with (`__reactProps$…`, on every host element react-dom creates).
 */
function clickable(el: Element): boolean {
  const host = el as unknown as Host;
  if (host.__events?.click || host.__events?.tap) return true;
  const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
  return !!key && typeof (host[key] as { onClick?: unknown } | undefined)?.onClick === 'function';
}

const isDisabled = (el: Element) => {
  const value = el.getAttribute('disabled');
  return value !== null && value !== 'false';
};

function makeTappable(el: Element): void {
  const off = isDisabled(el);
  const ours = el.getAttribute(MARK) === 'role' || !el.hasAttribute('role');
  el.setAttribute('tabindex', off ? '-1' : '0');
  // A tappable card holding buttons stays focusable without a role: a button inside a button reads as neither.
  const holdsControls = !el.matches(BUTTON) && !!el.querySelector(`${BUTTON}, [${MARK}]`);
  if (ours && !holdsControls) el.setAttribute('role', 'button');
  else if (ours) el.removeAttribute('role');
  el.setAttribute(MARK, ours ? 'role' : '');
  if (off) el.setAttribute('aria-disabled', 'true');
  else el.removeAttribute('aria-disabled');
}

/** The field's label: its form field's label, else the text beside it, else its placeholder. */
function labelOf(input: Element): string {
  const field = input.closest('.form-field')?.querySelector('.form-field__label')?.textContent;
  if (field?.trim()) return field.trim();
  const host = input.parentElement;
  const beside = host?.parentElement?.textContent?.replace(host.textContent ?? '', '').trim();
  if (beside) return beside.slice(0, 30);
  return input.getAttribute('placeholder') ?? '';
}

function enhance(root: Element): void {
  const all = [root, ...root.querySelectorAll('*')];
  for (const el of all) {
    if (el.matches(BUTTON) || (clickable(el) && !el.matches(NATIVE) && !el.closest(BUTTON))) makeTappable(el);
  }
  for (const input of [...(root.matches(FIELD) ? [root] : []), ...root.querySelectorAll(FIELD)]) {
    if (!input.hasAttribute('aria-label') && !input.hasAttribute('aria-labelledby')) {
      const label = labelOf(input);
      if (label) input.setAttribute('aria-label', label);
    }
  }
}

/** Enter or Space on a tappable element taps it, as on a native button. */
function onKey(event: KeyboardEvent): void {
  const target = event.target as Element | null;
  if ((event.key !== 'Enter' && event.key !== ' ') || !target?.hasAttribute(MARK) || isDisabled(target)) return;
  event.preventDefault();
  (target as HTMLElement).click();
}

/** The H5 title bar's back and home icons, named and reachable like any button. */
function labelTitleBar(): void {
  for (const [selector, label] of [['.taro-navigation-bar-back', '返回'], ['.taro-navigation-bar-home', '回到首页']] as const) {
    const el = document.querySelector(selector);
    if (!el) continue;
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', label);
    el.setAttribute('tabindex', '0');
    el.setAttribute(MARK, '');
  }
}

export function installAccessibility(): void {
  if (typeof document === 'undefined' || !document.body) return;
  labelTitleBar();
  enhance(document.body);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof Element && record.target.hasAttribute(MARK)) makeTappable(record.target);
        continue;
      }
      for (const node of record.addedNodes) if (node instanceof Element) enhance(node);
      // A card that gains a button inside it loses its role.
      if (record.target instanceof Element) {
        const card = record.target.closest(`[${MARK}]`);
        if (card) makeTappable(card);
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  document.addEventListener('keydown', onKey);
}
