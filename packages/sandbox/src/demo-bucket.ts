// The demo's OBS bucket: a small generated RAW image (an empty MBR disk) and its `.mf` bitmap file.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEMO_BUCKET = 'demo-bucket';
export const DEMO_OBJECT = 'images/demo-disk.raw';

/** Writes `<bucketsDir>/demo-bucket/images/demo-disk.raw` (1 MiB) and `demo-disk.mf`. */
export async function createDemoBucket(bucketsDir: string): Promise<string> {
  const dir = join(bucketsDir, DEMO_BUCKET, 'images');
  await mkdir(dir, { recursive: true });
  const disk = Buffer.alloc(1024 * 1024);
  disk[510] = 0x55; // MBR boot signature, so the file looks like a (blank) disk
  disk[511] = 0xaa;
  await writeFile(join(dir, 'demo-disk.raw'), disk);
  // The bitmap marks which 1 MiB blocks hold data; one byte per block is enough for the sandbox.
  await writeFile(join(dir, 'demo-disk.mf'), Buffer.from([0x01]));
  return `${DEMO_BUCKET}:${DEMO_OBJECT}`;
}
