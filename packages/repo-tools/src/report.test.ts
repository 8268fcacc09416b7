import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotation, printResults, type CheckResult } from './report.js';

const results: CheckResult[] = [
  { name: 'lint', status: 'pass', lines: ['valid'], failures: [] },
  { name: 'api', status: 'fail', lines: ['API: 1 breaking.'], failures: ['needs a major changeset for a, b\n(found: minor)'], warnings: ['breaking: 100% gone'] },
];

describe('report', () => {
  it('escapes workflow-command data and properties', () => {
    expect(annotation('error', 'check:pr api, gate', 'a%b\nc')).toBe('::error title=check%3Apr api%2C gate::a%25b%0Ac');
  });

  it('prints plain text outside GitHub Actions', () => {
    let out = '';
    printResults(results, {}, (s) => (out += s));
    expect(out).toContain('PASS  lint');
    expect(out).toContain('FAIL  api\n      API: 1 breaking.\n    ✗ needs a major changeset for a, b\n      (found: minor)');
    expect(out).not.toContain('::');
    expect(out).toMatch(/check:pr failed: api\n$/);
  });

  it('adds annotations and a job summary in GitHub Actions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'repo-tools-report-'));
    try {
      const summary = join(dir, 'summary.md');
      let out = '';
      printResults(results, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, (s) => (out += s));
      expect(out).toContain('::error title=check%3Apr api::needs a major changeset for a, b%0A(found: minor)\n');
      expect(out).toContain('::warning title=check%3Apr api::breaking: 100%25 gone\n');
      const md = readFileSync(summary, 'utf8');
      expect(md).toContain('| api | FAIL |');
      expect(md).toContain('✗ needs a major changeset for a, b');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
