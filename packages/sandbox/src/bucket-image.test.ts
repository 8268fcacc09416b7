import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBucketImage } from './bucket-image.js';
import { inspectImport } from './obs.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ims-bucket-image-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeBucketImage', () => {
  it('writes a RAW image and its .mf that the OBS emulation imports, and returns the image_url', async () => {
    const url = await writeBucketImage(root, { bucket: 'b1', object: 'images/disk.raw' });
    expect(url).toBe('b1:images/disk.raw');
    expect(await readdir(join(root, 'b1', 'images'))).toEqual(['disk.mf', 'disk.raw']);
    const disk = await readFile(join(root, 'b1', 'images', 'disk.raw'));
    expect(disk.length).toBe(1024 * 1024);
    expect(disk.readUInt16LE(510)).toBe(0xaa55);
    expect(await inspectImport(root, url, 1)).toEqual({ ok: true, virtualSizeBytes: 1024 * 1024 });
  });

  it('writes a ZVHD2 image with no .mf, and a RAW one without it when asked (IMG.0057)', async () => {
    const zvhd2 = await writeBucketImage(root, { bucket: 'b2', object: 'disk.zvhd2' });
    expect(await inspectImport(root, zvhd2, 1)).toMatchObject({ ok: true });
    const bare = await writeBucketImage(root, { bucket: 'b2', object: 'bare.raw', withManifest: false });
    expect(await readdir(join(root, 'b2'))).toEqual(['bare.raw', 'disk.zvhd2']);
    expect(await inspectImport(root, bare, 1)).toMatchObject({ ok: false, code: 'IMG.0057', reason: expect.stringContaining('bare.mf') });
  });

  it('writes a large image sparse: its apparent size counts against min_disk, not the disk', async () => {
    const url = await writeBucketImage(root, { bucket: 'b3', object: 'big.raw', bytes: 11 * 1024 ** 3 });
    const st = await stat(join(root, 'b3', 'big.raw'));
    expect(st.size).toBe(11 * 1024 ** 3);
    expect(st.blocks * 512).toBeLessThan(1024 * 1024);
    expect(await inspectImport(root, url, 10)).toMatchObject({ ok: false, code: 'IMG.0055' });
    expect(await inspectImport(root, url, 11)).toMatchObject({ ok: true });
  });

  it('refuses a bucket or key the OBS emulation could never read, and a size too small for a disk', async () => {
    for (const bucket of ['', '..', 'a/b', 'a\\b']) {
      await expect(writeBucketImage(root, { bucket, object: 'x.raw' })).rejects.toThrow(TypeError);
    }
    for (const object of ['../x.raw', 'a//x.raw', '/x.raw'] as const) {
      await expect(writeBucketImage(root, { bucket: 'b4', object })).rejects.toThrow(TypeError);
    }
    await expect(writeBucketImage(root, { bucket: 'b4', object: 'x.qcow2' as 'x.raw' })).rejects.toThrow(/\.raw or \.zvhd2/);
    await expect(writeBucketImage(root, { bucket: 'b4', object: 'x.raw', bytes: 511 })).rejects.toThrow(RangeError);
    expect(await readdir(root)).toEqual(['b1', 'b2', 'b3']); // nothing written
  });
});
