import { describe, expect, it } from 'vitest';
import { displayWidth, oneLine, printable } from './text.js';

describe('printable', () => {
  it('spells out escape sequences, BEL, CR and C1 controls; keeps newlines, tabs and any other text', () => {
    expect(printable('\u001b]0;pwned\u0007\u001b[2J')).toBe('\\u001b]0;pwned\\u0007\\u001b[2J');
    expect(printable('a\rb\u009b31m')).toBe('a\\u000db\\u009b31m');
    expect(printable('line 1\nline 2\tend 镜像 🚀')).toBe('line 1\nline 2\tend 镜像 🚀');
    expect(printable(undefined)).toBe('');
  });
  it('oneLine also folds newlines and tabs', () => expect(oneLine('a\n\tb')).toBe('a b'));
});

describe('displayWidth', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('OS_VERSION')).toBe(10);
    expect(displayWidth('平台')).toBe(4);
    expect(displayWidth('（用于）')).toBe(8);
  });
});
