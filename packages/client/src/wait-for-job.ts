import { need } from './check.js';
import { JobFailedError, WaitTimeoutError } from './errors.js';
import { sleep } from './retry.js';
import type { Job, JobStatus } from './types.js';

export interface JobProgressEvent {
  status: JobStatus;
  /** entities.process_percent, when the service reports it */
  percent?: number;
  /** entities.current_task */
  currentTask?: string;
  elapsedMs: number;
  job: Job;
}

export interface WaitOptions {
  /** aborts the wait promptly: no request is started after the abort, the pending one is cancelled */
  signal?: AbortSignal;
  /** give up after this long (default 30 min) with WaitTimeoutError */
  timeoutMs?: number;
  /** pause between polls (default 2000 ms) */
  pollIntervalMs?: number;
  onProgress?(progress: JobProgressEvent): void;
  /** which job API to poll (default 'progress' = ShowJobProgress) */
  api?: 'progress' | 'legacy';
}

export type GetJob = (jobId: string, options: { api?: 'progress' | 'legacy' | undefined; signal?: AbortSignal }) => Promise<Job>;

/** Polls a job until SUCCESS (resolves), FAIL (JobFailedError), the deadline (WaitTimeoutError) or abort. */
export async function waitForJob(getJob: GetJob, jobId: string, options: WaitOptions = {}): Promise<Job> {
  const { signal, onProgress, api, timeoutMs = 30 * 60_000, pollIntervalMs = 2000 } = options;
  need(timeoutMs >= 0 && pollIntervalMs >= 0, 'waitForJob: timeoutMs and pollIntervalMs must be >= 0');
  const started = Date.now();
  // The deadline also cancels a poll in flight, so a hung request cannot outlive timeoutMs.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const polled = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  let lastJob: Job | undefined;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const job: Job = (lastJob = await getJob(jobId, { api, signal: polled }));
      signal?.throwIfAborted();
      const { process_percent: percent, current_task: currentTask } = job.entities ?? {};
      onProgress?.({ status: job.status, elapsedMs: Date.now() - started, job, ...(percent !== undefined && { percent }), ...(currentTask && { currentTask }) });
      if (job.status === 'SUCCESS') return job;
      if (job.status === 'FAIL') throw new JobFailedError(jobId, job);
      await sleep(pollIntervalMs, polled); // the deadline aborts `polled`, so this never outlasts timeoutMs
    }
  } catch (error) {
    signal?.throwIfAborted();
    throw deadline.signal.aborted ? new WaitTimeoutError(jobId, timeoutMs, lastJob) : error;
  } finally {
    clearTimeout(timer);
  }
}
