import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_ONLY_STRINGS, findSecrets, unzipAll } from '../support/secrets.ts';

// The deployed bundles (`npm run check:package` → .serverless-prod/*.zip) carry no secret and nothing of the local stack.
const dir = resolve(import.meta.dirname, '../../.serverless-prod');
const zips = readdirSync(dir).filter((f) => f.endsWith('.zip'));

describe('function bundles', () => {
  it('exist', () => {
    expect(zips.length).toBeGreaterThan(50);
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
  }, 120_000); // ~60 bundles inflated by fflate in plain JS: seconds, more under load
});
