import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

// A deployed stage: the dev routes are not deployed at all, and even invoked directly they refuse.
Object.assign(process.env, {
  STAGE: 'prod',
  TABLE_NAME: 'lianyan-prod',
  JWT_SECRET: 'p'.repeat(40),
  QR_SECRET: 'q'.repeat(40),
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  LOG_LEVEL: 'silent',
});

const event = (body?: unknown): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/auth/dev',
    rawPath: '/v1/auth/dev',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { requestId: 'r1', http: { method: 'POST', path: '/v1/auth/dev' } },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;
const context = { awsRequestId: 'r1' } as Context;

describe('dev login outside the local stage', () => {
  it('answers POST /v1/auth/dev and GET /v1/dev/accounts with 404, touching no data', async () => {
    const { handler: login } = await import('./auth-dev.ts');
    const { handler: accounts } = await import('./dev-accounts.ts');
    for (const result of [await login(event({ account: 'district-admin' }), context), await accounts(event(), context)]) {
      expect(result.statusCode).toBe(404);
      expect(JSON.parse(result.body ?? '{}')).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
