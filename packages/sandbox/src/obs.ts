// OBS emulation: `<bucketsDir>/<bucket>/<object key>`. Decides how a quick-import job ends by looking at
// the bucket and the object the way the real service's import step does.
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { probeImage } from './image-format.js';

export type ImportOutcome =
  | { ok: true; virtualSizeBytes: number }
  | { ok: false; code: string; reason: string };

const GiB = 1024 ** 3;

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Maps an OBS object key to a file inside the bucket directory. OBS keys are flat strings, so a key with
 * `.`/`..` segments or a backslash names no file here (it can never escape the bucket).
 */
export function objectPath(bucketDir: string, key: string): string | undefined {
  const segments = key.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) return undefined;
  const p = resolve(bucketDir, ...segments);
  return p.startsWith(resolve(bucketDir) + sep) ? p : undefined;
}

/** The `.mf` bitmap file of a RAW image: the same name with `.mf` in place of `.raw`. */
export function bitmapKey(rawKey: string): string {
  return rawKey.replace(/\.raw$/, '.mf');
}

/**
 * Checks an `image_url` (`bucket:object`, already validated) and the request's min_disk.
 * RAW: the virtual size is the file size (sparse files allowed). ZVHD2: Huawei's format is not public, so
 * the sandbox treats any ZVHD2 file that is not a recognisable other format as valid and takes its file
 * size as the virtual size — a lower bound of a real ZVHD2 file's virtual size.
 */
export async function inspectImport(bucketsDir: string, imageUrl: string, minDiskGb: number): Promise<ImportOutcome> {
  const colon = imageUrl.indexOf(':');
  const bucket = imageUrl.slice(0, colon);
  const key = imageUrl.slice(colon + 1);
  if (bucket === '' || bucket === '.' || bucket === '..' || bucket.includes('/') || bucket.includes('\\')) {
    return { ok: false, code: 'IMG.0069', reason: `The bucket ${bucket} cannot be accessed.` };
  }
  const bucketDir = join(bucketsDir, bucket);
  const file = objectPath(bucketDir, key);
  // Try the object first (the common case costs one open); only a miss looks at the bucket.
  let probe: Awaited<ReturnType<typeof probeImage>> | undefined;
  if (file) {
    try {
      probe = await probeImage(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
    }
  }
  if (!probe) {
    if (!(await isDir(bucketDir))) {
      return { ok: false, code: 'IMG.0069', reason: `The bucket ${bucket} does not exist or cannot be accessed.` };
    }
    return { ok: false, code: 'IMG.0121', reason: `The object ${key} cannot be found in bucket ${bucket}.` };
  }
  const declared = key.endsWith('.raw') ? 'RAW' : 'ZVHD2';
  if (probe.size === 0) {
    return { ok: false, code: 'IMG.0057', reason: `The image file ${key} is empty.` };
  }
  if (probe.foreign) {
    return {
      ok: false,
      code: 'IMG.0057',
      reason: `The image file ${key} is a ${probe.foreign} image, not ${declared} as its name says; convert it with qemu-img-hw first.`,
    };
  }
  if (declared === 'RAW') {
    const mf = objectPath(bucketDir, bitmapKey(key));
    if (!mf || !(await isFile(mf))) {
      return { ok: false, code: 'IMG.0057', reason: `The RAW image file ${key} has no bitmap file ${bitmapKey(key)} beside it.` };
    }
  }
  if (probe.size > minDiskGb * GiB) {
    const gb = Math.ceil(probe.size / GiB);
    return { ok: false, code: 'IMG.0055', reason: `The image file's virtual size (${gb} GB) is larger than min_disk (${minDiskGb} GB).` };
  }
  return { ok: true, virtualSizeBytes: probe.size };
}
