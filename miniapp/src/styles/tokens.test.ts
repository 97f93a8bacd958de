import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THEME_PRIMARY } from './theme';

// The design tokens are the only place a colour is written: every stylesheet names a token, and the few files that
// cannot read SCSS (the HTML shells, app.config.ts, the QR image, the platforms' colour props) use a token's value.

const SRC = join(import.meta.dirname, '..');
const TOKENS = join(SRC, 'styles/_variables.scss');
const COLOUR = /#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|hsla?\([^)]*\)/gi;

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, ext);
    return ext.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `#fff` and `#FFFFFF` are the same colour; `rgba(0,0,0,.5)` and `rgba(0, 0, 0, 0.5)` too. */
function normalise(colour: string): string {
  const c = colour.toLowerCase().replace(/\s+/g, '').replace(/([(,])\./g, '$10.');
  return /^#[0-9a-f]{3}$/.test(c) ? `#${[...c.slice(1)].map((d) => d + d).join('')}` : c;
}

/** Colour literals of a file, with their line numbers; comments left out. */
function coloursIn(path: string): Array<{ line: number; colour: string }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const code = text.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '');
      return [...code.matchAll(COLOUR)].map((m) => ({ line: i + 1, colour: m[0] }));
    });
}

const tokenText = readFileSync(TOKENS, 'utf8');
const tokenColours = new Set(coloursIn(TOKENS).map((c) => normalise(c.colour)));

describe('design tokens', () => {
  it('finds the colour tokens it checks against', () => {
    expect(tokenColours.has('#1f7a8c')).toBe(true);
    expect(tokenColours.size).toBeGreaterThan(20);
  });

  it('leaves no colour literal in a stylesheet outside _variables.scss', () => {
    const found = filesUnder(SRC, /\.scss$/)
      .filter((path) => path !== TOKENS)
      .flatMap((path) => coloursIn(path).map((c) => `${relative(SRC, path)}:${c.line} ${c.colour}`));
    expect(found).toEqual([]);
  });

  it('uses only token values where a file cannot read the tokens (scripts, HTML shells)', () => {
    const found = filesUnder(SRC, /\.(ts|tsx|html)$/).flatMap((path) =>
      coloursIn(path)
        .filter((c) => !tokenColours.has(normalise(c.colour)))
        .map((c) => `${relative(SRC, path)}:${c.line} ${c.colour}`),
    );
    expect(found).toEqual([]);
  });

  it('gives the platforms\' colour props (switches, 确定) the theme colour of the tokens', () => {
    expect(tokenText).toMatch(new RegExp(`\\$color-primary: ${THEME_PRIMARY};`));
  });
});
