import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AuthResult, Session } from '@lianyan/shared';
import type { LambdaHandler } from '@lianyan/functions/lib/http';
import type { RouteDefinition } from '@lianyan/functions/routes';
import { startStack, type StackOptions } from '@lianyan/infra/local/stack';
import { makeSessionInput } from './sessions.ts';

export interface Invocation {
  token?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A value sent as JSON, or `rawBody` as it is. */
  body?: unknown;
  rawBody?: string;
  isBase64Encoded?: boolean;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The JSON body, when it is JSON. */
  json: unknown;
  /** The keys (`PK`) of every item a write command of this request changed. */
  writes: string[];
}

const WRITE_COMMANDS = /^(Put|Update|Delete|TransactWrite|BatchWrite)/;

const pkOf = (item: unknown): string => {
  const pk = (item as { PK?: unknown } | undefined)?.PK;
  if (typeof pk === 'string') return pk;
  if (pk && typeof pk === 'object' && 'S' in pk) return String((pk as { S: unknown }).S);
  return '?';
};

/** The partition keys a write command touches (a ConditionCheck inside a transaction writes nothing). */
function writtenKeys(name: string, input: Record<string, unknown>): string[] {
  if (name.startsWith('Put')) return [pkOf(input.Item)];
  if (name.startsWith('Update') || name.startsWith('Delete')) return [pkOf(input.Key)];
  if (name.startsWith('TransactWrite')) {
    const items = (input.TransactItems ?? []) as Array<Record<string, { Item?: unknown; Key?: unknown } | undefined>>;
    return items.flatMap((t) => (t.Put ? [pkOf(t.Put.Item)] : t.Update ? [pkOf(t.Update.Key)] : t.Delete ? [pkOf(t.Delete.Key)] : []));
  }
  const batches = Object.values((input.RequestItems ?? {}) as Record<string, Array<{ PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }>>);
  return batches.flat().map((r) => pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
}

/** The context Lambda hands a handler with each invocation. */
export function lambdaContext(name: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `lianyan-test-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:lianyan-test-${name}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/lianyan-test-${name}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The API Gateway HTTP API (payload v2) event for a route, as `toApiGatewayEvent` in the local server builds it. */
export function apiGatewayEvent(route: RouteDefinition, input: Invocation): APIGatewayProxyEventV2 {
  // What API Gateway hands over is decoded from a URL, so it is well-formed Unicode (a lone surrogate arrives as U+FFFD).
  const params = input.params && Object.fromEntries(Object.entries(input.params).map(([k, v]) => [k, wellFormed(v)]));
  const rawPath = route.path.replace(/\{(\w+)\+?\}/g, (_m, name: string) => encodeURIComponent(params?.[name] ?? ''));
  const query = Object.fromEntries(Object.entries(input.query ?? {}).map(([k, v]) => [wellFormed(k), wellFormed(v)]));
  const rawQueryString = new URLSearchParams(Object.entries(query)).toString();
  const body = input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));
  const headers: Record<string, string> = {
    host: 'api.test.local',
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(input.token ? { authorization: `Bearer ${input.token}` } : {}),
    ...input.headers,
  };
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(params ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'api.test.local',
      domainPrefix: 'api',
      http: { method: route.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'lianyan-tests' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
}

/**
 * A whole local stack in this test process (its own DynamoDB Local, demo data, fakes), whose handler modules the test
 * calls directly with API Gateway events — no HTTP in between — recording what each request wrote.
 */
export async function startInProcessStack(options: StackOptions = {}) {
  const qrSecret = randomBytes(32).toString('hex');
  const stack = await startStack({
    port: 0,
    seed: true,
    ...options,
    env: { QR_SECRET: qrSecret, SESSION_CACHE_SECONDS: '0', LOG_LEVEL: 'silent', ...options.env },
  });
  const { db } = await import('@lianyan/functions/clients');
  const { routes } = await import('@lianyan/functions/routes');
  const current = new AsyncLocalStorage<string[]>();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const writes = current.getStore();
      const result = await next(args);
      const name = String(context.commandName);
      if (writes && WRITE_COMMANDS.test(name)) writes.push(...writtenKeys(name, args.input as Record<string, unknown>));
      return result;
    },
    { step: 'initialize', name: 'lianyanTestWrites' },
  );

  const handlers = new Map<string, LambdaHandler>();
  const routeNamed = (name: string) => {
    const found = routes.find((r) => r.name === name);
    if (!found) throw new Error(`no route ${name}`);
    return found;
  };
  async function handlerOf(route: RouteDefinition) {
    let handler = handlers.get(route.name);
    if (!handler) {
      // Held to the route's declared access, as on AWS by its IAM role (infra/src/local/access-guard.ts).
      handler = stack.accessGuard.wrap(route.name, route.access, ((await import(`@lianyan/functions/handlers/${route.handler}`)) as { handler: LambdaHandler }).handler);
      handlers.set(route.name, handler);
    }
    return handler;
  }

  async function invokeEvent(route: RouteDefinition, event: APIGatewayProxyEventV2): Promise<Reply> {
    const handler = await handlerOf(route);
    const writes: string[] = [];
    const result = (await current.run(writes, () => handler(event, lambdaContext(route.name, event.requestContext.requestId)))) as APIGatewayProxyStructuredResultV2;
    const text = result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64').toString('utf8') : (result.body ?? '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: result.statusCode ?? 200, headers: (result.headers ?? {}) as Record<string, string>, text, json, writes };
  }

  const invoke = (name: string, input: Invocation = {}) => {
    const route = routeNamed(name);
    return invokeEvent(route, apiGatewayEvent(route, input));
  };

  async function login(account: string): Promise<AuthResult> {
    const res = await invoke('authDev', { body: { account } });
    if (res.status !== 200) throw new Error(`dev login ${account}: ${res.status} ${res.text}`);
    return res.json as AuthResult;
  }

  /** Creates and publishes a session open for sign-in now, as the demo organizer (or `account`). */
  async function publishedSession(overrides: Record<string, unknown> = {}, account = 'organizer'): Promise<Session> {
    const { token } = await login(account);
    const created = await invoke('createSession', { token, body: makeSessionInput(overrides) });
    if (created.status !== 201) throw new Error(`create session: ${created.status} ${created.text}`);
    const id = (created.json as Session).id;
    const published = await invoke('publishSession', { token, params: { id } });
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
    return published.json as Session;
  }

  return { stack, db, routes, qrSecret, invoke, invokeEvent, handlerOf, login, publishedSession, routeNamed };
}
export type InProcessStack = Awaited<ReturnType<typeof startInProcessStack>>;
