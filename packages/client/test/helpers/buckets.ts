// The OBS layout the sandbox reads, for the client's end-to-end tests: `bucket-a/images/disk.raw` (a blank
// 1 MiB MBR disk) and its `.mf` bitmap, in a fresh temporary directory the caller removes.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function makeBucketsDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const images = join(dir, 'bucket-a', 'images');
  await mkdir(images, { recursive: true });
  const disk = Buffer.alloc(1024 * 1024);
  disk[510] = 0x55; // MBR boot signature: the sandbox takes it for a (blank) disk
  disk[511] = 0xaa;
  await writeFile(join(images, 'disk.raw'), disk);
  await writeFile(join(images, 'disk.mf'), Buffer.from([1]));
  return dir;
}
