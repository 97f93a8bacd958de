import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_ONLY_STRINGS, findSecrets, unzipAll } from '../support/secrets.ts';

// The deployed bundles (`npm run check:package` → .serverless-prod/*.zip) carry no secret and nothing of the local stack.
const dir = resolve(import.meta.dirname, '../../.serverless-prod');
const zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));
const functions = createRequire(import.meta.url)('../../infra/serverless/functions.cjs') as () => Record<string, unknown>;

describe('function bundles', () => {
  it('exist, one per function', () => {
    expect(zips.length).toBe(Object.keys(functions()).length);
  });

  it('hold no key, password or token, and none of the local stack’s stand-ins', () => {
    const found: string[] = [];
    for (const zip of zips) {
      for (const file of unzipAll(readFileSync(resolve(dir, zip)))) {
        const text = file.data.toString('utf8');
        for (const hit of findSecrets(text)) found.push(`${zip}/${file.name}: ${hit}`);
        for (const s of LOCAL_ONLY_STRINGS) if (text.includes(s)) found.push(`${zip}/${file.name}: ${s}`);
        if (/\.env|local-secrets|\.data\//.test(file.name)) found.push(`${zip}: ${file.name}`);
      }
    }
    expect(found).toEqual([]);
  }, 120_000); // ~30 bundles inflated by fflate in plain JS: seconds, more under load
});
