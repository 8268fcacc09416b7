// --wait: follows a job to its end through the client's waiter, shows it, and turns the outcome into an
// exit code. Ctrl-C stops the waiting only (the import goes on in the cloud) and says how to resume.
import { type ImsClient, JobFailedError, WaitTimeoutError } from '@ims-quick-import/client';
import { IMG_ERROR_CATALOG } from '@ims-quick-import/validators';
import { clock } from '../duration.js';
import { oneLine, printable } from '../text.js';
import { EXIT, type ExitCode } from '../errors.js';
import type { Lang, Messages } from '../i18n/index.js';
import type { Output } from '../io.js';
import { BarView, JsonView, LineView, type WaitView } from './views.js';

export interface FollowOptions {
  jobId: string;
  timeoutMs: number;
  pollIntervalMs: number;
  legacy: boolean;
  json: boolean;
  /** the command line that resumes waiting, printed on Ctrl-C and on timeout */
  resume: string;
  /** the process to listen to for SIGINT (tests embed the CLI with their own emitter) */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export async function pickView(out: Output, m: Messages, json: boolean): Promise<WaitView> {
  if (json) return new JsonView(out);
  if (!out.io.stderr.isTTY) return new LineView(out, m);
  // log-update (and its dependencies) is the slowest module to load: only a terminal gets it.
  const { createLogUpdate } = await import('log-update');
  return new BarView(out, m, createLogUpdate);
}

/** The catalog's hint for an IMG code, in the user's language. */
export function hintFor(code: string | undefined, lang: Lang): string | undefined {
  const entry = code ? (IMG_ERROR_CATALOG as Record<string, { hint?: string; zhHint?: string }>)[code] : undefined;
  return (lang === 'zh-CN' ? entry?.zhHint : entry?.hint) ?? entry?.hint;
}

export async function follow(client: ImsClient, o: FollowOptions, out: Output, m: Messages, lang: Lang): Promise<ExitCode> {
  const view = await pickView(out, m, o.json);
  const stop = new AbortController();
  const signals = o.signals ?? process;
  let interrupts = 0;
  const onSigint = (): void => {
    // The first Ctrl-C stops waiting cleanly; a second one while that is under way leaves at once.
    if (++interrupts > 1) process.exit(EXIT.interrupted);
    stop.abort();
  };
  signals.on('SIGINT', onSigint);
  const started = Date.now();
  view.start(o.jobId);
  try {
    const job = await client.waitForJob(o.jobId, {
      signal: stop.signal,
      timeoutMs: o.timeoutMs,
      pollIntervalMs: o.pollIntervalMs,
      api: o.legacy ? 'legacy' : 'progress',
      onProgress: (p) => view.progress(p),
    });
    view.stop();
    const imageId = job.entities?.image_id ?? null;
    if (o.json) out.json({ event: 'result', jobId: o.jobId, status: job.status, imageId, elapsedMs: Date.now() - started, job });
    else out.out(m.succeeded(printable(o.jobId), oneLine(imageId ?? '?')));
    return EXIT.ok;
  } catch (error) {
    view.stop();
    if (stop.signal.aborted) {
      if (o.json) out.json({ event: 'interrupted', jobId: o.jobId, resume: o.resume });
      out.err(m.interrupted(o.jobId));
      out.err(m.resume(o.resume));
      return EXIT.interrupted;
    }
    if (error instanceof JobFailedError) {
      const hint = hintFor(error.errorCode, lang);
      if (o.json) out.json({ event: 'result', jobId: o.jobId, status: 'FAIL', errorCode: error.errorCode ?? null, failReason: error.failReason ?? null, hint: hint ?? null, job: error.job });
      out.err(m.failed(printable(o.jobId), oneLine(error.errorCode ?? ''), printable(error.failReason ?? '')));
      if (hint) out.err(m.hint(hint));
      return EXIT.jobFailed;
    }
    if (error instanceof WaitTimeoutError) {
      const last = error.lastJob;
      const percent = last?.entities?.process_percent;
      const state = last ? `${m.status[last.status] ?? oneLine(last.status)}${percent !== undefined ? ` ${oneLine(percent)}%` : ''}` : '?';
      if (o.json) out.json({ event: 'timeout', jobId: o.jobId, timeoutMs: o.timeoutMs, lastStatus: last?.status ?? null, resume: o.resume });
      out.err(m.timedOut(o.jobId, clock(o.timeoutMs), state));
      out.err(m.resume(o.resume));
      return EXIT.waitTimeout;
    }
    throw error;
  } finally {
    signals.off('SIGINT', onSigint);
  }
}
