import { describe, expect, it } from 'vitest';
import type { ApiChange } from './api-diff.js';
import { parseChangeset, type Changeset } from './changesets.js';
import { evaluateGate } from './gate.js';

const BREAKING: ApiChange = { severity: 'breaking', direction: 'request', action: 'add', pointer: '/paths/x', message: '`zone` made required' };
const PKGS = ['@ims-quick-import/spec', '@ims-quick-import/client', '@ims-quick-import/validators', '@ims-quick-import/docs'];
const cs = (releases: Changeset['releases'], file = '.changeset/a.md'): Changeset => ({ file, releases, summary: '' });

describe('evaluateGate', () => {
  it('a breaking change without changesets fails for client and validators', () => {
    const r = evaluateGate({ breaking: [BREAKING], changedPackages: new Map(), changesets: [], workspacePackages: PKGS });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      '1 breaking API change needs a major changeset for @ims-quick-import/client (found none)',
      '1 breaking API change needs a major changeset for @ims-quick-import/validators (found none)',
    ]);
  });

  it('the highest bump across changesets counts', () => {
    const r = evaluateGate({
      breaking: [BREAKING, BREAKING],
      changedPackages: new Map(),
      changesets: [cs({ '@ims-quick-import/client': 'minor', '@ims-quick-import/validators': 'major' }), cs({ '@ims-quick-import/client': 'major' }, '.changeset/b.md')],
      workspacePackages: PKGS,
    });
    expect(r).toMatchObject({ ok: true, problems: [] });
  });

  it('a minor bump is not enough for a breaking change', () => {
    const r = evaluateGate({ breaking: [BREAKING], changedPackages: new Map(), changesets: [cs({ '@ims-quick-import/client': 'minor', '@ims-quick-import/validators': 'major' })], workspacePackages: PKGS });
    expect(r.problems).toEqual(['1 breaking API change needs a major changeset for @ims-quick-import/client (found minor)']);
  });

  it('a changed published package needs a changeset; non-breaking changes need no major', () => {
    const changed = new Map([['@ims-quick-import/docs', 'e.g. docs/guides/a.md'], ['@ims-quick-import/spec', 'e.g. spec/openapi.yaml']]);
    const r = evaluateGate({ breaking: [], changedPackages: changed, changesets: [cs({ '@ims-quick-import/spec': 'minor' })], workspacePackages: PKGS });
    expect(r.problems).toEqual(['@ims-quick-import/docs changed (e.g. docs/guides/a.md) but no changeset names it: run `pnpm changeset`']);
    expect(r.notes).toEqual(['@ims-quick-import/spec: minor changeset']);
  });

  it('a changeset naming an unknown package fails', () => {
    const r = evaluateGate({ breaking: [], changedPackages: new Map(), changesets: [cs({ '@ims-quick-import/clinet': 'patch' })], workspacePackages: PKGS });
    expect(r.problems).toEqual(['.changeset/a.md names @ims-quick-import/clinet, which is not a package of this workspace']);
  });
});

describe('parseChangeset', () => {
  it('reads quoted and bare package names', () => {
    const c = parseChangeset('---\n"@ims-quick-import/client": major\n\'@ims-quick-import/spec\': patch\n---\n\nDrop BMS.\n', 'x.md');
    expect(c).toEqual({ file: 'x.md', releases: { '@ims-quick-import/client': 'major', '@ims-quick-import/spec': 'patch' }, summary: 'Drop BMS.' });
  });

  it('rejects an unknown bump and a missing frontmatter', () => {
    expect(() => parseChangeset('---\n"a": huge\n---\n', 'x.md')).toThrow('x.md: "a": huge is not one of major, minor, patch, none');
    expect(() => parseChangeset('just text', 'y.md')).toThrow('y.md: no frontmatter');
  });
});
