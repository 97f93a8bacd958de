import { unzip } from './zip.ts';

// What a secret looks like, for scanning the repository and the deployed bundles.
export const SECRET_PATTERNS: Array<[string, RegExp]> = [
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['secret assigned a literal', /\b\w*(secret|password|passwd|api_?key|private_?key)\w*["']?\s*[:=]\s*["'][A-Za-z0-9+/=_-]{24,}["']/i],
  ['bearer token literal', /Bearer\s+eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['WeChat or DingTalk secret in a URL', /[?&](secret|appsecret)=[A-Za-z0-9]{16,}/i],
];

/** The local stack's stand-in credentials: fine in infra/ and tests/, never in a deployed bundle. */
export const LOCAL_ONLY_STRINGS = ['local-wechat-secret', 'local-dingtalk-secret', 'wx-local-demo', 'JZXX2026', '/__fake/'];

export function findSecrets(text: string): string[] {
  return SECRET_PATTERNS.filter(([, re]) => re.test(text)).map(([name, re]) => `${name}: ${re.exec(text)?.[0].slice(0, 80)}`);
}

/** Every file of a zip archive. */
export function unzipAll(zip: Buffer): Array<{ name: string; data: Buffer }> {
  return [...unzip(zip)].map(([name, data]) => ({ name, data }));
}
