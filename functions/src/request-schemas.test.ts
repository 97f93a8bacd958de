import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as shared from '@lianyan/shared';
import { LocalDate, Id, integer, line } from '@lianyan/shared';
import type { LambdaHandler } from '#lib/http';
import { unboundedFields } from '#lib/testing/request-schema-walk';
import routeTable from '../routes.json' with { type: 'json' };

// Every route's body, query and params, and every request schema `shared/` exports: each string, number and array
// bounded and made by the shared field helpers, each date on the calendar-date (or instant) schema.
Object.assign(process.env, {
  STAGE: 'local',
  TABLE_NAME: 'lianyan-schema-walk',
  JWT_SECRET: 'j'.repeat(40),
  QR_SECRET: 'q'.repeat(40),
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  LOG_LEVEL: 'silent',
});

const routes = (routeTable as Array<{ name: string; handler: string }>).filter((r) => r.handler !== 'not-found');

describe('the schema walk', () => {
  it('finds a planted unbounded string, number and array, and a date on a regex', () => {
    const planted = z.strictObject({
      title: z.string(),
      count: z.number(),
      tags: z.array(Id),
      startDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.maxLength(10)),
      ok: z.optional(z.array(line('名称', 20)).check(z.maxLength(5))),
      size: integer('大小', 1, 10),
      endDate: LocalDate,
    });
    expect(unboundedFields(planted)).toEqual([
      '.title: string not made by a field helper (line, prose, code, shaped, httpUrl, LocalDate, IsoDateTime)',
      '.title: string without a maximum length',
      '.count: number not made by integer() or decimal()',
      '.count: number without a minimum and a maximum',
      '.tags: array without a maximum length',
      '.startDate: string not made by a field helper (line, prose, code, shaped, httpUrl, LocalDate, IsoDateTime)',
      '.startDate: date field not on LocalDate or IsoDateTime',
    ]);
  });
});

describe('every route spec', () => {
  it.each(routes.map((r) => [r.name, r] as const))('%s: bounded fields from the shared helpers', async (_name, route) => {
    // Imported here, after the environment above: the handlers read their config when loaded.
    const { routeSpecOf } = await import('#lib/http');
    const { handler } = (await import(`./handlers/${route.handler}.ts`)) as { handler: LambdaHandler };
    const spec = routeSpecOf(handler);
    expect(spec, `${route.name} not built by route()`).toBeDefined();
    const findings = (['body', 'query', 'params'] as const).flatMap((part) => (spec?.[part] ? unboundedFields(spec[part], part) : []));
    expect(findings).toEqual([]);
  });
});

describe('every request schema shared exports', () => {
  const requests = Object.entries(shared).filter(([name, value]) => /(Request|Query|Params|Input)$/.test(name) && value && typeof value === 'object' && '_zod' in value);

  it('covers the request schemas', () => {
    expect(requests.length).toBeGreaterThan(30);
  });

  it.each(requests)('%s: bounded fields from the shared helpers', (name, schema) => {
    expect(unboundedFields(schema, name)).toEqual([]);
  });
});
