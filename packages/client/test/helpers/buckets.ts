// The OBS layout the sandbox reads, for the client's end-to-end tests: `bucket-a/images/disk.raw` (a blank
// 1 MiB MBR disk) and its `.mf` bitmap, written by the sandbox's own fixture writer, in a fresh temporary
// directory the caller removes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBucketImage } from '@ims-quick-import/sandbox';

export async function makeBucketsDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeBucketImage(dir, { bucket: 'bucket-a', object: 'images/disk.raw' });
  return dir;
}
