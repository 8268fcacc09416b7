// Builds the whole GitHub Pages tree from the docs build and the tree deployed before:
//   index.html, zh-CN/index.html        the latest spec version (English, Chinese)
//   v<spec version>/index.html, …/zh-CN/index.html   every released spec version, kept forever
//   versions.json, 404.html
// Earlier versions come from `previous` (the release workflow checks out the `gh-pages` branch, where each
// deploy commits its tree): they are copied as they are, only their version menu is rewritten to list every
// version. The current build replaces its own version's folder, so re-releasing docs for a version updates
// it in place.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EDITIONS, injectVersionMenu, notFoundPage, versionMenu, type Edition, type VersionEntry, type VersionsFile } from './pages-html.js';

export const VERSION_DIR = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** Left in the output folder so a later build may empty it; a folder without it is never emptied. */
const MARKER = '.ims-pages-tree';

export interface PagesTreeOptions {
  /** The docs package's build output: `index.html`, `openapi.docs.json`, and `zh-CN/index.html` once built. */
  docsDist: string;
  out: string;
  /** The tree deployed before (may be absent or empty on the first deploy). */
  previous?: string;
  /** The site's base path on its host, for the 404 page: `/ims-quick-import`, or '' at a domain's root. */
  basePath?: string;
  /** Defaults to `info.version` of `openapi.docs.json`, the document the page was rendered from. */
  specVersion?: string;
  log?: (line: string) => void;
}

export interface PagesTreeResult {
  versions: VersionsFile;
  /** Every HTML page written, relative to `out`. */
  pages: string[];
  /** Editions of the current build that were not there (the Chinese edition before it is built). */
  missingEditions: Edition['id'][];
}

/** Newest first; a prerelease sorts below its release. */
export function compareVersionsDesc(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2) as [string, string | undefined];
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (y.nums[i] ?? 0) - (x.nums[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return -1;
  if (y.pre === undefined) return 1;
  return y.pre.localeCompare(x.pre, 'en', { numeric: true });
}

/** The versions an earlier tree holds: its versions.json, plus any `v<version>/` folder it lost track of. */
export function previousVersions(previous: string | undefined, log: (l: string) => void = () => {}): string[] {
  if (!previous || !existsSync(previous)) return [];
  const found = new Set<string>();
  const file = join(previous, 'versions.json');
  if (existsSync(file)) {
    let data: Partial<VersionsFile> | null = null;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as Partial<VersionsFile> | null;
    } catch (e) {
      log(`previous versions.json is unreadable (${(e as Error).message}): keeping the v<version>/ folders found`);
    }
    for (const v of Array.isArray(data?.versions) ? data.versions : []) {
      // The file comes from a branch anyone with push access can edit: only plain versions become paths.
      if (typeof v?.version === 'string' && VERSION.test(v.version)) found.add(v.version);
      else log(`previous versions.json: ignoring the entry ${JSON.stringify(v)}`);
    }
  }
  for (const entry of readdirSync(previous, { withFileTypes: true })) {
    const m = VERSION_DIR.exec(entry.name);
    if (m?.[1] && entry.isDirectory()) found.add(m[1]);
  }
  return [...found].filter((v) => existsSync(join(previous, `v${v}`, 'index.html')));
}

/** Copies a folder, leaving out symlinks and anything else that is not a plain file or folder. */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    if (entry.isDirectory()) copyTree(src, join(to, entry.name));
    else if (entry.isFile()) copyFileSync(src, join(to, entry.name));
  }
}

function prepareOut(out: string, previous: string | undefined): void {
  const abs = resolve(out);
  if (previous && !relative(resolve(previous), abs).startsWith('..') ) throw new Error(`--out ${out} is inside --previous ${previous}`);
  if (previous && !relative(abs, resolve(previous)).startsWith('..')) throw new Error(`--previous ${previous} is inside --out ${out}`);
  if (existsSync(abs)) {
    if (!lstatSync(abs).isDirectory()) throw new Error(`--out ${out} is not a folder`);
    if (readdirSync(abs).length && !existsSync(join(abs, MARKER))) {
      throw new Error(`--out ${out} is not empty and was not written by pages:build; refusing to empty it`);
    }
    rmSync(abs, { recursive: true, force: true });
  }
  mkdirSync(abs, { recursive: true });
  writeFileSync(join(abs, MARKER), 'Written by pnpm pages:build (packages/repo-tools/src/pages-tree.ts); emptied on the next build.\n');
}

function editionPage(version: string | 'latest', e: Edition): string {
  return `${version === 'latest' ? '' : `v${version}/`}${e.dir}index.html`;
}

export function buildPagesTree(o: PagesTreeOptions): PagesTreeResult {
  const log = o.log ?? (() => {});
  const specVersion = o.specVersion ?? (JSON.parse(readFileSync(join(o.docsDist, 'openapi.docs.json'), 'utf8')) as { info: { version: string } }).info.version;
  if (!VERSION.test(specVersion)) throw new Error(`spec version ${JSON.stringify(specVersion)} is not a plain semantic version`);
  if (!existsSync(join(o.docsDist, 'index.html'))) throw new Error(`${join(o.docsDist, 'index.html')} is missing: run \`pnpm build\` first`);
  const current = EDITIONS.filter((e) => existsSync(join(o.docsDist, e.dir, 'index.html')));
  const missingEditions = EDITIONS.filter((e) => !current.includes(e)).map((e) => e.id);
  for (const id of missingEditions) log(`the ${id} edition is not in ${o.docsDist} (not built yet): the site is published without it`);

  const kept = previousVersions(o.previous, log).filter((v) => v !== specVersion);
  prepareOut(o.out, o.previous);
  const entries: VersionEntry[] = [];
  for (const v of kept) {
    copyTree(join(o.previous as string, `v${v}`), join(o.out, `v${v}`));
    const editions = Object.fromEntries(EDITIONS.filter((e) => existsSync(join(o.out, editionPage(v, e)))).map((e) => [e.id, editionPage(v, e)]));
    entries.push({ version: v, path: `v${v}/`, editions });
    log(`kept v${v} (${Object.keys(editions).join(', ')}) from ${o.previous}`);
  }
  for (const target of ['latest', specVersion] as const) {
    for (const e of current) {
      const to = join(o.out, editionPage(target, e));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(join(o.docsDist, e.dir, 'index.html'), to);
    }
  }
  entries.push({ version: specVersion, path: `v${specVersion}/`, editions: Object.fromEntries(current.map((e) => [e.id, editionPage(specVersion, e)])) });
  entries.sort((a, b) => compareVersionsDesc(a.version, b.version));
  const versions: VersionsFile = { latest: specVersion, versions: entries };

  const pages: string[] = [];
  const places = [
    ...current.map((e) => ({ page: editionPage('latest', e), shows: 'latest', edition: e.id })),
    ...entries.flatMap((v) => EDITIONS.filter((e) => v.editions[e.id]).map((e) => ({ page: editionPage(v.version, e), shows: v.version, edition: e.id }))),
  ];
  for (const place of places) {
    const file = join(o.out, place.page);
    writeFileSync(file, injectVersionMenu(readFileSync(file, 'utf8'), versionMenu(versions, place)));
    pages.push(place.page);
  }
  writeFileSync(join(o.out, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
  writeFileSync(join(o.out, '404.html'), notFoundPage(versions, o.basePath ?? ''));
  pages.push('404.html');
  log(`latest: ${specVersion}; versions: ${entries.map((e) => e.version).join(', ')}`);
  return { versions, pages, missingEditions };
}
