// The OBS emulation against files that are not what they claim, in a real child process (a FIFO that
// blocked a libuv thread there would otherwise stall the test runner itself).
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { call, pollJob } from './helpers/http.js';
import { killAll, launch } from './helpers/launch.js';

const auth = { 'X-Auth-Token': 't' };
const asRoot = process.getuid?.() === 0; // only root may make a device node
let root: string;
beforeAll(async () => {
  root = await makeBuckets();
  const images = join(root, BUCKET, 'images');
  for (let i = 0; i < 6; i++) execFileSync('mkfifo', [join(images, `fifo${i}.zvhd2`)]);
  if (asRoot) execFileSync('mknod', [join(images, 'device.zvhd2'), 'c', '1', '5']); // /dev/zero: endless, never a file
  await writeFile(join(images, 'unreadable.zvhd2'), Buffer.alloc(1024));
  await chmod(join(images, 'unreadable.zvhd2'), 0o000);
  await mkdir(join(images, 'locked'));
  await writeFile(join(images, 'locked', 'inside.zvhd2'), Buffer.alloc(1024));
  await chmod(join(images, 'locked'), 0o000);
  await chmod(root, 0o755); // mkdtemp makes it 0700; the sandbox may run as another user below
});
afterAll(async () => {
  await killAll();
  await chmod(join(root, BUCKET, 'images', 'locked'), 0o755);
  await rm(root, { recursive: true, force: true });
});

const importJob = async (url: string, key: string) =>
  (await call('importImageQuick', `${url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/${key}`) })).body.job_id as string;

describe('hostile objects', () => {
  it('refuses FIFOs without blocking: six of them and a good image, all answered', async () => {
    const sb = await launch(['--buckets', root, '--port', '0', '--token', 't', '--speed', '1000']);
    const fifos = await Promise.all(Array.from({ length: 6 }, (_, i) => importJob(sb.url, `fifo${i}.zvhd2`)));
    const good = await importJob(sb.url, 'good.zvhd2');
    expect((await pollJob(sb.url, good, auth, 400)).job.status).toBe('SUCCESS');
    for (const id of fifos) {
      const { job } = await pollJob(sb.url, id, auth, 400);
      expect([job.status, job.error_code]).toEqual(['FAIL', 'IMG.0121']);
      expect(job.fail_reason).toMatch(/fifo\d\.zvhd2 in bucket test-bucket is not a regular file/);
      expect(job.fail_reason).not.toContain(root);
    }
  });

  it.skipIf(!asRoot)('refuses a device node as an object', async () => {
    const sb = await launch(['--buckets', root, '--port', '0', '--token', 't', '--speed', '1000']);
    const { job } = await pollJob(sb.url, await importJob(sb.url, 'device.zvhd2'), auth, 400);
    expect([job.status, job.error_code, job.fail_reason]).toEqual(['FAIL', 'IMG.0121', `The object images/device.zvhd2 in bucket ${BUCKET} is not a regular file.`]);
  });

  it('says "permission denied" about the object, never the server path', async () => {
    // Root reads everything, so when the tests run as root the sandbox runs as nobody.
    const asUser = asRoot ? { asUser: 65534 } : {};
    const sb = await launch(['--buckets', root, '--port', '0', '--token', 't', '--speed', '1000'], asUser);
    for (const key of ['unreadable.zvhd2', 'locked/inside.zvhd2']) {
      const { job } = await pollJob(sb.url, await importJob(sb.url, key), auth, 400);
      expect([job.status, job.error_code], key).toEqual(['FAIL', 'IMG.0057']);
      expect(job.fail_reason).toBe(`The image file images/${key} in bucket ${BUCKET} cannot be read: permission denied.`);
    }
  });
});
