import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import routeTable from '../../../functions/routes.json' with { type: 'json' };
import { currentEntries, expectedEntries } from './entries.ts';

// The shared functions' entries (functions/src/entries/) against the route table: a route added, moved or removed
// without `npm run entries` fails here rather than at deploy.
const { httpFunctions } = createRequire(import.meta.url)('../../serverless/function-groups.cjs') as {
  httpFunctions: () => Array<{ name: string; entry: boolean; routes: Array<{ name: string; access: unknown; timeout?: number }> }>;
};

describe('functions/src/entries', () => {
  it('match the route table (run `npm run entries` after changing functions/routes.json)', () => {
    const expected = expectedEntries();
    const current = currentEntries();
    const stale = [...new Set([...expected.keys(), ...current.keys()])].filter((f) => expected.get(f) !== current.get(f));
    expect(stale, `stale entries in functions/src/entries: ${stale.join(', ')} — run \`npm run entries\``).toEqual([]);
    expect(expected.size).toBeGreaterThan(0);
  });

  it('serve every deployed route once, a shared function only routes of one need set, signIn and long routes alone', () => {
    const fns = httpFunctions();
    const served = fns.flatMap((f) => f.routes.map((r) => r.name));
    expect(served.sort()).toEqual(routeTable.filter((r) => !('localOnly' in r && r.localOnly)).map((r) => r.name).sort());
    for (const f of fns.filter((x) => x.entry)) {
      expect(new Set(f.routes.map((r) => JSON.stringify(r.access))).size, f.name).toBe(1);
      expect(f.routes.every((r) => r.timeout === undefined), f.name).toBe(true);
    }
    const alone = (name: string) => fns.find((f) => f.routes.some((r) => r.name === name))!;
    for (const name of ['signIn', 'createImport', 'applyImport', 'notFound']) expect(alone(name).routes, name).toHaveLength(1);
    expect(fns.length).toBeLessThan(30);
  });
});
