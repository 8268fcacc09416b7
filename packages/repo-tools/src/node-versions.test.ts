import { describe, expect, it } from 'vitest';
import { ENGINES_NODE, engineProblems, matrixNodeVersions, matrixProblems } from './node-versions.js';
import type { WorkspacePackage } from './workspace.js';

const pkg = (dir: string, engines?: object): WorkspacePackage => ({ name: `@x/${dir}`, dir, version: '1.0.0', private: false, manifest: { name: `@x/${dir}`, engines } });

describe('engines', () => {
  it('holds every published package to the tested lines', () => {
    expect(engineProblems([pkg('a', { node: ENGINES_NODE }), pkg('b', { node: '>=20' }), pkg('c')])).toEqual([
      `b/package.json: engines.node is ">=20", the tested lines are "${ENGINES_NODE}" (see packages/repo-tools/src/node-versions.ts)`,
      `c/package.json: engines.node is null, the tested lines are "${ENGINES_NODE}" (see packages/repo-tools/src/node-versions.ts)`,
    ]);
  });
});

describe('workflow node matrices', () => {
  it('reads each job\'s matrix.node and accepts exactly the tested lines in any order', () => {
    const wf = { jobs: { a: { strategy: { matrix: { node: [24, 20, 22] } } }, b: { steps: [] }, c: { strategy: { matrix: { node: ['20', '22'] } } } } };
    expect([...matrixNodeVersions(wf)]).toEqual([['a', ['24', '20', '22']], ['c', ['20', '22']]]);
    expect(matrixProblems(wf)).toEqual(['job "c" tests Node 20, 22; the published packages promise 20, 22, 24']);
    expect(matrixProblems(null)).toEqual([]);
  });
});
