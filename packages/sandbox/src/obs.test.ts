import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, makeBuckets } from '../test/helpers/buckets.js';
import { bitmapKey, inspectImport, objectPath } from './obs.js';

let root: string;
beforeAll(async () => {
  root = await makeBuckets();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
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
  ];
  for (const [url, minDisk, code] of cases) {
    it(`${url} min_disk ${minDisk} → ${code ?? 'ok'}`, async () => {
      const r = await inspectImport(root, url, minDisk);
      if (code === null) expect(r).toMatchObject({ ok: true });
      else {
        expect(r).toMatchObject({ ok: false, code });
        expect(!r.ok && r.reason.length).toBeGreaterThan(10);
      }
    });
  }
  it('names the foreign format in the reason', async () => {
    const r = await inspectImport(root, `${BUCKET}:images/qcow.raw`, 10);
    expect(!r.ok && r.reason).toMatch(/qcow2 image, not RAW/);
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
