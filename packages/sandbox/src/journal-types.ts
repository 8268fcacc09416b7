// The journal's public shapes: its options, what opening it returns, and the error of a journal that cannot
// be written (its own file, so the rest of the sandbox can name them without loading the writer).
import type { JobRecord } from './job-record.js';
import type { Journal } from './journal.js';
import type { DamagedLine } from './journal-load.js';

/** Appends refused because the journal cannot be written; `code` is the OS's reason (ENOSPC, EFBIG, …). */
export class JournalUnavailableError extends Error {
  override name = 'JournalUnavailableError';
  constructor(readonly code: string) {
    super(`the journal cannot be written (${code})`);
  }
}

export interface JournalOptions {
  /** Finished jobs kept by compaction (oldest finished forgotten first). Default: all. */
  maxJobs?: number;
  /** Drop damaged lines instead of refusing to start, after copying the file to `<file>.bak-<time>`. */
  repair?: boolean;
  /** How often a failed journal is probed for being writable again. Default 1000 ms. */
  retryMs?: number;
  /** A write + sync that has not returned after this long counts as failed (a hung disk). Default 10 000 ms. */
  writeDeadlineMs?: number;
  /** Size from which the running journal compacts itself (see compactWhileRunning). Default 64 MiB. */
  compactAfterBytes?: number;
}

export interface OpenedJournal {
  journal: Journal;
  jobs: JobRecord[];
  /** What `repair` dropped, and where the untouched copy is. */
  repaired?: { backup: string; dropped: DamagedLine[] };
  /** Finished jobs compaction forgot to honour `maxJobs`. */
  forgotten: number;
}
