// A real HTTP server on 127.0.0.1 for tests: records every request (raw body bytes included) and answers
// with whatever the test scripts, including HTML pages, text, Retry-After and dropped connections.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** path + query as received */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string; delayMs?: number }
  | 'destroy';

export type Handler = (request: Recorded, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Exclude<Reply, 'destroy'>): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body = '';
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  } else if (reply.text !== undefined) {
    body = reply.text;
    headers['content-type'] ??= 'text/plain';
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, text: body.toString('utf8') };
      const index = requests.push(rec) - 1;
      Promise.resolve(handler(rec, index)).then(
        async (reply) => {
          if (reply === 'destroy') return void req.socket.destroy();
          if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
          if (!res.destroyed) send(res, reply);
        },
        (error: unknown) => send(res, { status: 599, text: String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a test file: returns `serve(handler)`, which starts a server for the current test, and registers an
 * afterEach hook (via the given function, so this module stays free of vitest) that closes it.
 */
export function serveEach(afterEach: (hook: () => Promise<void>) => void): (handler: Handler) => Promise<TestServer> {
  let current: TestServer | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (handler) => (current = await startServer(handler));
}

/** A fetch that counts its calls (and otherwise is the global fetch). */
export function countingFetch(): { fetch: typeof fetch; calls: () => number; reset: () => void } {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
    calls: () => calls,
    reset: () => void (calls = 0),
  };
}
