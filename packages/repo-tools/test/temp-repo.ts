// A throwaway git repository shaped like this monorepo (workspace file, redocly.yaml, a spec package and
// the client/validators manifests), for testing the gate end to end without touching the real checkout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, content: string): void;
  writeSpec(doc: unknown): void;
  commitAll(message: string): void;
  remove(): void;
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function createTempRepo(spec: unknown): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'repo-tools-gate-'));
  const repo: TempRepo = {
    dir,
    git: (...args) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim(),
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    writeSpec(doc) {
      repo.write('spec/openapi.yaml', stringify(doc));
    },
    commitAll(message) {
      repo.git('add', '-A');
      repo.git('commit', '-q', '--no-verify', '-m', message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  repo.git('init', '-q', '-b', 'main');
  repo.write('pnpm-workspace.yaml', 'packages:\n  - spec\n  - packages/*\n');
  repo.write('redocly.yaml', 'apis:\n  ims:\n    root: spec/openapi.yaml\nextends:\n  - recommended\n');
  repo.write('.gitignore', 'node_modules/\n**/dist/\n**/src/generated/\n');
  const manifest = (name: string, extra: object = {}) => `${JSON.stringify({ name, version: '1.0.0', ...extra }, null, 2)}\n`;
  repo.write('spec/package.json', manifest('@ims-quick-import/spec'));
  repo.write('packages/client/package.json', manifest('@ims-quick-import/client'));
  repo.write('packages/client/src/index.ts', 'export const x = 1;\n');
  repo.write('packages/validators/package.json', manifest('@ims-quick-import/validators'));
  repo.write('packages/repo-tools/package.json', manifest('@ims-quick-import/repo-tools', { private: true }));
  repo.write('.changeset/README.md', 'changesets live here\n');
  repo.writeSpec(spec);
  repo.commitAll('base');
  return repo;
}

export function changeset(releases: Record<string, string>, summary = 'A change.'): string {
  return `---\n${Object.entries(releases).map(([k, v]) => `"${k}": ${v}`).join('\n')}\n---\n\n${summary}\n`;
}
