// The docs workflow's own shell steps, run for real twice against a local "origin": the gh-pages branch must
// keep every version across deployments (each run is a fresh clone, as on GitHub).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { docsDist } from '../test/docs-fixture.js';

const here = dirname(fileURLToPath(import.meta.url));
const workflow = parse(readFileSync(join(here, '../../../.github/workflows/docs.yml'), 'utf8'));
const steps: Array<{ name?: string; run?: string; 'working-directory'?: string }> = workflow.jobs.build.steps;
const work = mkdtempSync(join(tmpdir(), 'docs-workflow-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

function step(name: string) {
  const s = steps.find((x) => x.name === name);
  if (!s?.run) throw new Error(`docs.yml has no run step named "${name}"`);
  return s;
}

/** One workflow run: a fresh clone, then the steps that fetch, build and keep the tree. */
function deploy(run: string, docs: string): void {
  const clone = join(work, run);
  git(work, 'clone', '-q', join(work, 'origin.git'), clone);
  for (const name of ['The previous tree (gh-pages branch), if there is one', 'pnpm pages:build', 'Keep the tree on gh-pages']) {
    const s = step(name);
    const script = (s.run as string).replace('${{ steps.pages.outputs.base_path }}', '/ims-quick-import');
    execFileSync('bash', ['-e', '-c', script], { cwd: join(clone, s['working-directory'] ?? '.'), env: { ...env, DOCS_DIST: docs }, stdio: 'pipe' });
  }
}

describe('docs.yml keeps every version on gh-pages', () => {
  it('deploys 1.0.0, then 1.1.0 from a fresh clone: the branch holds both, one commit per deployment', () => {
    git(work, 'init', '-q', '--bare', '-b', 'main', 'origin.git');
    const seed = join(work, 'seed');
    git(work, 'clone', '-q', join(work, 'origin.git'), seed);
    // The repository's `pnpm pages:build`, pointed at a fixture docs build instead of docs/dist.
    const cli = join(here, '../dist/pages-build.js');
    writeFileSync(join(seed, 'package.json'), JSON.stringify({ name: 'seed', private: true, scripts: { 'pages:build': `node ${cli} --docs-dist "$DOCS_DIST"` } }));
    writeFileSync(join(seed, '.gitignore'), '_site/\n');
    git(seed, 'add', '-A');
    git(seed, 'commit', '-q', '-m', 'seed');
    git(seed, 'push', '-q', 'origin', 'HEAD:main');

    const first = docsDist('1.0.0');
    const second = docsDist('1.1.0', { zh: true });
    try {
      deploy('run1', first);
      deploy('run2', second);
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
    const origin = join(work, 'origin.git');
    const versions = JSON.parse(git(origin, 'show', 'gh-pages:versions.json'));
    expect(versions.versions.map((v: { version: string }) => v.version)).toEqual(['1.1.0', '1.0.0']);
    expect(git(origin, 'show', 'gh-pages:v1.0.0/index.html')).toContain('English 1.0.0');
    expect(git(origin, 'show', 'gh-pages:zh-CN/index.html')).toContain('中文 1.1.0');
    expect(git(origin, 'log', '--format=%s', 'gh-pages').split('\n')).toEqual([`Pages tree for ${env.GITHUB_SHA}`, `Pages tree for ${env.GITHUB_SHA}`]);
    expect(git(origin, 'show', 'gh-pages:404.html')).toContain('href="/ims-quick-import/v1.0.0/index.html"');
  });
});
