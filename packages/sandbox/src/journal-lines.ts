// Reads a journal one line at a time from a stream, so its size is bounded by the disk, not by V8's
// maximum string length (about 512 MiB) or the heap: memory holds one chunk and one line, never the file.
import { createReadStream } from 'node:fs';

export interface JournalLine {
  /** 1-based line number, for error messages that point at the damage. */
  number: number;
  text: string;
  /** False only for a last line with no newline after it: a write a crash cut short. */
  terminated: boolean;
}

/** Longest line accepted (a record is well under 8 KiB); a longer one is damage, not a job. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Yields the lines of `file`. A line longer than `maxLineBytes` is yielded with `oversized: true` and empty
 * text (its bytes are dropped as they stream past), so one endless line cannot grow memory either.
 */
export async function* readJournalLines(
  file: string,
  opts: { maxLineBytes?: number; chunkBytes?: number } = {},
): AsyncGenerator<JournalLine & { oversized?: boolean }> {
  const max = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const stream = createReadStream(file, { highWaterMark: opts.chunkBytes ?? 256 * 1024 });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let oversized = false;
  let number = 0;
  const take = (): JournalLine & { oversized?: boolean } => {
    number++;
    const line = oversized ? { number, text: '', terminated: true, oversized: true } : { number, text: Buffer.concat(parts, partBytes).toString('utf8'), terminated: true };
    parts = [];
    partBytes = 0;
    oversized = false;
    return line;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      keep(chunk.subarray(start, nl));
      yield take();
      start = nl + 1;
    }
    keep(chunk.subarray(start));
  }
  if (partBytes > 0 || oversized) yield { ...take(), terminated: false };

  function keep(piece: Buffer): void {
    if (piece.length === 0 || oversized) return;
    if (partBytes + piece.length > max) {
      oversized = true;
      parts = [];
      partBytes = 0;
      return;
    }
    parts.push(piece);
    partBytes += piece.length;
  }
}
