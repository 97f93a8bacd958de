import middy, { type MiddlewareObj, type Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { DEFAULT_ERROR_MESSAGES, hasRole, type Role } from '@lianyan/shared';
import { config } from '#config';
import { AppError, isRetryable, serviceUnavailable } from './errors.ts';
import { makeLogger, type Logger } from './logger.ts';
import type { AuthContext, TokenService } from './tokens.ts';

export type Access = 'public' | 'authenticated' | readonly Role[];

export interface RouteSpec<B, Q, P> {
  name: string;
  /** Who may call: anyone, any signed-in user, or holders of one of these roles (scope is checked by services). */
  access: Access;
  body?: z.ZodMiniType<B>;
  query?: z.ZodMiniType<Q>;
  params?: z.ZodMiniType<P>;
}

export interface RouteInput<B, Q, P, A> {
  body: B;
  query: Q;
  params: P;
  auth: A;
  log: Logger;
  requestId: string;
  event: APIGatewayProxyEventV2;
}

export class Reply {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
export const created = (body: unknown) => new Reply(201, body);

/** A download: the body travels base64-encoded, as API Gateway expects for binary responses. */
export class FileReply {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly body: Buffer,
  ) {}

  /** The reply that sends an export (see `ExportFile` in lib/xlsx). */
  static of(file: { filename: string; contentType: string; body: Buffer }): FileReply {
    return new FileReply(file.filename, file.contentType, file.body);
  }
}

/** A page to show (the printable archive): no scripts, styles inline, never framed. */
export class HtmlReply {
  constructor(readonly html: string) {}
}

/** The public origin the caller used (for links the API hands out), unless configured. */
export function requestOrigin(event: APIGatewayProxyEventV2): string {
  if (config.signIn.publicBaseUrl) return config.signIn.publicBaseUrl.replace(/\/$/, '');
  const host = event.headers?.['x-forwarded-host'] ?? event.headers?.host ?? event.requestContext?.domainName ?? 'localhost';
  const proto = event.headers?.['x-forwarded-proto'] ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto.split(',')[0]}://${host}`;
}

/** What Lambda (and the local server) calls. */
export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

type Parsed = { body: unknown; query: unknown; params: unknown; auth: AuthContext | null };
interface RouteContext extends Context {
  lianyan: Parsed & { log: Logger; started: number };
}
type RouteRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RouteContext>;
type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RouteContext>;

const baseLogger = makeLogger(config.logLevel, { stage: config.stage });

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

function validationError(error: z.core.$ZodError, where: string) {
  const flat = z.flattenError(error);
  return new AppError(400, 'VALIDATION_FAILED', DEFAULT_ERROR_MESSAGES.VALIDATION_FAILED, {
    in: where,
    fieldErrors: flat.fieldErrors,
    formErrors: flat.formErrors,
  });
}

function requestContext(): Middleware {
  return {
    before: function startRequest(request: RouteRequest) {
      const { event, context } = request;
      context.lianyan = {
        body: undefined,
        query: undefined,
        params: undefined,
        auth: null,
        started: Date.now(),
        // requestId: API Gateway's, the one its access log carries; lambdaRequestId: the function's (its REPORT lines).
        log: baseLogger.child({
          requestId: event.requestContext?.requestId ?? context.awsRequestId,
          lambdaRequestId: context.awsRequestId,
          route: event.routeKey,
        }),
      };
    },
  };
}

function jsonBody(): Middleware {
  return {
    before: function parseJsonBody(request: RouteRequest) {
      const { event } = request;
      if (event.body == null || event.body === '') return;
      const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      try {
        request.context.lianyan.body = JSON.parse(text);
      } catch (cause) {
        throw new AppError(400, 'INVALID_JSON', undefined, undefined, { cause });
      }
    },
  };
}

function authenticate(access: Access, tokens: () => TokenService): Middleware {
  return {
    before: async function checkAccess(request: RouteRequest) {
      if (access === 'public') return;
      const header = request.event.headers?.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new AppError(401, 'UNAUTHENTICATED');
      const auth = await tokens().verifyAccessToken(match[1]);
      request.context.lianyan.auth = auth;
      if (access !== 'authenticated' && !hasRole(auth.roles, access)) {
        throw new AppError(403, 'FORBIDDEN');
      }
    },
  };
}

function validate<B, Q, P>(spec: RouteSpec<B, Q, P>): Middleware {
  return {
    before: function validateInput(request: RouteRequest) {
      const target = request.context.lianyan;
      const checks: Array<[keyof Parsed, z.ZodMiniType | undefined, unknown]> = [
        ['params', spec.params, request.event.pathParameters ?? {}],
        ['query', spec.query, request.event.queryStringParameters ?? {}],
        ['body', spec.body, target.body ?? (spec.body ? {} : undefined)],
      ];
      for (const [where, schema, value] of checks) {
        if (!schema) continue;
        const result = schema.safeParse(value);
        if (!result.success) throw validationError(result.error, where);
        target[where] = result.data as never;
      }
    },
  };
}

function responseHeaders(): Middleware {
  function addHeaders(request: RouteRequest) {
    const response = request.response;
    if (!response) return;
    const origin = request.event.headers?.origin;
    const allowed = origin && (config.isLocal || config.corsOrigins.includes(origin));
    response.headers = {
      ...response.headers,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      ...(allowed ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    };
  }
  return { after: addHeaders, onError: addHeaders };
}

function errorResponse(): Middleware {
  return {
    onError: function renderError(request: RouteRequest) {
      const log = request.context.lianyan?.log ?? baseLogger;
      let error: unknown = request.error;
      if (!(error instanceof AppError) && isRetryable(error)) error = serviceUnavailable(1, error);
      if (error instanceof AppError) {
        const body = { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
        if (error.statusCode >= 500) log.error('request failed', { status: error.statusCode, error: error.cause ?? error });
        request.response = json(error.statusCode, body, error.headers);
        return;
      }
      log.error('unhandled error', { error, stack: error instanceof Error ? error.stack : undefined });
      request.response = json(500, { code: 'INTERNAL', message: DEFAULT_ERROR_MESSAGES.INTERNAL });
    },
  };
}

function accessLog(): Middleware {
  function logRequest(request: RouteRequest) {
    const ctx = request.context.lianyan;
    if (!ctx) return;
    ctx.log.info('request', {
      method: request.event.requestContext?.http?.method,
      path: request.event.rawPath,
      status: request.response?.statusCode,
      ms: Date.now() - ctx.started,
      user: ctx.auth?.userId,
    });
  }
  return { after: logRequest, onError: logRequest };
}

/**
 * Wraps a route's business function in the one shared middy stack:
 * context → access log → headers → errors → JSON body → auth → zod validation.
 */
export function makeRoute(getTokens: () => TokenService) {
  return function route<B = undefined, Q = undefined, P = undefined, R = unknown>(
    spec: RouteSpec<B, Q, P>,
    fn: (
      input: RouteInput<B, Q, P, typeof spec.access extends 'public' ? AuthContext | null : AuthContext>,
    ) => Promise<R>,
  ) {
    const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RouteContext>()
      .use(requestContext())
      .use(accessLog())
      .use(responseHeaders())
      .use(errorResponse())
      .use(jsonBody())
      .use(authenticate(spec.access, getTokens))
      .use(validate(spec))
      .handler(async function runRoute(event, context) {
        const ctx = context.lianyan;
        const result = await fn({
          body: ctx.body as B,
          query: ctx.query as Q,
          params: ctx.params as P,
          auth: ctx.auth as AuthContext,
          log: ctx.log,
          requestId: event.requestContext?.requestId ?? context.awsRequestId,
          event,
        });
        if (result instanceof Reply) return json(result.statusCode, result.body, result.headers);
        if (result instanceof FileReply) {
          return {
            statusCode: 200,
            headers: {
              'content-type': result.contentType,
              'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(result.filename)}`,
            },
            body: result.body.toString('base64'),
            isBase64Encoded: true,
          };
        }
        if (result instanceof HtmlReply) {
          const page: APIGatewayProxyStructuredResultV2 = {
            statusCode: 200,
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'content-security-policy': "default-src 'none'; img-src 'self' data: https:; style-src 'unsafe-inline'; frame-ancestors 'none'",
            },
            body: result.html,
          };
          return page;
        }
        return json(200, result);
      });
    // The spec travels with the handler, so tests can generate requests from the route's own schemas.
    return Object.assign(handler, { spec }) as unknown as LambdaHandler;
  };
}

/** The access and schemas a handler was built with (undefined for a handler not made by `route`). */
export function routeSpecOf(handler: LambdaHandler): RouteSpec<unknown, unknown, unknown> | undefined {
  return (handler as LambdaHandler & { spec?: RouteSpec<unknown, unknown, unknown> }).spec;
}
