import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, makeBuckets } from '../test/helpers/buckets.js';
import { holdLibuvThreads } from '../test/helpers/hold-threads.js';
import { writeBucketImage } from './bucket-image.js';
import { bitmapKey, inspectImport, objectPath } from './obs.js';

let root: string;
let outside: string;
beforeAll(async () => {
  root = await makeBuckets();
  // A directory beside the buckets root holding a perfectly good image: no key may reach it.
  outside = await mkdtemp(join(tmpdir(), 'ims-outside-'));
  await writeBucketImage(dirname(outside), { bucket: basename(outside), object: 'secret.raw' }); // with secret.mf
  const mib = Buffer.alloc(1024 * 1024);
  const images = join(root, BUCKET, 'images');
  await symlink(join(outside, 'secret.raw'), join(images, 'link-out.raw'));
  await symlink(join(outside, 'secret.mf'), join(images, 'link-out.mf'));
  await symlink('good.zvhd2', join(images, 'link-in.zvhd2'));
  await symlink('good.raw', join(images, 'link-in.raw'));
  await symlink(join(outside, 'secret.mf'), join(images, 'good-bitmap-out.mf'));
  await writeFile(join(images, 'good-bitmap-out.raw'), mib);
  await symlink(outside, join(images, 'sub'));
  await symlink('loop.zvhd2', join(images, 'loop.zvhd2'));
  await symlink(outside, join(root, 'linked-bucket'));
  await mkdir(join(root, 'other-bucket'));
  await symlink(join(root, BUCKET, 'images', 'good.zvhd2'), join(root, 'other-bucket', 'borrowed.zvhd2'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('inspectImport', () => {
  const cases: [string, number, string | null][] = [
    [`${BUCKET}:images/good.raw`, 10, null],
    [`${BUCKET}:images/good.zvhd2`, 10, null],
    ['no-such-bucket:images/good.raw', 10, 'IMG.0069'],
    [`${BUCKET}:images/missing.zvhd2`, 10, 'IMG.0121'],
    [`${BUCKET}:images/qcow.raw`, 10, 'IMG.0057'],
    [`${BUCKET}:images/vmdk.zvhd2`, 10, 'IMG.0057'],
    [`${BUCKET}:images/vhd.zvhd2`, 10, 'IMG.0057'],
    [`${BUCKET}:images/empty.zvhd2`, 10, 'IMG.0057'],
    [`${BUCKET}:images/no-bitmap.raw`, 10, 'IMG.0057'],
    [`${BUCKET}:images/big.raw`, 10, 'IMG.0055'],
    [`${BUCKET}:images/big.raw`, 11, null],
    [`${BUCKET}:../${BUCKET}/images/good.raw`, 10, 'IMG.0121'],
    [`${BUCKET}:images//good.raw`, 10, 'IMG.0121'],
    [`${BUCKET}:images/folder.zvhd2`, 10, 'IMG.0121'],
    [`${BUCKET}:images/good.raw/x.raw`, 10, 'IMG.0121'],
    // Symlinks: followed only while they stay inside the bucket's own directory.
    [`${BUCKET}:images/link-in.zvhd2`, 10, null],
    [`${BUCKET}:images/link-in.raw`, 10, 'IMG.0057'], // its bitmap link-in.mf does not exist
    [`${BUCKET}:images/link-out.raw`, 10, 'IMG.0121'],
    [`${BUCKET}:images/sub/secret.raw`, 10, 'IMG.0121'],
    [`${BUCKET}:images/good-bitmap-out.raw`, 10, 'IMG.0057'], // a bitmap outside the bucket is no bitmap
    ['linked-bucket:secret.raw', 10, 'IMG.0121'],
    ['other-bucket:borrowed.zvhd2', 10, 'IMG.0121'], // another bucket's object is not this bucket's
    [`${BUCKET}:images/loop.zvhd2`, 10, 'IMG.0121'], // ELOOP
    [`${BUCKET}:images/${'n'.repeat(300)}.zvhd2`, 10, 'IMG.0121'], // ENAMETOOLONG
  ];
  for (const [url, minDisk, code] of cases) {
    it(`${url} min_disk ${minDisk} → ${code ?? 'ok'}`, async () => {
      const r = await inspectImport(root, url, minDisk);
      if (code === null) expect(r).toMatchObject({ ok: true });
      else {
        expect(r).toMatchObject({ ok: false, code });
        expect(!r.ok && r.reason.length).toBeGreaterThan(10);
        // The reason names the object, never where the server keeps it.
        expect(!r.ok && r.reason).not.toContain(root);
        expect(!r.ok && r.reason).not.toContain(outside);
        expect(!r.ok && r.reason).not.toMatch(/ELOOP|ENAMETOOLONG|\/tmp/);
      }
    });
  }
  it('names the foreign format in the reason', async () => {
    const r = await inspectImport(root, `${BUCKET}:images/qcow.raw`, 10);
    expect(!r.ok && r.reason).toMatch(/qcow2 image, not RAW/);
  });
});

describe('the deadline', () => {
  it('gives up on an object it cannot look at in time (a hung mount), naming only the object', async () => {
    const release = await holdLibuvThreads(); // what a hung network mount does to every fs call
    try {
      const r = await inspectImport(root, `${BUCKET}:images/good.zvhd2`, 10, { deadlineMs: 300 });
      expect(r).toEqual({ ok: false, code: 'IMG.0057', reason: `The image file images/good.zvhd2 in bucket ${BUCKET} could not be read within 0.3 s.` });
    } finally {
      await release();
    }
  });
});

describe('objectPath', () => {
  it('never leaves the bucket', () => {
    const b = join(root, BUCKET);
    expect(objectPath(b, 'a/b.raw')).toBe(join(b, 'a', 'b.raw'));
    for (const k of ['../x.raw', 'a/../../x.raw', './x.raw', 'a\\..\\x.raw', '/etc/passwd', 'a\0.raw']) expect(objectPath(b, k)).toBeUndefined();
  });
  it('maps a RAW key to its bitmap key', () => {
    expect(bitmapKey('images/disk.raw')).toBe('images/disk.mf');
  });
});
