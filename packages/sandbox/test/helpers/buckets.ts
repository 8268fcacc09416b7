// Builds an OBS emulation directory with one file per case the import step distinguishes: the good images
// from the package's own fixture writer (writeBucketImage), the hostile ones by hand.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBucketImage } from '../../src/index.js';

export const BUCKET = 'test-bucket';

export async function makeBuckets(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ims-sandbox-test-'));
  const dir = join(root, BUCKET, 'images');
  await writeBucketImage(root, { bucket: BUCKET, object: 'images/good.raw' });
  await writeBucketImage(root, { bucket: BUCKET, object: 'images/no-bitmap.raw', withManifest: false });
  await writeBucketImage(root, { bucket: BUCKET, object: 'images/good.zvhd2' });
  // A sparse 11 GiB RAW: bigger than min_disk 10, no disk space used.
  await writeBucketImage(root, { bucket: BUCKET, object: 'images/big.raw', bytes: 11 * 1024 ** 3 });
  const mib = Buffer.alloc(1024 * 1024);
  // qcow2 magic "QFI\xfb" behind a .raw name (with its .mf, so only the content is wrong)
  await writeFile(join(dir, 'qcow.raw'), Buffer.concat([Buffer.from([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3]), mib]));
  await writeFile(join(dir, 'qcow.mf'), Buffer.from([1]));
  await writeFile(join(dir, 'vmdk.zvhd2'), Buffer.concat([Buffer.from('KDMV'), mib]));
  const vhdFooter = Buffer.alloc(512);
  vhdFooter.write('conectix', 0, 'latin1');
  await writeFile(join(dir, 'vhd.zvhd2'), Buffer.concat([mib, vhdFooter]));
  await writeFile(join(dir, 'empty.zvhd2'), Buffer.alloc(0));
  await mkdir(join(dir, 'folder.zvhd2')); // a "directory" is not an object
  return root;
}

export function body(imageUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'sandbox-test', os_version: 'Ubuntu 22.04 server 64bit', image_url: imageUrl, min_disk: 10, ...extra };
}
