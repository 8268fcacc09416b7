import { describe, expect, it } from 'vitest';
import { TOOLS, packageDir, run, runOk } from './run.js';

describe('run', () => {
  it('captures output and exit codes without a shell', () => {
    expect(run(process.execPath, ['-e', 'process.stdout.write("a;b"); process.exit(3)'], { cwd: '.' })).toEqual({ code: 3, stdout: 'a;b', stderr: '' });
  });

  it('runOk turns a failure into an error carrying the tail of stderr', () => {
    expect(() => runOk(process.execPath, ['-e', 'console.error("bad thing"); process.exit(4)'], { cwd: '.' })).toThrow(/failed with exit code 4 \(in \.\):\nbad thing/);
  });

  it('passes the quiet environment to every child', () => {
    const env = run(process.execPath, ['-e', 'process.stdout.write(process.env.REDOCLY_TELEMETRY + "," + process.env.TURBO_TELEMETRY_DISABLED)'], { cwd: '.' });
    expect(env.stdout).toBe('off,1');
  });

  it('finds the tools this package ships with', () => {
    expect(packageDir('@redocly/cli')).toMatch(/node_modules\/@redocly\/cli$/);
    expect(TOOLS.changeset()).toMatch(/@changesets\/cli\/bin\.js$/);
    expect(() => packageDir('no-such-package-xyz')).toThrow('package no-such-package-xyz is not installed next to repo-tools');
  });
});
