// Recognises the disk image formats a quick import must refuse when they hide behind a `.raw` or `.zvhd2`
// name. Only magic numbers are read (the first and last 512 bytes), never the whole file.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export type ForeignFormat = 'qcow2' | 'vmdk' | 'vhd' | 'vhdx' | 'iso';

export interface ImageProbe {
  /** The format the content shows, when it is one quick import does not take. */
  foreign?: ForeignFormat;
  /** File size in bytes (sparse files count their apparent size). */
  size: number;
}

const QCOW2 = Buffer.from([0x51, 0x46, 0x49, 0xfb]); // "QFI\xfb"
const VMDK_SPARSE = Buffer.from('KDMV', 'latin1');
const VMDK_DESCRIPTOR = Buffer.from('# Disk DescriptorFile', 'latin1');
const VHD_COOKIE = Buffer.from('conectix', 'latin1');
const VHDX = Buffer.from('vhdxfile', 'latin1');
const ISO = Buffer.from('CD001', 'latin1');

/** Classifies the head (first 512 bytes) and tail (last 512 bytes) of a file. */
export function classify(head: Buffer, tail: Buffer, isoSector?: Buffer): ForeignFormat | undefined {
  if (head.subarray(0, 4).equals(QCOW2)) return 'qcow2';
  if (head.subarray(0, 4).equals(VMDK_SPARSE) || head.subarray(0, VMDK_DESCRIPTOR.length).equals(VMDK_DESCRIPTOR)) return 'vmdk';
  if (head.subarray(0, 8).equals(VHDX)) return 'vhdx';
  // A fixed VHD has its footer in the last 512 bytes; a dynamic one also copies it to offset 0.
  if (head.subarray(0, 8).equals(VHD_COOKIE) || tail.subarray(0, 8).equals(VHD_COOKIE)) return 'vhd';
  if (isoSector && isoSector.subarray(1, 6).equals(ISO)) return 'iso';
  return undefined;
}

/** Thrown for a FIFO, socket, device or directory: an OBS object is always a regular file. */
export class NotRegularFileError extends Error {
  override name = 'NotRegularFileError';
  constructor() {
    super('not a regular file');
  }
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, holding one of libuv's four
// threads (four such imports and the journal's own writes queue behind them). It changes nothing for a
// regular file. O_NOFOLLOW: the caller resolved symlinks already; a link swapped in since is refused.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** Reads the magic numbers of a regular file; throws NotRegularFileError for anything else. */
export async function probeImage(file: string): Promise<ImageProbe> {
  const fh = await open(file, OPEN_FLAGS);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new NotRegularFileError();
    const size = st.size;
    const head = Buffer.alloc(Math.min(512, size));
    await fh.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(size >= 512 ? 512 : 0);
    if (tail.length) await fh.read(tail, 0, 512, size - 512);
    let iso: Buffer | undefined;
    if (size >= 0x8006) {
      iso = Buffer.alloc(6);
      await fh.read(iso, 0, 6, 0x8000);
    }
    const foreign = classify(head, tail, iso);
    return foreign ? { foreign, size } : { size };
  } finally {
    await fh.close();
  }
}
