import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR } from './paths.js';
import { formatProblems, typecheckFiles } from './typecheck.js';

const sources = ['samples', 'snippets'].flatMap((dir) =>
  readdirSync(join(GENERATED_DIR, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(GENERATED_DIR, dir, f)),
);

describe('the TypeScript of the site type-checks against the published client', () => {
  it('resolves @ims-quick-import/client to its built .d.ts (build the client first)', () => {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@ims-quick-import/client/package.json');
    const types = (JSON.parse(readFileSync(pkg, 'utf8')) as { types: string }).types;
    expect(existsSync(join(pkg, '..', types)), `${types} of the client`).toBe(true);
  });

  it('every generated sample and every ts block of the guides compiles under the strict workspace options', () => {
    expect(sources.length).toBeGreaterThanOrEqual(10);
    const problems = typecheckFiles(sources);
    expect(formatProblems(problems)).toBe('');
  });

  it('reports a wrong sample: the check can fail', () => {
    const file = join(GENERATED_DIR, 'samples', 'importImageQuick.ts');
    const original = readFileSync(file, 'utf8');
    const wrongType = original.replace(/min_disk: (\d+)/, "min_disk: '$1'");
    const wrongName = wrongType.replace('client.waitForJob(', 'client.waitForJobs(');
    expect(wrongName).not.toBe(original);
    const problems = typecheckFiles([file], { [file]: wrongName });
    const text = formatProblems(problems);
    expect(text).toMatch(/waitForJobs/);
    expect(text).toMatch(/not assignable|No overload/);
  });
});
