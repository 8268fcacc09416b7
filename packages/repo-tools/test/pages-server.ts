// A loopback static server that serves a Pages tree the way GitHub Pages does: under a base path, folders
// answer with their index.html, and anything missing gets the site's 404.html with status 404.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.json': 'application/json' };

export interface PagesServer {
  origin: string;
  close(): Promise<void>;
}

export async function servePages(root: string, basePath: string): Promise<PagesServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file: string | undefined;
    if (path.startsWith(`${basePath}/`) || path === basePath) {
      const rel = normalize(path.slice(basePath.length)).replace(/^(\.\.(\/|$))+/, '');
      const candidate = join(root, rel);
      if (existsSync(candidate)) file = statSync(candidate).isDirectory() ? join(candidate, 'index.html') : candidate;
    }
    if (file && existsSync(file)) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } else {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(readFileSync(join(root, '404.html')));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
