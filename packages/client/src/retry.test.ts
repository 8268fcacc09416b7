import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, provablyUnsent, retryPolicy } from './retry.js';

describe('retryPolicy', () => {
  it('defaults, false, and bad values', () => {
    const p = retryPolicy(undefined);
    expect(p.retryUnsentPost).toBe(true);
    expect(p.retries).toBe(2);
    expect([...p.statuses]).toEqual([429, 500, 502, 503, 504]);
    expect(retryPolicy(false).retries).toBe(0);
    expect(() => retryPolicy({ retries: -1 })).toThrow(/retries must be an integer/);
    expect(() => retryPolicy({ baseDelayMs: Number.NaN })).toThrow(/delays numbers/);
    expect(retryPolicy({ retryUnsentPost: false }).retryUnsentPost).toBe(false);
  });
});

describe('backoffDelay (full jitter, capped)', () => {
  const p = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
  it('spans [0, min(max, base·2^n))', () => {
    expect(backoffDelay(p, 0, () => 0)).toBe(0);
    expect(backoffDelay(p, 0, () => 0.999)).toBe(99);
    expect(backoffDelay(p, 2, () => 0.5)).toBe(200);
    expect(backoffDelay(p, 10, () => 0.999)).toBe(999);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2024, 0, 2, 3, 4, 5);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 10_000).toUTCString(), now)).toBe(10_000);
    expect(parseRetryAfter(new Date(now - 10_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('provablyUnsent', () => {
  it('recognises connection refused and DNS failures in the cause chain only', () => {
    expect(provablyUnsent(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    expect(provablyUnsent(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }))).toBe(true);
    expect(provablyUnsent(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toBe(false);
    expect(provablyUnsent(new TypeError('Failed to fetch'))).toBe(false);
  });
});
