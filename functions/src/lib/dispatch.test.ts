import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch.ts';
import type { LambdaHandler } from './http.ts';

const answering = (body: string): LambdaHandler => async () => ({ statusCode: 200, body });
const event = (routeKey: string) => ({ routeKey }) as APIGatewayProxyEventV2;
const context = {} as Context;

describe('dispatch', () => {
  const handler = dispatch({ 'GET /v1/me': answering('me'), 'POST /v1/sessions': answering('create') }, answering('fallback'));

  it('hands each routeKey to its own handler', async () => {
    expect(await handler(event('GET /v1/me'), context)).toEqual({ statusCode: 200, body: 'me' });
    expect(await handler(event('POST /v1/sessions'), context)).toEqual({ statusCode: 200, body: 'create' });
  });

  it('hands any other routeKey, an inherited property name included, to the fallback', async () => {
    for (const key of ['GET /v1/sessions', 'constructor', '__proto__', '$default']) {
      expect(await handler(event(key), context)).toEqual({ statusCode: 200, body: 'fallback' });
    }
  });
});
