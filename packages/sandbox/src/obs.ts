// OBS emulation: `<bucketsDir>/<bucket>/<object key>`. Decides how a quick-import job ends by looking at
// the bucket and the object the way the real service's import step does.
import { realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { NotRegularFileError, probeImage, type ImageProbe } from './image-format.js';

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

/** Default deadline for looking at one object: a hung network mount fails the job instead of holding it. */
export const INSPECT_DEADLINE_MS = 5_000;

type Resolved = { real: string } | { missing: true } | { outside: true };

/**
 * Follows every symlink in `file` and says whether the result is still inside `home`, the bucket's
 * directory under the real buckets root. A link (or a bucket that is a link) pointing elsewhere names
 * no object here, exactly as a key with `..` does not.
 */
async function resolveInside(file: string, home: string): Promise<Resolved> {
  let real: string;
  try {
    real = await realpath(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    throw e;
  }
  return real.startsWith(home + sep) ? { real } : { outside: true };
}

/** A failure the file system reported, told in the object's terms: never the server's path or errno text. */
function fsFailure(e: unknown, bucket: string, key: string): ImportOutcome {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ELOOP' || code === 'ENAMETOOLONG' || code === 'ENOENT' || code === 'ENOTDIR') {
    return { ok: false, code: 'IMG.0121', reason: `The object ${key} cannot be found in bucket ${bucket}.` };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return { ok: false, code: 'IMG.0057', reason: `The image file ${key} in bucket ${bucket} cannot be read: permission denied.` };
  }
  return { ok: false, code: 'IMG.0057', reason: `The image file ${key} in bucket ${bucket} cannot be read (${code}).` };
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
export async function inspectImport(
  bucketsDir: string,
  imageUrl: string,
  minDiskGb: number,
  opts: { deadlineMs?: number } = {},
): Promise<ImportOutcome> {
  const colon = imageUrl.indexOf(':');
  const bucket = imageUrl.slice(0, colon);
  const key = imageUrl.slice(colon + 1);
  if (bucket === '' || bucket === '.' || bucket === '..' || bucket.includes('/') || bucket.includes('\\') || bucket.includes('\0')) {
    return { ok: false, code: 'IMG.0069', reason: `The bucket ${bucket} cannot be accessed.` };
  }
  const deadlineMs = opts.deadlineMs ?? INSPECT_DEADLINE_MS;
  const work = inspect(bucketsDir, bucket, key, minDiskGb).catch((e: unknown) => fsFailure(e, bucket, key));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ImportOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, code: 'IMG.0057', reason: `The image file ${key} in bucket ${bucket} could not be read within ${deadlineMs / 1000} s.` }),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function inspect(bucketsDir: string, bucket: string, key: string, minDiskGb: number): Promise<ImportOutcome> {
  const bucketDir = join(bucketsDir, bucket);
  const root = await realpath(bucketsDir).catch(() => undefined);
  if (root === undefined) return { ok: false, code: 'IMG.0069', reason: `The bucket ${bucket} does not exist or cannot be accessed.` };
  const home = join(root, bucket);
  const file = objectPath(bucketDir, key);
  const notFound: ImportOutcome = { ok: false, code: 'IMG.0121', reason: `The object ${key} cannot be found in bucket ${bucket}.` };
  const where = file ? await resolveInside(file, home) : ({ missing: true } as const);
  if ('outside' in where) return notFound;
  if ('missing' in where) {
    if (!(await isDir(bucketDir))) {
      return { ok: false, code: 'IMG.0069', reason: `The bucket ${bucket} does not exist or cannot be accessed.` };
    }
    return notFound;
  }
  let probe: ImageProbe;
  try {
    probe = await probeImage(where.real);
  } catch (e) {
    if (e instanceof NotRegularFileError) return { ok: false, code: 'IMG.0121', reason: `The object ${key} in bucket ${bucket} is not a regular file.` };
    throw e;
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
  if (declared === 'RAW' && !(await hasBitmap(bucketDir, home, key))) {
    return { ok: false, code: 'IMG.0057', reason: `The RAW image file ${key} has no bitmap file ${bitmapKey(key)} beside it.` };
  }
  if (probe.size > minDiskGb * GiB) {
    const gb = Math.ceil(probe.size / GiB);
    return { ok: false, code: 'IMG.0055', reason: `The image file's virtual size (${gb} GB) is larger than min_disk (${minDiskGb} GB).` };
  }
  return { ok: true, virtualSizeBytes: probe.size };
}

/** The `.mf` beside a RAW file counts only as a regular file inside the same bucket. */
async function hasBitmap(bucketDir: string, home: string, rawKey: string): Promise<boolean> {
  const mf = objectPath(bucketDir, bitmapKey(rawKey));
  const where = mf ? await resolveInside(mf, home) : ({ missing: true } as const);
  if (!('real' in where)) return false;
  return (await stat(where.real)).isFile(); // stat never opens, so a FIFO here cannot block
}
