import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_ONLY_STRINGS, findSecrets } from '../support/secrets.ts';

// Every file git tracks: no key, password or token; no data directory or env file; the local stand-ins stay local.
const root = resolve(import.meta.dirname, '../..');
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

describe('the repository', () => {
  it('recognises what it looks for (the scanner itself)', () => {
    // Put together at run time, so this file holds no literal the scan below would flag.
    const q = '"';
    const samples = [
      `const key = ${q}${'AKIA'}IOSFODNN7EXAMPLE${q};`,
      `-----BEGIN RSA ${'PRIVATE'} KEY-----`,
      `appSecret: ${q}${'3f9a8b7c6d5e4f3a'}2b1c0d9e8f7a6b5c${q}`,
      `JWT_SECRET=${q}${'Zm9vYmFyYmF6cXV4'}cXV1eGNvcmdlZ3JhdWx0${q}`,
      `Authorization: Bearer ${'eyJhbGciOiJIUzI1NiJ9'}.eyJzdWIiOiJ1LWFkbWluIn0.c2lnbmF0dXJlc2lnbmF0dXJl`,
      `https://oapi.dingtalk.com/gettoken?appkey=x&${'appsecret'}=abcdef0123456789abcdef`,
    ];
    for (const sample of samples) expect(findSecrets(sample), sample).not.toEqual([]);
    expect(findSecrets("const secret = process.env.JWT_SECRET; getSecret: () => resolveSecret(config.jwt.secret, 'JWT')")).toEqual([]);
  });

  it('tracks no env file, data directory, key file or local secrets', () => {
    expect(files.filter((f) => /(^|\/)(\.env(\..*)?|local-secrets\.json|.*\.pem|id_rsa.*)$|(^|\/)\.data\//.test(f))).toEqual([]);
  });

  it('holds no key, password or token in any tracked file', () => {
    const found: string[] = [];
    for (const file of files) {
      if (/package-lock\.json$|\.(png|jpg|jpeg|ico|woff2?|xlsx|zip)$/.test(file)) continue;
      const path = resolve(root, file);
      if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) continue;
      for (const hit of findSecrets(readFileSync(path, 'utf8'))) found.push(`${file}: ${hit}`);
    }
    expect(found).toEqual([]);
  });

  it('keeps the local stack’s stand-in credentials out of the deployed code (functions/, shared/) and serverless.yml', () => {
    const deployed = files.filter((f) => /^(functions|shared)\/src\/.*\.ts$/.test(f) && !f.endsWith('.test.ts')).concat('serverless.yml');
    const found = deployed.flatMap((f) => LOCAL_ONLY_STRINGS.filter((s) => readFileSync(resolve(root, f), 'utf8').includes(s)).map((s) => `${f}: ${s}`));
    expect(found).toEqual([]);
  });

  it('reads secrets in AWS from SSM parameters, never from a literal in serverless.yml', () => {
    const yml = readFileSync(resolve(root, 'serverless.yml'), 'utf8');
    expect(yml).not.toMatch(/^\s*(JWT_SECRET|QR_SECRET|WECHAT_APP_SECRET|DINGTALK_APP_SECRET|UPLOADS_SECRET)\s*:/m);
    expect(yml).toMatch(/JWT_SECRET_PARAMETER/);
  });
});
