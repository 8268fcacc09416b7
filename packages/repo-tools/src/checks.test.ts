// The API gate and the spec lint end to end: a real temporary git repository, real redocly runs, the real diff.
import { afterEach, describe, expect, it } from 'vitest';
import { addOptionalRequestField, addRequiredRequestField, loadBundle, mutated, quickImportOnly, type Mutation } from '../test/spec-pairs.js';
import { changeset, createTempRepo, type TempRepo } from '../test/temp-repo.js';
import { checkPr } from './check-pr.js';

const base = quickImportOnly(loadBundle());
const MAJOR_ALL = { '@ims-quick-import/client': 'major', '@ims-quick-import/validators': 'major', '@ims-quick-import/spec': 'major' };

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function featureBranch(mutation: Mutation, onMain?: (r: TempRepo) => void): TempRepo {
  repo = createTempRepo(base);
  if (onMain) {
    onMain(repo);
    repo.commitAll('setup on main');
  }
  repo.git('checkout', '-q', '-b', 'feature');
  repo.writeSpec(mutated(base, mutation));
  repo.commitAll('change the spec');
  return repo;
}

async function gate(dir: string, ...args: string[]) {
  const { ok, results } = await checkPr(['--only', 'api', ...args], dir);
  const r = results[0]!;
  return { ok, failures: r.failures, text: r.lines.join('\n') };
}

describe('API changes and changesets', () => {
  it('fails on a breaking change without a major changeset, and passes once it has one', async () => {
    const r = featureBranch(addRequiredRequestField);
    const before = await gate(r.dir);
    expect(before.ok).toBe(false);
    expect(before.text).toContain('merge-base(HEAD, main)');
    expect(before.text).toMatch(/breaking:\n\s+- POST \/v2\/cloudimages\/quickimport\/action request body: `zone_id` made required/);
    expect(before.failures).toContain('@ims-quick-import/spec changed (e.g. spec/openapi.yaml) but no changeset names it: run `pnpm changeset`');
    expect(before.failures.filter((f) => f.includes('need a major changeset for @ims-quick-import/'))).toHaveLength(2);

    r.write('.changeset/require-zone.md', changeset({ '@ims-quick-import/client': 'minor', '@ims-quick-import/validators': 'major', '@ims-quick-import/spec': 'minor' }));
    const minor = await gate(r.dir);
    expect(minor.failures).toEqual([expect.stringMatching(/need a major changeset for @ims-quick-import\/client \(found minor\)$/)]);

    r.write('.changeset/require-zone.md', changeset(MAJOR_ALL));
    const after = await gate(r.dir);
    expect(after.failures).toEqual([]);
    expect(after.ok).toBe(true);
  });

  it('a non-breaking change needs only a changeset for what changed', async () => {
    const r = featureBranch(addOptionalRequestField);
    const noChangeset = await gate(r.dir);
    expect(noChangeset.text).toContain('non-breaking:');
    expect(noChangeset.text).not.toContain('  breaking:');
    expect(noChangeset.failures).toEqual(['@ims-quick-import/spec changed (e.g. spec/openapi.yaml) but no changeset names it: run `pnpm changeset`']);
    r.write('.changeset/zone.md', changeset({ '@ims-quick-import/spec': 'minor' }));
    r.write('packages/client/src/index.test.ts', 'test-only files ship nothing\n');
    expect((await gate(r.dir)).ok).toBe(true);
    r.write('packages/client/src/index.ts', 'export const x = 2;\n');
    expect((await gate(r.dir)).failures).toEqual(['@ims-quick-import/client changed (e.g. packages/client/src/index.ts) but no changeset names it: run `pnpm changeset`']);
  });

  it('packages built from the spec count as changed when the contract changes, but not for description edits', async () => {
    const declareSpecVersion = (r: TempRepo) =>
      r.write('packages/client/package.json', JSON.stringify({ name: '@ims-quick-import/client', version: '1.0.0', 'ims-quick-import': { specVersion: '1.0.0' } }));
    const r = featureBranch(addOptionalRequestField, declareSpecVersion);
    r.write('.changeset/zone.md', changeset({ '@ims-quick-import/spec': 'minor' }));
    expect((await gate(r.dir)).failures).toEqual([
      '@ims-quick-import/client changed (built from the spec, and the API contract has 1 change) but no changeset names it: run `pnpm changeset`',
    ]);
    r.writeSpec(mutated(base, (d) => {
      d.info.description = 'Reworded.';
    }));
    expect((await gate(r.dir)).ok).toBe(true);
  });

  it('a malformed changeset fails the gate with its file name', async () => {
    const r = featureBranch(addOptionalRequestField);
    r.write('.changeset/oops.md', '---\n"@ims-quick-import/spec": big\n---\n');
    expect((await gate(r.dir)).failures).toEqual(['.changeset/oops.md: "@ims-quick-import/spec": big is not one of major, minor, patch, none']);
  });
});

describe('spec lint', () => {
  it('fails on an invalid spec, with redocly annotations in GitHub Actions', async () => {
    repo = createTempRepo(base);
    expect((await checkPr(['--only', 'lint'], repo.dir)).ok).toBe(true);
    repo.writeSpec(mutated(base, (d) => {
      delete d.info;
    }));
    const prev = process.env.GITHUB_ACTIONS;
    process.env.GITHUB_ACTIONS = 'true';
    try {
      const gh = await checkPr(['--only', 'lint'], repo.dir);
      expect(gh.ok).toBe(false);
      expect(gh.results[0]!.failures[0]).toMatch(/redocly lint found problems:[\s\S]*info/);
      expect(gh.results[0]!.annotations?.some((a) => /^::error .*::.*info/.test(a))).toBe(true);
    } finally {
      if (prev === undefined) delete process.env.GITHUB_ACTIONS;
      else process.env.GITHUB_ACTIONS = prev;
    }
  });
});
