// Where bodies are judged. A real quick-import body is a few hundred bytes and is judged inline; a big one
// (up to the 1 MiB limit: 90 000 tags, 60 000 unknown keys…) takes JSON.parse plus validation hundreds of
// milliseconds on a busy machine, and on the main thread that time would stall every other client. Bodies
// over OFF_THREAD_BYTES are judged on a worker thread instead, one at a time (the in-flight body budget
// bounds the queue): the main thread only copies their bytes over. The worker runs the very `assess`
// function the inline path runs.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { validateQuickImportRequest } from '@ims-quick-import/validators';
import { sandboxFailure } from './errors.js';
import { assess, precheck, verdict, type Assessment, type Judgement, type Locale } from './judge.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

/** Bodies larger than this are parsed and validated off the main thread. */
export const OFF_THREAD_BYTES = 64 * 1024;

const NONE = Object.freeze([]);

/** The answer to a body whose worker died before judging it: the sandbox failed, nothing was accepted. */
const WORKER_FAILED = sandboxFailure('internal', 'ims-sandbox internal error: the worker judging this body stopped; no job was accepted. Retry.');

function workerSource(): string {
  const validators = pathToFileURL(createRequire(import.meta.url).resolve('@ims-quick-import/validators')).href;
  // `assess` and `nestsDeeperThan` use only their parameters, JSON and Buffer, so their source text runs as
  // is in the worker.
  return [
    `import { parentPort } from 'node:worker_threads';`,
    `import { validateQuickImportRequest } from ${JSON.stringify(validators)};`,
    `const assess = ${assess.toString()};`,
    `const nestsDeeperThan = ${nestsDeeperThan.toString()};`,
    `parentPort.on('message', ({ id, raw, locale }) =>`,
    `  parentPort.postMessage({ id, assessment: assess(raw, locale, validateQuickImportRequest, nestsDeeperThan, ${MAX_JSON_DEPTH}) }));`,
  ].join('\n');
}

export class JudgePool {
  private worker: Worker | undefined;
  /** Bodies sent to a worker and not answered yet, with the worker that holds them. */
  private readonly pending = new Map<number, { worker: Worker; done: (a: Assessment | Error) => void }>();
  private nextId = 0;
  /** Bodies judged on the worker so far (for tests and the curious). */
  offThread = 0;

  constructor(private readonly threshold = OFF_THREAD_BYTES) {}

  judge(raw: Buffer, contentType: string | undefined, locale: Locale): Judgement | Promise<Judgement> {
    const reply = precheck(raw, contentType);
    if (reply) return { ok: false, reply, warnings: NONE };
    if (raw.length <= this.threshold) return verdict(assess(raw, locale, validateQuickImportRequest, nestsDeeperThan, MAX_JSON_DEPTH));
    this.offThread++;
    return new Promise<Judgement>((resolve) => {
      const id = this.nextId++;
      const worker = this.ensureWorker();
      const done = (a: Assessment | Error) => resolve(a instanceof Error ? { ok: false, reply: WORKER_FAILED, warnings: NONE } : verdict(a));
      this.pending.set(id, { worker, done });
      // The bytes are copied to the worker (a memcpy); decoding them is the worker's job.
      worker.postMessage({ id, raw, locale });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(workerSource())}`));
    worker.unref(); // an idle worker must not keep the process alive
    worker.on('message', ({ id, assessment }: { id: number; assessment: Assessment }) => {
      const entry = this.pending.get(id);
      this.pending.delete(id);
      entry?.done(assessment);
    });
    const fail = (e: unknown) => {
      // A crashed worker fails what it held (500) and is replaced on the next big body.
      if (this.worker === worker) this.worker = undefined;
      const err = e instanceof Error ? e : new Error(`judge worker exited (${String(e)})`);
      for (const [id, entry] of this.pending) {
        if (entry.worker !== worker) continue;
        this.pending.delete(id);
        entry.done(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(code));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
