import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTempRepo, type TempRepo } from '../test/temp-repo.js';
import { checkPr } from './check-pr.js';
import { matrixNodeVersions, TESTED_NODE_MAJORS } from './node-versions.js';
import { actionlint, lintWorkflow, pinProblems, workflowFiles } from './workflow-lint.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';
const good = `name: ok
on: push
permissions: {}
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22, 24]
    steps:
      - uses: ${CHECKOUT}
      - run: echo "\${{ matrix.node }}"
`;

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe('actionlint (WebAssembly)', () => {
  it('passes a sound workflow and finds a typo in an expression, an unknown key and a missing runs-on', async () => {
    expect(await lintWorkflow(good, 'ok.yml')).toEqual([]);
    const broken = good.replace('matrix.node }}', 'matrix.nod }}').replace('permissions: {}', 'permisions: {}').replace('    runs-on: ubuntu-latest\n', '');
    const found = await actionlint(broken, 'broken.yml');
    expect(found.map((p) => p.kind).sort()).toEqual(['expression', 'syntax-check', 'syntax-check']);
    expect(found.find((p) => p.kind === 'expression')).toMatchObject({ file: 'broken.yml', line: 11, message: expect.stringContaining('property "nod" is not defined') });
    expect(found.map((p) => p.message).join('\n')).toMatch(/unexpected key "permisions"[\s\S]*"runs-on" section is missing/);
  });

  it('reports broken YAML with its position instead of crashing', async () => {
    const found = await lintWorkflow('on: push\njobs:\n  a:\n    runs-on: [\n', 'bad.yml');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'bad.yml', kind: 'syntax-check', line: expect.any(Number) });
  });
});

describe('pinned actions', () => {
  it('wants a full commit SHA and the release in a comment, and lets local actions and digests through', () => {
    const text = [
      'steps:',
      '  - uses: actions/checkout@v4',
      `  - uses: ${CHECKOUT}`,
      '  - uses: "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020"',
      '  - uses: ./.github/actions/local',
      `  - uses: docker://alpine@sha256:${'a'.repeat(64)}`,
      '  - uses: docker://alpine:3',
      '    with: { uses: not-an-action }',
    ].join('\n');
    expect(pinProblems(text, 'w.yml').map((p) => [p.line, p.message])).toEqual([
      [2, '"actions/checkout@v4" is not pinned to a full commit SHA (owner/repo@<40 hex digits> # vX.Y.Z)'],
      [4, '"actions/setup-node@820762786026740c76f36085b0efc47a31fe5020" needs a "# vX.Y.Z" comment naming the release the SHA belongs to'],
      [7, '"docker://alpine:3" is not pinned to a full commit SHA (owner/repo@<40 hex digits> # vX.Y.Z)'],
    ]);
  });
});

describe('the repository\'s workflows', () => {
  it('test the published packages on every Node line engines promises, in the PR and release workflows', () => {
    for (const f of ['pr.yml', 'release.yml']) {
      const doc = parse(readFileSync(join(repoRoot, '.github/workflows', f), 'utf8'));
      expect(matrixNodeVersions(doc).get('test'), f).toEqual(TESTED_NODE_MAJORS.map(String));
    }
    expect(workflowFiles(repoRoot)).toEqual(expect.arrayContaining(['.github/workflows/pr.yml', '.github/workflows/release.yml', '.github/workflows/docs.yml']));
  });

  it('release.yml runs `pnpm release` (the dry run\'s code path) with the permissions provenance needs', () => {
    const doc = parse(readFileSync(join(repoRoot, '.github/workflows/release.yml'), 'utf8'));
    const job = doc.jobs.release;
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
    const step = job.steps.find((s: { id?: string }) => s.id === 'changesets');
    expect(step.with).toMatchObject({ version: 'pnpm release --version', publish: 'pnpm release' });
    expect(doc.jobs.docs).toMatchObject({ uses: './.github/workflows/docs.yml', permissions: { pages: 'write', 'id-token': 'write' } });
  });
});

describe('check:pr workflows', () => {
  it('fails on a broken workflow, a tag-pinned action, an off-matrix job and an engines field off the tested lines', async () => {
    repo = createTempRepo({ openapi: '3.1.0', info: { title: 't', version: '1.0.0' }, paths: {} });
    const engines = { node: '^20.19.0 || ^22.12.0 || >=24.0.0' };
    for (const p of ['spec', 'packages/client', 'packages/validators']) {
      const name = `@ims-quick-import/${p.split('/').pop()}`;
      repo.write(`${p}/package.json`, JSON.stringify({ name, version: '1.0.0', engines }));
    }
    repo.write('.github/workflows/ok.yml', good);
    const pass = await checkPr(['--only', 'workflows'], repo.dir);
    expect(pass.results[0]).toMatchObject({ status: 'pass', failures: [] });

    repo.write('.github/workflows/ok.yml', good.replace('[20, 22, 24]', '[18, 20]').replace(CHECKOUT, 'actions/checkout@v4').replace('matrix.node }}', 'matrix.nod }}'));
    repo.write('packages/client/package.json', JSON.stringify({ name: '@ims-quick-import/client', version: '1.0.0', engines: { node: '>=18' } }));
    const fail = await checkPr(['--only', 'workflows'], repo.dir);
    expect(fail.ok).toBe(false);
    const failures = fail.results[0]?.failures ?? [];
    expect(failures).toEqual([
      expect.stringMatching(/^\.github\/workflows\/ok\.yml:12:\d+: property "nod" is not defined .*\[expression\]$/),
      '.github/workflows/ok.yml:11:15: "actions/checkout@v4" is not pinned to a full commit SHA (owner/repo@<40 hex digits> # vX.Y.Z) [pin]',
      '.github/workflows/ok.yml:1:1: job "test" tests Node 18, 20; the published packages promise 20, 22, 24 [matrix]',
      'packages/client/package.json: engines.node is ">=18", the tested lines are "^20.19.0 || ^22.12.0 || >=24.0.0" (see packages/repo-tools/src/node-versions.ts)',
    ]);
  });
});
