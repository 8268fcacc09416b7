// A static check of the built page: no element or stylesheet may load anything from outside the file.
// It cannot see URLs the scripts build at run time (Redoc's logo badge is one), so the browser test, which
// counts real requests, is the actual gate; this check fails the build early and says where.
export interface RemoteLoad {
  kind: string;
  url: string;
}

const REMOTE = String.raw`(?:https?:)?//[^"'\s)>]+`;

const PATTERNS: Array<[string, RegExp]> = [
  ['script src', new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*["']?(${REMOTE})`, 'gi')],
  ['link href', new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?(${REMOTE})`, 'gi')],
  ['img/iframe/source src', new RegExp(String.raw`<(?:img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*["']?(${REMOTE})`, 'gi')],
  ['ES import', new RegExp(String.raw`\bimport\s*(?:[\w*{}\s,]+from\s*)?["'](${REMOTE})["']`, 'g')],
  ['dynamic import', new RegExp(String.raw`\bimport\(\s*["'](${REMOTE})["']\s*\)`, 'g')],
  ['CSS url()', new RegExp(String.raw`url\(\s*["']?(${REMOTE})`, 'gi')],
  ['CSS @import', new RegExp(String.raw`@import\s+(?:url\()?\s*["']?(${REMOTE})`, 'gi')],
];

export function findRemoteLoads(html: string): RemoteLoad[] {
  const found: RemoteLoad[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const match of html.matchAll(pattern)) found.push({ kind, url: match[1] ?? '' });
  }
  return found;
}

/** The Content-Security-Policy of the page's meta tag, or undefined. */
export function metaCsp(html: string): string | undefined {
  const tag = /<meta\b[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0];
  return tag ? /content\s*=\s*"([^"]*)"/i.exec(tag)?.[1] : undefined;
}

/** Checks that the CSP forbids every remote fetch: default-src 'none' and no directive naming a host or scheme. */
export function cspIsClosed(csp: string): boolean {
  const directives = new Map(
    csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name = '', ...values] = d.split(/\s+/);
      return [name.toLowerCase(), values] as const;
    }),
  );
  if (directives.get('default-src')?.join(' ') !== "'none'") return false;
  const local = new Set(["'none'", "'self'", "'unsafe-inline'", 'data:', 'blob:']);
  return [...directives.values()].every((values) => values.every((v) => local.has(v)));
}
