// A tiny stand-in for docs/dist (the real one is 2.6 MiB): a page with the same CSP and the same trap, a
// "<body>" inside a script in <head>, plus the openapi.docs.json the spec version is read from.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function page(title: string): string {
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${title}</title><script>const t = '<body>';</script></head>\n<body>\n<h1>${title}</h1></body></html>\n`;
}

export function docsDist(version: string, editions: { zh?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pages-docs-'));
  writeFileSync(join(dir, 'openapi.docs.json'), JSON.stringify({ openapi: '3.1.0', info: { title: 't', version } }));
  writeFileSync(join(dir, 'index.html'), page(`English ${version}`));
  if (editions.zh) {
    mkdirSync(join(dir, 'zh-CN'));
    writeFileSync(join(dir, 'zh-CN/index.html'), page(`中文 ${version}`));
  }
  return dir;
}
