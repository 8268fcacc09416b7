// One timer for all the jobs' steps. At thousands of imports a second with 10-second jobs, tens of
// thousands of jobs are alive at once; a Node Timeout (and its closure) per job and per step costs memory
// and timer-list work while nobody asks about them. Here each step is an entry in a binary min-heap by due
// time, and a single Timeout is armed for the earliest — re-armed only when an earlier step arrives.
export type Step = () => void;

interface Entry {
  due: number;
  /** Insertion order: steps due at the same millisecond run in the order they were scheduled. */
  seq: number;
  step: Step;
}

const before = (a: Entry, b: Entry) => a.due < b.due || (a.due === b.due && a.seq < b.seq);

export class Schedule {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.heap.length;
  }

  /** Runs `step` once `ms` have passed (0: on the next timer tick). */
  add(ms: number, step: Step): void {
    if (this.closed) return;
    const entry: Entry = { due: this.now() + Math.max(0, ms), seq: this.seq++, step };
    const h = this.heap;
    let i = h.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = entry;
    if (entry.due < this.armedFor) this.arm(entry.due);
  }

  /** Drops every pending step; later `add`s are ignored. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
  }

  private arm(due: number): void {
    clearTimeout(this.timer);
    this.armedFor = due;
    this.timer = setTimeout(() => this.fire(), Math.max(0, due - this.now()));
    // A pending job must not keep a process alive that has nothing else to do (close() is the way out).
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    // Steps scheduled while these run (due now or later) wait for the next wake-up, so one burst cannot
    // starve the event loop of I/O.
    const limit = this.seq;
    while (this.heap.length > 0 && this.heap[0]!.due <= now && this.heap[0]!.seq < limit) {
      const { step } = this.pop();
      step();
    }
    if (this.heap.length > 0 && !this.closed) this.arm(this.heap[0]!.due);
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const child = r < h.length && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[child]!, last)) break;
        h[i] = h[child]!;
        i = child;
      }
      h[i] = last;
    }
    return top;
  }
}
