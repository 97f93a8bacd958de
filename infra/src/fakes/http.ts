import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRoute = (req: IncomingMessage, url: URL, body: unknown) => unknown;

export interface FakeServer {
  url: string;
  /** Every request the fake received, in order: what a test asserts on. */
  requests: Array<{ method: string; path: string; query: Record<string, string>; body: unknown }>;
  close(): Promise<void>;
}

/** A tiny loopback JSON server; routes are keyed `METHOD /path`. */
export async function startFakeServer(routes: Record<string, FakeRoute>, port = 0): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body });
      const route = routes[`${req.method} ${url.pathname}`];
      const result = route ? route(req, url, body) : { errcode: 404, errmsg: `fake: no route ${req.method} ${url.pathname}` };
      res.writeHead(route ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
