import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colorEnabled, Output } from './io.js';

describe('colorEnabled', () => {
  const tty = { isTTY: true, write: () => true };
  const pipe = { write: () => true };
  it.each([
    [tty, {}, true],
    [pipe, {}, false],
    [tty, { NO_COLOR: '1' }, false],
    [tty, { NO_COLOR: '' }, true],
    [tty, { TERM: 'dumb' }, false],
    [pipe, { FORCE_COLOR: '1' }, true],
    [tty, { FORCE_COLOR: '0' }, false],
    [pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
  ])('%o with %o → %s', (stream, env, expected) => expect(colorEnabled(stream, env)).toBe(expected));
});

describe('Output', () => {
  it('redacts every registered secret from every line, whatever wrote it', () => {
    const chunks: string[] = [];
    const stream = { write: (s: string) => chunks.push(s) > 0 };
    const out = new Output({ stdout: stream, stderr: stream, stdin: new PassThrough(), env: {} });
    let secrets: string[] = [];
    out.addSecrets(() => secrets);
    secrets = ['s3cr3t-value', 'ab']; // too short to mask safely: left alone
    out.out('key s3cr3t-value, ab');
    out.json({ echoed: 'xx s3cr3t-value' });
    expect(chunks.join('')).toBe('key ***, ab\n{"echoed":"xx ***"}\n');
  });
  it('paints only where colour is enabled', () => {
    const out = new Output({ stdout: { isTTY: true, write: () => true }, stderr: { write: () => true }, stdin: new PassThrough(), env: {} });
    expect(out.paint('out', 'red', 'x')).toBe('\u001b[31mx\u001b[39m');
    expect(out.paint('err', 'red', 'x')).toBe('x');
  });
});

describe('Output.json', () => {
  it('escapes DEL and the C1 controls (an 8-bit CSI) that JSON.stringify leaves raw, and parses back the same', () => {
    let written = '';
    const out = new Output({ stdout: { write: (s: string) => ((written += s), true) }, stderr: { write: () => true }, stdin: new PassThrough(), env: {} });
    const value = { message: 'a\u009b31mb\u007fc\u0085d\u001be', ok: 'plain ü 中文' };
    out.json(value);
    expect(written).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(written).toContain('\\u009b');
    expect(JSON.parse(written)).toEqual(value);
  });
});
