// The HTML the Pages tree adds to the docs site: a version menu injected into every page, and the 404
// page. Both are static markup — no script, no request — because the docs page forbids both (its CSP is
// `default-src 'none'` with inline styles allowed), and because the menu must work from file:// too.
// Every link in a page is relative to that page, so a copied tree works wherever it is served.

export interface Edition {
  id: 'en' | 'zh-CN';
  /** The edition's folder inside a version folder ('' for English). */
  dir: string;
  label: string;
}

export const EDITIONS: readonly Edition[] = [
  { id: 'en', dir: '', label: 'English' },
  { id: 'zh-CN', dir: 'zh-CN/', label: '中文' },
];

export interface VersionEntry {
  version: string;
  /** Folder of the version, relative to the site root: `v1.0.0/`. */
  path: string;
  /** Page of each edition the version has, relative to the site root. */
  editions: Partial<Record<Edition['id'], string>>;
}

export interface VersionsFile {
  latest: string;
  versions: VersionEntry[];
}

const MENU_START = '<!-- ims-pages:version-menu -->';
const MENU_END = '<!-- /ims-pages:version-menu -->';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `href` from the page at `from` (site-relative file path) to `to` (site-relative file path). */
export function relativeHref(from: string, to: string): string {
  const depth = from.split('/').length - 1;
  return `${'../'.repeat(depth)}${to}`;
}

/** Where a version's page of an edition is; falls back to English for versions built without it. */
export function pageOf(entry: VersionEntry, edition: Edition['id']): string {
  return entry.editions[edition] ?? entry.editions.en ?? `${entry.path}index.html`;
}

export interface MenuPlace {
  /** The page the menu goes into, relative to the site root (`index.html`, `v1.0.0/zh-CN/index.html`). */
  page: string;
  /** The version that page shows, or 'latest' for the root copy. */
  shows: string;
  edition: Edition['id'];
}

export function versionMenu(versions: VersionsFile, place: MenuPlace): string {
  const zh = place.edition === 'zh-CN';
  const version = place.shows === 'latest' ? versions.latest : place.shows;
  const latestPage = `${EDITIONS.find((e) => e.id === place.edition)?.dir ?? ''}index.html`;
  const item = (href: string, text: string, current: boolean) =>
    `<li style="margin:2px 0"><a href="${escapeHtml(href)}"${current ? ' aria-current="page" style="font-weight:bold"' : ''}>${escapeHtml(text)}</a></li>`;
  const items = [
    item(relativeHref(place.page, latestPage), `${zh ? '最新版' : 'latest'} (${versions.latest})`, place.shows === 'latest'),
    ...versions.versions.map((v) => item(relativeHref(place.page, pageOf(v, place.edition)), `v${v.version}`, place.shows === v.version)),
  ];
  const summary = `${zh ? '规范版本' : 'Spec version'} ${version}${place.shows === 'latest' ? (zh ? '（最新）' : ' (latest)') : ''}`;
  return [
    MENU_START,
    `<nav id="ims-version-menu" aria-label="${zh ? '版本' : 'Versions'}" style="position:fixed;left:12px;bottom:12px;z-index:10000;max-height:70vh;overflow:auto;background:#fff;color:#222;border:1px solid #bbb;border-radius:4px;padding:4px 10px;font:13px/1.4 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.2)">`,
    `<details><summary style="cursor:pointer">${escapeHtml(summary)}</summary><ul style="list-style:none;margin:4px 0;padding:0">${items.join('')}</ul></details>`,
    '</nav>',
    MENU_END,
  ].join('');
}

/** The page with its version menu replaced (a page copied from an earlier tree already has one). */
export function injectVersionMenu(html: string, menu: string): string {
  const start = html.indexOf(MENU_START);
  if (start !== -1) {
    const end = html.indexOf(MENU_END, start);
    if (end === -1) throw new Error('a version menu start marker without its end marker');
    return `${html.slice(0, start)}${menu}${html.slice(end + MENU_END.length)}`;
  }
  // The inlined Redoc bundle contains "<body>" in its scripts; the real tag is the first one after </head>.
  const head = html.indexOf('</head>');
  const body = /<body\b[^>]*>/i.exec(html.slice(head === -1 ? 0 : head));
  if (!body) throw new Error('no <body> tag to put the version menu in');
  const at = (head === -1 ? 0 : head) + body.index + body[0].length;
  return `${html.slice(0, at)}\n${menu}${html.slice(at)}`;
}

/**
 * GitHub Pages serves `404.html` for every missing path, at that path, so its links cannot be relative:
 * they start with the site's base path (`/ims-quick-import` for a project site, '' for a custom domain).
 */
export function notFoundPage(versions: VersionsFile, basePath: string): string {
  const base = basePath.replace(/\/+$/, '');
  const link = (to: string, text: string) => `<li><a href="${escapeHtml(`${base}/${to}`)}">${escapeHtml(text)}</a></li>`;
  const latest = versions.versions.find((v) => v.version === versions.latest);
  const list = versions.versions
    .map((v) => EDITIONS.filter((e) => v.editions[e.id]).map((e) => link(v.editions[e.id] as string, `v${v.version} — ${e.label}`)).join(''))
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found — IMS quick import API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em;color:#222}</style>
</head>
<body>
<main>
<h1>Page not found</h1>
<p lang="zh-CN">页面不存在。</p>
<p>This page does not exist. The API reference for IMS quick import:</p>
<ul id="latest">
${link('index.html', `Latest (${versions.latest}) — English`)}
${latest?.editions['zh-CN'] ? link('zh-CN/index.html', `最新版 (${versions.latest}) — 中文`) : ''}
</ul>
<h2>All versions / 所有版本</h2>
<ul id="versions">${list}</ul>
</main>
</body>
</html>
`;
}
