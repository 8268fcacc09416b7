// How a wait is shown: a live bar on a terminal, one line per change elsewhere, or NDJSON with --json.
import type { JobProgressEvent } from '@ims-quick-import/client';
import type { createLogUpdate } from 'log-update';
import { clock } from '../duration.js';
import type { Messages } from '../i18n/index.js';
import type { Output } from '../io.js';
import { oneLine } from '../text.js';
import { Estimator } from './estimate.js';

export interface WaitView {
  start(jobId: string): void;
  progress(event: JobProgressEvent): void;
  /** the wait is over (whatever the outcome): stop drawing and leave the terminal clean */
  stop(): void;
}

interface Snapshot {
  status: string;
  percent?: number;
  task?: string;
}

const same = (a: Snapshot | undefined, b: Snapshot): boolean => !!a && a.status === b.status && a.percent === b.percent && a.task === b.task;
const snapshot = (e: JobProgressEvent): Snapshot => ({ status: e.status, ...(e.percent !== undefined && { percent: e.percent }), ...(e.currentTask && { task: e.currentTask }) });

/** Not a terminal: one line on stderr each time status, percent or task changes. */
export class LineView implements WaitView {
  private last?: Snapshot;
  constructor(
    private readonly out: Output,
    private readonly m: Messages,
  ) {}
  start(jobId: string): void {
    this.out.err(this.m.waiting(jobId));
  }
  progress(e: JobProgressEvent): void {
    const now = snapshot(e);
    if (same(this.last, now)) return;
    this.last = now;
    const parts = [`[${clock(e.elapsedMs)}]`, this.m.status[e.status] ?? oneLine(e.status), e.percent !== undefined ? `${oneLine(e.percent)}%` : '', oneLine(e.currentTask ?? '')];
    this.out.err(parts.filter(Boolean).join(' '));
  }
  stop(): void {}
}

/** --json: one object per change on stdout. */
export class JsonView implements WaitView {
  private last?: Snapshot;
  private jobId = '';
  constructor(private readonly out: Output) {}
  start(jobId: string): void {
    this.jobId = jobId;
  }
  progress(e: JobProgressEvent): void {
    const now = snapshot(e);
    if (same(this.last, now)) return;
    this.last = now;
    this.out.json({ event: 'progress', jobId: this.jobId, status: e.status, percent: e.percent ?? null, currentTask: e.currentTask ?? null, elapsedMs: e.elapsedMs });
  }
  stop(): void {}
}

const BAR_WIDTH = 20;
const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A terminal: a bar redrawn in place on stderr (log-update erases the previous frame), with the percentage,
 * the current task, the elapsed time and an estimate of the rest. Redrawn after each poll and once a second
 * so the clock moves between polls.
 */
export class BarView implements WaitView {
  private readonly draw;
  private readonly estimator = new Estimator();
  private timer?: NodeJS.Timeout;
  private started = Date.now();
  private last?: JobProgressEvent;
  private etaMs: number | undefined;
  private frame = 0;

  /** `logUpdate` is log-update's createLogUpdate, loaded by pickView only when a bar is drawn. */
  constructor(
    private readonly out: Output,
    private readonly m: Messages,
    logUpdate: typeof createLogUpdate,
  ) {
    // A pseudo-terminal may report 0 rows and columns (no size set, e.g. under `script` in CI), which
    // log-update takes literally and draws nothing; such a terminal is given the usual 80×24.
    const tty = out.io.stderr as NodeJS.WriteStream;
    const stream = { isTTY: true, write: (s: string) => tty.write(s), get columns() { return tty.columns || 80; }, get rows() { return tty.rows || 24; } };
    this.draw = logUpdate(stream as unknown as NodeJS.WriteStream, { showCursor: false });
  }

  start(jobId: string): void {
    this.started = Date.now();
    this.out.err(this.m.waiting(jobId));
    this.render();
    this.timer = setInterval(() => this.render(), 1000);
    this.timer.unref();
  }

  progress(e: JobProgressEvent): void {
    this.last = e;
    this.etaMs = this.estimator.update(e.percent, Date.now());
    this.render();
  }

  stop(): void {
    clearInterval(this.timer);
    this.render(true);
    this.draw.done();
  }

  private render(final = false): void {
    const e = this.last;
    const percent = Math.max(0, Math.min(100, e?.percent ?? (e?.status === 'SUCCESS' ? 100 : 0)));
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    const paint = (style: 'green' | 'dim' | 'red' | 'cyan', text: string) => this.out.paint('err', style, text);
    const bar = paint(e?.status === 'FAIL' ? 'red' : 'green', '█'.repeat(filled)) + paint('dim', '░'.repeat(BAR_WIDTH - filled));
    const spinner = final ? ' ' : SPIN[this.frame++ % SPIN.length];
    const status = e ? (this.m.status[e.status] ?? oneLine(e.status)) : this.m.status.INIT;
    const eta = this.etaMs === undefined ? this.m.etaUnknown : clock(this.etaMs);
    const line = `${spinner} ${bar} ${String(Math.round(percent) || 0).padStart(3)}%  ${status}${e?.currentTask ? ` · ${paint('cyan', oneLine(e.currentTask))}` : ''}  ${this.m.elapsed} ${clock(Date.now() - this.started)}  ${this.m.eta} ${eta}`;
    this.draw(this.out.redact(line));
  }
}
