// Replays a journal: the last snapshot of each job wins. Streams the file (journal-lines.ts), checks every
// record (job-record.ts), forgets the oldest finished jobs beyond `maxJobs` as it goes (so replay memory is
// bounded like the running sandbox's), and reports damaged lines by number instead of skipping them.
import { recordProblem, TERMINAL, type JobRecord } from './job-record.js';
import { readJournalLines } from './journal-lines.js';

export interface DamagedLine {
  line: number;
  reason: string;
}

export interface LoadedJournal {
  /** The jobs to keep, oldest accepted first. */
  jobs: JobRecord[];
  /** Complete lines that are not a job record the sandbox could have written. */
  damaged: DamagedLine[];
  /** A last line without its newline: a write cut short by a crash, never acknowledged. */
  tornTail: boolean;
  /** Finished jobs dropped because more than `maxJobs` were kept. */
  forgotten: number;
}

export class JournalDamagedError extends Error {
  override name = 'JournalDamagedError';
  constructor(
    readonly file: string,
    readonly damaged: DamagedLine[],
  ) {
    const first = damaged[0]!;
    const more = damaged.length > 1 ? ` (and ${damaged.length - 1} more damaged line${damaged.length > 2 ? 's' : ''})` : '';
    super(
      `the state file ${file} is damaged at line ${first.line}: ${first.reason}${more}. ` +
        'Refusing to start, since replaying around it could re-run or lose jobs; start with --repair to drop the damaged lines (a backup is kept).',
    );
  }
}

export async function loadJournal(file: string, maxJobs = Number.POSITIVE_INFINITY): Promise<LoadedJournal> {
  const byId = new Map<string, JobRecord>();
  const finished = new Set<string>(); // ids of final jobs in the order they finished
  const damaged: DamagedLine[] = [];
  let tornTail = false;
  let forgotten = 0;
  try {
    for await (const line of readJournalLines(file)) {
      if (!line.terminated) {
        tornTail = true;
        break;
      }
      if (line.oversized) {
        damaged.push({ line: line.number, reason: 'the line is too long to be a job record' });
        continue;
      }
      if (/^ *$/.test(line.text)) continue; // blank: what a recovery probe writes (see blankLines)
      let rec: unknown;
      try {
        rec = JSON.parse(line.text);
      } catch {
        damaged.push({ line: line.number, reason: 'not valid JSON' });
        continue;
      }
      const problem = recordProblem(rec);
      if (problem) {
        damaged.push({ line: line.number, reason: problem });
        continue;
      }
      const job = rec as JobRecord;
      byId.delete(job.id); // re-insert so the map keeps the order of the latest change
      byId.set(job.id, job);
      finished.delete(job.id);
      if (TERMINAL.has(job.status)) finished.add(job.id);
      for (const id of finished) {
        if (byId.size <= maxJobs) break;
        finished.delete(id);
        byId.delete(id);
        forgotten++;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const jobs = [...byId.values()].sort((a, b) => a.acceptedAt - b.acceptedAt);
  return { jobs, damaged, tornTail, forgotten };
}
