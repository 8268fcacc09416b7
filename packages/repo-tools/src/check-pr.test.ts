// The CLI as CI runs it: a child process in a temporary git repository.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { addRequiredRequestField, loadBundle, mutated, quickImportOnly } from '../test/spec-pairs.js';
import { createTempRepo, type TempRepo } from '../test/temp-repo.js';
import { checkPr } from './check-pr.js';

const base = quickImportOnly(loadBundle());
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const script = join(dirname(fileURLToPath(import.meta.url)), '../dist/check-pr.js');
  if (!existsSync(script)) throw new Error('dist/check-pr.js is missing: run `pnpm --filter @ims-quick-import/repo-tools build`');
  return spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', ...env } });
}

describe('check-pr CLI', () => {
  it('exits 1 and writes GitHub annotations for a failing gate', () => {
    repo = createTempRepo(base);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.writeSpec(mutated(base, addRequiredRequestField));
    repo.commitAll('require zone_id');
    const res = cli(repo.dir, ['--only', 'api', '--base', 'main'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '' });
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('FAIL  API changes and changesets');
    expect(res.stdout).toMatch(/^::error title=check%3Apr API changes and changesets::\d+ breaking API changes? needs? a major changeset for @ims-quick-import\/client/m);
    expect(res.stdout).toMatch(/^::warning title=.*::breaking: POST \/v2\/cloudimages\/quickimport\/action request body: `zone_id` made required/m);
    expect(res.stdout).toMatch(/check:pr failed: API changes and changesets\n$/);
  });

  it('rejects unknown checks and options with exit 2', () => {
    repo = createTempRepo(base);
    const res = cli(repo.dir, ['--only', 'speling']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe('check:pr: unknown check "speling" (known: lint, api, drift, packages, size, workflows, translations)\n');
    expect(cli(repo.dir, ['--bsae', 'main']).status).toBe(2);
  });

  it('skips the API gate when there is nothing to compare', async () => {
    repo = createTempRepo(base);
    const { ok, results } = await checkPr(['--only', 'api'], repo.dir);
    expect(ok).toBe(true);
    expect(results[0]).toMatchObject({ status: 'skip', lines: [expect.stringContaining('nothing to compare')] });
  });
});
