import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// CloudFormation refuses a stack of over 500 resources. The packaged templates (`npm run check:package`) stay under
// 400, head-room for new routes (one API Gateway route each) and functions; routes share functions by need set
// (infra/serverless/function-groups.cjs). The current count is bench/results.json `stack.resources`.
const LIMIT = 400;

describe('stack size', () => {
  for (const stage of ['ci', 'prod']) {
    it(`keeps the ${stage} template at ${LIMIT} resources or fewer (CloudFormation allows 500)`, () => {
      const file = resolve(import.meta.dirname, `../../.serverless-${stage}/cloudformation-template-update-stack.json`);
      const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Type: string }> };
      const count = Object.keys(template.Resources).length;
      const perType = new Map<string, number>();
      for (const r of Object.values(template.Resources)) perType.set(r.Type, (perType.get(r.Type) ?? 0) + 1);
      const byType = [...perType].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([type, n]) => `${type} ${n}`).join(', ');
      expect(count, `the ${stage} template has ${count} resources, over the ${LIMIT} allowed here (CloudFormation's limit is 500); most: ${byType}`).toBeLessThanOrEqual(LIMIT);
    });
  }
});
