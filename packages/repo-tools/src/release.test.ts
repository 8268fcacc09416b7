import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = join(dirname(fileURLToPath(import.meta.url)), '../dist/release.js');

describe('release CLI', () => {
  it('prints its usage and refuses unknown options', () => {
    if (!existsSync(script)) throw new Error('dist/release.js is missing: run `pnpm --filter @ims-quick-import/repo-tools build`');
    const help = spawnSync(process.execPath, [script, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: release [--dry-run [--offline]] [--skip-build] [--keep]');
    const bad = spawnSync(process.execPath, [script, '--publish-everything'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("release: Unknown option '--publish-everything'");
  });
});
