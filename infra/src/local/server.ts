import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { RouteDefinition } from '@lianyan/functions/routes';
import type { LambdaHandler } from '@lianyan/functions/lib/http';
import { DEFAULT_ERROR_MESSAGES } from '@lianyan/shared';
import { securityHeaders } from '../web/assets.ts';
import { sendLambdaResult, serveWeb } from './web.ts';


interface CompiledRoute {
  route: RouteDefinition;
  regex: RegExp;
  params: string[];
  handler: LambdaHandler;
}

const MAX_BODY_BYTES = 1024 * 1024;
const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded)|text\/)/i;
function compile(route: RouteDefinition, handler: LambdaHandler): CompiledRoute {
  const params: string[] = [];
  const pattern = route.path
    .split('/')
    .map((part) => {
      const m = /^\{(\w+)\+?\}$/.exec(part);
      if (!m?.[1]) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  return { route, regex: new RegExp(`^${pattern}$`), params, handler };
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Builds the API Gateway HTTP API (payload v2) event that Lambda would receive. */
export function toApiGatewayEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const isText = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function lambdaContext(name: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `lianyan-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:lianyan-local-${name}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/lianyan-local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...securityHeaders(false) });
  res.end(JSON.stringify(body));
}

/**
 * A request node:http cannot parse (headers over its 16 KB limit, a malformed request line) still gets a JSON
 * answer, as API Gateway gives one: 431 for oversized headers, 400 for the rest. Nothing reaches a handler.
 */
function answerUnparsable(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(tooLarge
    ? { code: 'HEADERS_TOO_LARGE', message: DEFAULT_ERROR_MESSAGES.HEADERS_TOO_LARGE }
    : { code: 'BAD_REQUEST', message: DEFAULT_ERROR_MESSAGES.BAD_REQUEST });
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n`
      + `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`
      + `connection: close\r\n\r\n${body}`,
  );
}

/** The request's URL, or undefined when it does not parse or its path or query cannot be percent-decoded. */
function requestUrl(raw = '/'): URL | undefined {
  try {
    // Checked as sent, before parsing resolves dot segments (`/%zz/%2e%2e` would pass as `/`).
    decodeURIComponent(raw);
    return new URL(raw, 'http://localhost');
  } catch {
    return undefined;
  }
}

export interface LocalServerOptions {
  routes: RouteDefinition[];
  loadHandler: (route: RouteDefinition) => Promise<LambdaHandler>;
  webRoot?: string;
  log?: (line: string) => void;
  /** Benchmarks: DynamoDB cost per route at GET /__local/metrics (DELETE resets). */
  metrics?: { snapshot(): unknown; reset(): void };
  /** The local file store's signed links (`/__uploads/…`), standing in for S3. */
  blobs?: { handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> };
  /** Before a route marked `aggregates`: resolves when the table's stream is drained (infra/src/local/streams.ts). */
  aggregatesSettled?: () => Promise<void>;
  /** The stream poller, for tests and benchmarks: GET /__local/streams drains the stream, then answers its counts. */
  streams?: { settle(): Promise<void>; stats(): unknown };
}

/** The real handler modules behind node:http, the way API Gateway would call them; plus the H5 build. */
export async function createLocalServer(options: LocalServerOptions): Promise<Server> {
  const compiled: CompiledRoute[] = [];
  let fallback: CompiledRoute | undefined;
  for (const route of options.routes) {
    const handler = await options.loadHandler(route);
    if (route.path === '*') fallback = { route, regex: /^/, params: [], handler };
    else compiled.push(compile(route, handler));
  }
  compiled.sort((a, b) => a.params.length - b.params.length);

  // An async handler's rejection would end the process (and the stack with it): every failure becomes an answer.
  const server = createServer(function handleRequest(req, res) {
    respond(req, res).catch(function answerFailure(error: unknown) {
      options.log?.(`local server error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: DEFAULT_ERROR_MESSAGES.INTERNAL });
      else res.destroy();
    });
  });
  server.on('clientError', answerUnparsable);
  return server;

  async function respond(req: IncomingMessage, res: ServerResponse) {
    const url = requestUrl(req.url);
    if (!url) return sendJson(res, 400, { code: 'BAD_REQUEST', message: DEFAULT_ERROR_MESSAGES.BAD_REQUEST });
    if (options.metrics && url.pathname === '/__local/metrics') {
      if (req.method === 'DELETE') options.metrics.reset();
      return sendJson(res, 200, options.metrics.snapshot());
    }
    if (options.streams && url.pathname === '/__local/streams') {
      await options.streams.settle();
      return sendJson(res, 200, options.streams.stats());
    }
    if (options.blobs && url.pathname.startsWith('/__uploads/')) {
      try {
        if (await options.blobs.handle(req, res)) return;
      } catch (error) {
        options.log?.(`local upload error: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) return sendJson(res, 500, { code: 'INTERNAL', message: '服务器开小差了，请稍后重试' });
        return res.end();
      }
    }
    if (!url.pathname.startsWith('/v1/')) return serveWeb(req, res, options.webRoot, url.pathname);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
        'access-control-allow-headers': 'authorization,content-type',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    try {
      const body = await readBody(req);
      if (body === 'too_large') return sendJson(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' });
      let match: CompiledRoute | undefined;
      let pathParameters: Record<string, string> | undefined;
      for (const candidate of compiled) {
        if (candidate.route.method !== req.method) continue;
        const m = candidate.regex.exec(url.pathname);
        if (!m) continue;
        match = candidate;
        if (candidate.params.length) {
          // Decodable: requestUrl refused any path that is not.
          pathParameters = Object.fromEntries(candidate.params.map((p, i) => [p, decodeURIComponent(m[i + 1] ?? '')]));
        }
        break;
      }
      match ??= fallback;
      if (!match) return sendJson(res, 404, { code: 'NOT_FOUND', message: '接口不存在' });
      const routeKey = match === fallback ? '$default' : `${match.route.method} ${match.route.path}`;
      const event = toApiGatewayEvent(req, url, body, routeKey, pathParameters);
      if (match.route.aggregates && options.aggregatesSettled) await options.aggregatesSettled();
      const result = await match.handler(event, lambdaContext(match.route.name, event.requestContext.requestId));
      await sendLambdaResult(req, res, result);
    } catch (error) {
      options.log?.(`local server error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: '服务器开小差了，请稍后重试' });
      else res.end();
    }
  }
}
