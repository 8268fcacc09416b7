// Serves the docs site (docs/dist/index.html of this workspace) at `/` for the demo, if it was built.
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the docs page lives relative to this package in the workspace (demo only, never published). */
export function findDocs(fromDir = dirname(fileURLToPath(import.meta.url))): string | undefined {
  const candidates = [join(fromDir, '..', '..', '..', 'docs', 'dist', 'index.html'), join(fromDir, '..', '..', 'docs', 'dist', 'index.html')];
  return candidates.find((p) => existsSync(p));
}

export function docsHandler(file: string | undefined): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET' || !(req.url === '/' || req.url === '/docs' || req.url === '/index.html')) return false;
    res.setHeader('Content-Type', 'text/html;charset=UTF-8');
    if (!file) {
      res.statusCode = 200;
      res.end('<!doctype html><title>ims-sandbox</title><p>The docs are not built; run <code>pnpm turbo run build</code> and restart.</p>');
      return true;
    }
    const html = readFileSync(file);
    res.setHeader('Content-Length', html.length);
    res.end(html);
    return true;
  };
}
