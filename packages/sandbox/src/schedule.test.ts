import { describe, expect, it } from 'vitest';
import { Schedule } from './schedule.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (up to 5 s: the machine may be busy) until `done()`; no timing is asserted. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await sleep(5);
}

describe('Schedule', () => {
  it('runs steps in due order (ties in insertion order), each once, behind one timer', async () => {
    const s = new Schedule();
    const ran: string[] = [];
    s.add(30, () => ran.push('c'));
    s.add(10, () => ran.push('a1'));
    s.add(10, () => ran.push('a2'));
    s.add(0, () => ran.push('now'));
    s.add(20, () => ran.push('b'));
    expect(s.size).toBe(5);
    await until(() => s.size === 0);
    expect(ran).toEqual(['now', 'a1', 'a2', 'b', 'c']);
    expect(s.size).toBe(0);
  });

  it('re-arms for an earlier step added later, and keeps a heap order over many random steps', async () => {
    // A clock that stands still while the steps are added, then jumps past them all.
    let t = 1_000_000;
    const s = new Schedule(() => t);
    const ran: number[] = [];
    s.add(200, () => ran.push(200));
    s.add(5, () => ran.push(5));
    const delays = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 60);
    for (const d of delays) s.add(d, () => ran.push(d));
    t += 1000;
    await until(() => s.size === 0);
    expect(ran.length).toBe(2002);
    expect(ran).toEqual([...ran].sort((a, b) => a - b));
  });

  it('a step added by a running step waits for the next wake-up; close drops everything', async () => {
    const s = new Schedule();
    const ran: string[] = [];
    s.add(0, () => {
      ran.push('first');
      s.add(0, () => ran.push('second'));
    });
    await until(() => ran.length === 2);
    expect(ran).toEqual(['first', 'second']);
    s.add(10, () => ran.push('never'));
    s.close();
    s.add(0, () => ran.push('never'));
    await sleep(30);
    expect(ran).toEqual(['first', 'second']);
  });
});
