import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

// A deployed stage: CORS only for the configured origins, security headers on every answer, errors included.
Object.assign(process.env, {
  STAGE: 'prod',
  TABLE_NAME: 'lianyan-prod',
  JWT_SECRET: 'p'.repeat(40),
  QR_SECRET: 'q'.repeat(40),
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  CORS_ORIGINS: 'https://admin.lianyan.example, https://display.lianyan.example',
  LOG_LEVEL: 'silent',
});

const event = (path: string, headers: Record<string, string>): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: { requestId: 'r1', http: { method: 'GET', path } },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;
const context = { awsRequestId: 'r1' } as Context;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

async function call(name: 'health' | 'not-found' | 'me', headers: Record<string, string>) {
  const { handler } = (await import(`../handlers/${name}.ts`)) as { handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2> };
  return handler(event(`/v1/${name}`, headers), context);
}

describe('responses outside the local stage', () => {
  it('allow a configured origin, and answer no other with Access-Control-Allow-Origin', async () => {
    const allowed = await call('health', { origin: 'https://admin.lianyan.example' });
    expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': 'https://admin.lianyan.example', vary: 'Origin' });
    for (const origin of ['https://evil.example', 'null', 'https://admin.lianyan.example.evil.example', 'http://127.0.0.1:3000']) {
      const refused = await call('health', { origin });
      expect(refused.statusCode).toBe(200);
      expect(refused.headers?.['access-control-allow-origin'], origin).toBeUndefined();
    }
  });

  it('carry the security headers on success, on a 404 and on a 401', async () => {
    for (const [name, status] of [['health', 200], ['not-found', 404], ['me', 401]] as const) {
      const res = await call(name, { origin: 'https://evil.example' });
      expect(res.statusCode).toBe(status);
      expect(res.headers).toMatchObject(SECURITY_HEADERS);
      expect(res.headers?.['access-control-allow-origin']).toBeUndefined();
    }
  });
});
