// Writes an image object the sandbox's OBS emulation imports successfully: the fixture every test that
// runs an import against the sandbox needs (ours, the client's, the CLI's, and users'), in one place.
import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bitmapKey, objectPath } from './obs.js';

/** An image object to write under `<bucketsDir>/<bucket>/`; the key's suffix says its format. */
export type BucketImage =
  | {
      bucket: string;
      /** OBS object key, e.g. `images/disk.raw`. */
      object: `${string}.raw`;
      /** Also write the `.mf` bitmap file beside it (`images/disk.mf`). Default true; without it the job fails with IMG.0057. */
      withManifest?: boolean;
      /** Apparent size in bytes, at least 512 (default 1 MiB). Written sparse, so 11 GiB costs no disk. */
      bytes?: number;
    }
  | {
      bucket: string;
      /** OBS object key, e.g. `images/disk.zvhd2`. */
      object: `${string}.zvhd2`;
      /** A ZVHD2 image has no `.mf` file. */
      withManifest?: never;
      /** Apparent size in bytes, at least 512 (default 1 MiB). Written sparse. */
      bytes?: number;
    };

const MiB = 1024 * 1024;

/**
 * Writes `<bucketsDir>/<bucket>/<object>` (creating the directories) and, for a RAW image, its `.mf` bitmap,
 * and returns the `image_url` (`bucket:object`) to send in a quick-import request. A RAW image is a blank
 * disk (zeros and an MBR boot signature); a ZVHD2 image is zeros behind a `ZVHD2` marker — not a real ZVHD2
 * file (that format is not public), but what the sandbox takes for one: any file in no other known format.
 * A job importing it succeeds when `min_disk` (GB) is at least the apparent size. Throws a TypeError for a
 * bucket or key the OBS emulation could never read, a RangeError for a size below 512 bytes.
 */
export async function writeBucketImage(bucketsDir: string, image: BucketImage): Promise<string> {
  const { bucket, object } = image;
  if (bucket === '' || bucket === '.' || bucket === '..' || /[/\\\0]/.test(bucket)) {
    throw new TypeError(`writeBucketImage: bucket ${JSON.stringify(bucket)} is not a directory name`);
  }
  const bucketDir = join(bucketsDir, bucket);
  const file = objectPath(bucketDir, object);
  if (!file || !/\.(raw|zvhd2)$/.test(object)) {
    throw new TypeError(`writeBucketImage: object ${JSON.stringify(object)} is not a key ending in .raw or .zvhd2`);
  }
  const bytes = image.bytes ?? MiB;
  if (!Number.isSafeInteger(bytes) || bytes < 512) throw new RangeError(`writeBucketImage: bytes must be an integer of at least 512, got ${bytes}`);
  const raw = object.endsWith('.raw');
  const head = Buffer.alloc(512);
  if (raw) head.writeUInt16LE(0xaa55, 510); // MBR boot signature: a (blank) disk
  else head.write('ZVHD2', 0, 'latin1');
  await mkdir(dirname(file), { recursive: true });
  const fh = await open(file, 'w');
  try {
    await fh.writeFile(head);
    await fh.truncate(bytes);
  } finally {
    await fh.close();
  }
  // A real `.mf` maps which blocks hold data; the sandbox only checks that it is there (a regular file).
  if (raw && image.withManifest !== false) await writeFile(objectPath(bucketDir, bitmapKey(object))!, Buffer.from([0x01]));
  return `${bucket}:${object}`;
}
