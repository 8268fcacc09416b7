// The sandbox's own failures over a real socket: a bug inside a handler answers 500 with the sandbox's own
// code (never a service code such as IMG.0061, a 400 in the error table), in a body the spec's ErrorBody
// accepts, telling nothing of the exception; and the server keeps answering.
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { JobStore } from '../src/jobs.js';
import { SANDBOX_ERROR_CODES, startSandbox, type Sandbox } from '../src/index.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { call } from './helpers/http.js';

const auth = { 'X-Auth-Token': 't' };
// What a bug's exception might carry: a server path and a secret. Neither may reach the answer.
const BUG = new Error('cannot read /srv/ims-sandbox/private/state.jsonl with token s3cr3t-t0ken');
let root: string;
let sb: Sandbox;
beforeAll(async () => {
  root = await makeBuckets();
  sb = await startSandbox({ bucketsDir: root, speed: 1000, tokens: ['t'] });
});
afterAll(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Checks a 500 of the sandbox's own; `call` has already held it to the spec's schema for that operation. */
function expectOwn500(answer: { status: number; body: { error?: { code?: string; message?: string } } }) {
  expect(answer.status).toBe(500);
  expect(answer.body.error?.code).toBe(SANDBOX_ERROR_CODES.internal);
  expect(answer.body.error?.code).not.toBe('IMG.0061');
  expect(answer.body.error?.message).toMatch(/^ims-sandbox internal error/);
  for (const leak of ['/srv', 'private', 's3cr3t', BUG.message]) expect(answer.body.error?.message).not.toContain(leak);
}

describe('a bug inside a handler', () => {
  it('answers a poll 500 with the sandbox’s own code and logs the exception instead of answering it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(JobStore.prototype, 'get').mockImplementation(() => {
      throw BUG;
    });
    expectOwn500(await call('showJobProgress', `${sb.url}/v1/cloudimages/job/${'0'.repeat(32)}`, { headers: auth }));
    expect(log).toHaveBeenCalledWith('ims-sandbox: internal error', BUG);
  });

  it('answers a quick import 500 the same way, and the next request is served', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const submit = vi.spyOn(JobStore.prototype, 'submit').mockRejectedValue(BUG);
    expectOwn500(await call('importImageQuick', `${sb.url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/good.raw`) }));
    submit.mockRestore();
    const next = await call('importImageQuick', `${sb.url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/good.raw`) });
    expect(next.status).toBe(200);
  });
});
