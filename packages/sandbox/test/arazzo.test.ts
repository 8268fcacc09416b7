// The Arazzo workflow spec/workflows/import-and-wait.arazzo.yaml, run by `redocly respect` against a live
// sandbox: submit, then poll until SUCCESS. Respect also checks each answer against the spec's schemas.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { BUCKET, makeBuckets } from './helpers/buckets.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const workflow = join(pkg, '..', '..', 'spec', 'workflows', 'import-and-wait.arazzo.yaml');
const redocly = join(pkg, 'node_modules', '.bin', 'redocly');
let root: string;
let out: string;
let sb: Sandbox;

beforeAll(async () => {
  root = await makeBuckets();
  out = await mkdtemp(join(tmpdir(), 'ims-respect-'));
  sb = await startSandbox({ bucketsDir: root, speed: 20, tokens: ['arazzo-token'] });
});
afterAll(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

async function respect(imageUrl: string, token = 'arazzo-token') {
  const json = join(out, `result-${Math.random().toString(16).slice(2)}.json`);
  const args = ['respect', workflow, '--server', `ims=${sb.url}`, '--input', `token=${token}`, '--input', `image_url=${imageUrl}`, '--json-output', json];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const r = await promisify(execFile)(redocly, args, { env, timeout: 60_000 }).then(
    (o) => ({ code: 0, ...o }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  const report = JSON.parse(await readFile(json, 'utf8'));
  return { code: r.code, report, text: `${r.stdout}\n${r.stderr}` };
}

describe('redocly respect: import-and-wait.arazzo.yaml', () => {
  it('passes against the sandbox', async () => {
    const r = await respect(`${BUCKET}:images/good.raw`);
    expect(r.code, r.text).toBe(0);
    expect(JSON.stringify(r.report)).toMatch(/"status":\s*"success"/);
    expect(r.text).toMatch(/Workflows: 1 passed/);
  });

  it('fails when the job fails (the workflow is not a rubber stamp)', async () => {
    const r = await respect(`${BUCKET}:images/qcow.raw`);
    expect(r.code).not.toBe(0);
    expect(r.text).toMatch(/Workflows: 1 failed/);
  });
});
