#!/usr/bin/env node
// `pnpm pages:build [--previous <dir>] [--out <dir>] [--base-path <path>] [--docs-dist <dir>]`
// Builds the GitHub Pages tree (see pages-tree.ts) from the docs build; the docs workflow runs it with the
// gh-pages branch checked out as --previous.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './git.js';
import { buildPagesTree } from './pages-tree.js';
import { isMainModule } from './run.js';

const HELP = `Usage: pages:build [--previous <dir>] [--out <dir>] [--base-path <path>] [--docs-dist <dir>]
  --previous   the tree deployed before (the gh-pages branch); its v<version>/ folders are kept
  --out        where to write the tree (default: _site at the repository root); emptied first, but only
               if an earlier pages:build wrote it
  --base-path  the site's path on its host, for the 404 page's links (default: none, e.g. /ims-quick-import)
  --docs-dist  the docs build (default: docs/dist; run \`pnpm build\` first)
`;

export function pagesBuild(argv: string[], cwd = process.cwd(), write: (s: string) => void = (s) => process.stdout.write(s)): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      previous: { type: 'string' },
      out: { type: 'string' },
      'base-path': { type: 'string' },
      'docs-dist': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    write(HELP);
    return;
  }
  // The defaults are relative to the repository; with both paths given, any folder will do.
  const repo = () => repoRoot(cwd);
  const basePath = values['base-path'] ?? '';
  if (basePath && !/^\/[\w.~/-]*$/.test(basePath)) throw new Error(`--base-path ${basePath} must be a URL path starting with /`);
  const out = resolve(cwd, values.out ?? join(repo(), '_site'));
  const r = buildPagesTree({
    docsDist: resolve(cwd, values['docs-dist'] ?? join(repo(), 'docs/dist')),
    out,
    previous: values.previous === undefined ? undefined : resolve(cwd, values.previous),
    basePath,
    log: (l) => write(`  ${l}\n`),
  });
  write(`pages tree in ${out}: ${r.pages.length} pages, versions ${r.versions.versions.map((v) => v.version).join(', ')} (latest ${r.versions.latest})\n`);
}

if (isMainModule(import.meta.url)) {
  try {
    pagesBuild(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`pages:build: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
