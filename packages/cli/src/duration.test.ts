import { describe, expect, it } from 'vitest';
import { clock, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['45', 45_000],
    [' 10S ', 10_000],
    ['1d', 86_400_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '-5s', '5 s', 'm', '1h-30m', '10x', 'Infinity', '1e3s'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('clock', () => {
  it.each([
    [0, '0:00'],
    [59_400, '0:59'],
    [61_000, '1:01'],
    [3_600_000, '1:00:00'],
    [3_723_000, '1:02:03'],
    [-5, '0:00'],
  ])('%d ms → %s', (ms, text) => expect(clock(ms)).toBe(text));
});
