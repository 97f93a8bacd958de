import { describe, expect, it } from 'vitest';
import { pageForWebPath, parseSignInLink, queryParam, safeReturnPath } from './links';

describe('sign-in links', () => {
  it('reads a sign-in code from the whole URL', () => {
    expect(parseSignInLink('https://lianyan.example.cn/s/ses-1/AbCdEfGhIjKlMnOpQrSt_-')).toEqual({
      sessionId: 'ses-1',
      token: 'AbCdEfGhIjKlMnOpQrSt_-',
      purpose: 'in',
    });
  });

  it('reads a sign-out code from a path with ?p=out', () => {
    expect(parseSignInLink('/s/01HX/AbCdEfGhIjKl?p=out')).toMatchObject({ sessionId: '01HX', purpose: 'out' });
  });

  it('rejects other addresses and malformed tokens', () => {
    expect(parseSignInLink('https://example.com/x/ses-1/AbCdEfGhIjKl')).toBeNull();
    expect(parseSignInLink('https://example.com/s/ses-1/short')).toBeNull();
    expect(parseSignInLink('https://example.com/s/ses-1/AbCd<script>Kl')).toBeNull();
  });

  it('maps web paths to app pages', () => {
    expect(pageForWebPath('/s/ses-1/AbCdEfGhIjKl', '?p=out')).toBe('/packages/signin/scan/index?sessionId=ses-1&token=AbCdEfGhIjKl&purpose=out');
    expect(pageForWebPath('/display/ses-1', '?key=k%2Bey12345')).toBe('/packages/display/index?sessionId=ses-1&key=k%2Bey12345');
    expect(pageForWebPath('/display/ses-1', '')).toBeNull();
    expect(pageForWebPath('/', '')).toBeNull();
  });

  it('decodes query parameters', () => {
    expect(queryParam('?a=1&key=a%20b', 'key')).toBe('a b');
    expect(queryParam('a=1', 'b')).toBeUndefined();
  });

  it('accepts only app pages as return paths, encoded or not', () => {
    expect(safeReturnPath('/packages/signin/scan/index?sessionId=1')).toBe('/packages/signin/scan/index?sessionId=1');
    expect(safeReturnPath(encodeURIComponent('/packages/signin/scan/index?sessionId=1'))).toBe('/packages/signin/scan/index?sessionId=1');
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('//evil.example/packages/x')).toBeNull();
    expect(safeReturnPath(undefined)).toBeNull();
  });
});
