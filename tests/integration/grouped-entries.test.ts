import { createRequire } from 'node:module';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '@lianyan/functions/lib/http';
import { apiGatewayEvent, startInProcessStack, type InProcessStack } from '../support/inproc.ts';

// On AWS, routes with the same `access` share one Lambda function whose entry (functions/src/entries/, written by
// `npm run entries`) dispatches on the API Gateway routeKey (infra/serverless/function-groups.cjs). Here an entry is
// invoked in process with the v2 events API Gateway sends, and must answer as the route's own handler does on the
// local stack.
const { functionOf } = createRequire(import.meta.url)('../../infra/serverless/function-groups.cjs') as { functionOf: () => Record<string, string> };

let app: InProcessStack;
let entry: LambdaHandler;
let token: string;
const group = functionOf().me!;

const context = (name: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: `lianyan-test-${name}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:lianyan-test-${name}`,
  memoryLimitInMB: '512',
  awsRequestId: 'test',
  logGroupName: `/aws/lambda/lianyan-test-${name}`,
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 9_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

async function viaEntry(event: APIGatewayProxyEventV2) {
  const result = (await entry(event, context(group))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, json: result.body ? (JSON.parse(result.body) as unknown) : undefined, contentType: result.headers?.['content-type'] };
}

beforeAll(async () => {
  app = await startInProcessStack();
  entry = ((await import(`../../functions/src/entries/${group}.ts`)) as { handler: LambdaHandler }).handler;
  token = (await app.login('organizer')).token;
}, 120_000);
afterAll(() => app?.stack.stop());

describe('a shared function’s entry', () => {
  it('serves routes of one need set, more than one', () => {
    expect(group).toMatch(/^api/);
    const mates = Object.entries(functionOf()).filter(([, fn]) => fn === group).map(([route]) => route);
    expect(mates).toEqual(expect.arrayContaining(['me', 'listFederations', 'listMySessions']));
  });

  it('answers each of its routes as the route’s own handler does', async () => {
    for (const name of ['me', 'listFederations', 'listMySessions']) {
      const route = app.routeNamed(name);
      const direct = await app.invokeEvent(route, apiGatewayEvent(route, { token }));
      const grouped = await viaEntry(apiGatewayEvent(route, { token }));
      expect(direct.status, name).toBe(200);
      expect(grouped.status, name).toBe(direct.status);
      expect(grouped.json, name).toEqual(direct.json);
      expect(grouped.contentType, name).toBe(direct.headers['content-type']);
      // Without a token, the same refusal.
      const refused = await viaEntry(apiGatewayEvent(route, {}));
      expect(refused.status, name).toBe((await app.invokeEvent(route, apiGatewayEvent(route, {}))).status);
      expect(refused.status, name).toBe(401);
    }
  });

  it('answers a routeKey it does not serve with the JSON 404 of the `*` route', async () => {
    const other = app.routeNamed('createSession');
    expect(functionOf().createSession).not.toBe(group);
    for (const event of [apiGatewayEvent(other, { token, body: {} }), { ...apiGatewayEvent(app.routeNamed('me'), { token }), routeKey: 'GET /v1/nowhere' }]) {
      const answer = await viaEntry(event);
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/接口不存在/) });
    }
  });
});
