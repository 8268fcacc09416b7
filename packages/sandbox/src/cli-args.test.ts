import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from './cli-args.js';

describe('parseCli', () => {
  it('maps every flag', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ims-cli-'));
    const file = join(dir, 'creds.json');
    await writeFile(file, JSON.stringify({ credentials: [{ ak: 'A', sk: 'S', projectId: 'P' }], tokens: ['t1'] }));
    expect(parseCli(['--buckets', 'b', '--port', '0', '--host', '::1', '--state', 's.jsonl', '--speed', '50', '--credentials', file, '--token', 't2'])).toEqual({
      bucketsDir: 'b',
      port: 0,
      host: '::1',
      stateFile: 's.jsonl',
      speed: 50,
      credentials: [{ ak: 'A', sk: 'S', projectId: 'P' }],
      tokens: ['t1', 't2'],
    });
    await rm(dir, { recursive: true, force: true });
  });
  it('passes --repair on only when given', () => {
    expect(parseCli(['--buckets', 'b', '--state', 's', '--repair'])).toMatchObject({ stateFile: 's', repair: true });
    expect(parseCli(['--buckets', 'b'])).not.toHaveProperty('repair');
  });
  it('defaults to 127.0.0.1:8787', () => {
    expect(parseCli(['--buckets', 'b'])).toEqual({ bucketsDir: 'b', port: 8787, host: '127.0.0.1' });
    expect(parseCli(['--help'])).toBe('help');
  });
  it('names the flag that is wrong', () => {
    expect(() => parseCli([])).toThrow(/--buckets/);
    expect(() => parseCli(['--buckets', 'b', '--port', '70000'])).toThrow(/--port/);
    expect(() => parseCli(['--buckets', 'b', '--speed', '0'])).toThrow(/--speed/);
    expect(() => parseCli(['--buckets', 'b', '--credentials', '/nonexistent.json'])).toThrow(/--credentials/);
    expect(() => parseCli(['--buckets', 'b', '--bogus'])).toThrow(UsageError);
  });
});
