import { describe, expect, it } from 'vitest';
import { Estimator } from './estimate.js';

describe('Estimator', () => {
  it('is unknown until the percentage has moved, then extrapolates its rate', () => {
    const e = new Estimator();
    expect(e.update(undefined, 0)).toBeUndefined();
    expect(e.update(10, 1000)).toBeUndefined();
    expect(e.update(10, 2000)).toBeUndefined();
    expect(e.update(20, 11_000)).toBe(80_000); // 10 points in 10 s, 80 left
    expect(e.update(100, 12_000)).toBe(0);
  });
  it('starts over when the percentage goes back (a new phase)', () => {
    const e = new Estimator();
    e.update(50, 0);
    e.update(60, 1000);
    expect(e.update(5, 2000)).toBeUndefined();
    expect(e.update(15, 3000)).toBe(8500);
  });
});
