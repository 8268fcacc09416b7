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
  it('maps the emulator flags: --ecs-metadata with or without a TTL, repeated --iam-project', () => {
    expect(parseCli(['--buckets', 'b', '--ecs-metadata', '--iam-project', 'p1=cn-north-4', '--iam-project', 'p2 = cn-east-3'])).toMatchObject({
      ecsMetadata: {},
      iamProjects: [
        { id: 'p1', name: 'cn-north-4' },
        { id: 'p2', name: 'cn-east-3' },
      ],
    });
    expect(parseCli(['--buckets', 'b', '--ecs-metadata=90'])).toMatchObject({ ecsMetadata: { ttlSeconds: 90 } });
    expect(() => parseCli(['--buckets', 'b', '--ecs-metadata=-1'])).toThrow(/--ecs-metadata/);
    expect(() => parseCli(['--buckets', 'b', '--iam-project', 'no-name'])).toThrow(/--iam-project/);
    expect(() => parseCli(['--buckets', 'b', '--iam-project', '=cn-north-4'])).toThrow(/--iam-project/);
  });
  it('never quotes a malformed credentials file (it holds secret keys)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ims-cli-'));
    const sk = 'verySecretKeyValue0123456789';
    // An INI file given by mistake makes JSON.parse quote the text; a broken JSON file makes it point into the SK.
    const cases = [`ak = AKEXAMPLE\nsk = ${sk}\n`, `[{"ak": "AKEXAMPLE", "sk": "${sk}"}]x`, `{"credentials": [{"ak": "AKEXAMPLE", "sk": "${sk}`, `[{"ak": "AKEXAMPLE", "sk": ${sk}}]`];
    for (const [i, text] of cases.entries()) {
      const file = join(dir, `creds-${i}.json`);
      await writeFile(file, text);
      let message = '';
      try {
        parseCli(['--buckets', 'b', '--credentials', file]);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, text).toMatch(/^--credentials: .* is not valid JSON/);
      // No run of 4 characters of the SK (nor the AK) appears in the message.
      for (let k = 0; k + 4 <= sk.length; k++) expect(message, text).not.toContain(sk.slice(k, k + 4));
      expect(message).not.toContain('AKEX');
    }
    await rm(dir, { recursive: true, force: true });
  });
  it('refuses to run with no authentication unless --open, and not both', () => {
    expect(() => parseCli(['--buckets', 'b'])).toThrow(/refusing to start with no authentication.*--open/);
    expect(() => parseCli(['--buckets', 'b', '--open', '--token', 't'])).toThrow(/--open cannot be combined/);
    expect(parseCli(['--buckets', 'b', '--ecs-metadata'])).toMatchObject({ ecsMetadata: {} });
  });
  it('maps --cors-origin and --allowed-host, checking their shape', () => {
    expect(parseCli(['--buckets', 'b', '--token', 't', '--cors-origin', 'https://Docs.Example.com', '--allowed-host', 'sandbox.test', '--allowed-host', '.lan'])).toMatchObject({
      corsOrigins: ['https://docs.example.com'],
      allowedHosts: ['sandbox.test', '.lan'],
    });
    expect(() => parseCli(['--buckets', 'b', '--token', 't', '--cors-origin', 'https://docs.example.com/path'])).toThrow(/--cors-origin/);
    expect(() => parseCli(['--buckets', 'b', '--token', 't', '--cors-origin', 'docs.example.com'])).toThrow(/--cors-origin/);
    expect(() => parseCli(['--buckets', 'b', '--token', 't', '--allowed-host', 'a b'])).toThrow(/--allowed-host/);
  });
  it('passes --repair on only when given', () => {
    expect(parseCli(['--buckets', 'b', '--open', '--state', 's', '--repair'])).toMatchObject({ stateFile: 's', repair: true });
    expect(parseCli(['--buckets', 'b', '--open'])).not.toHaveProperty('repair');
  });
  it('defaults to 127.0.0.1:8787', () => {
    expect(parseCli(['--buckets', 'b', '--open'])).toEqual({ bucketsDir: 'b', port: 8787, host: '127.0.0.1' });
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
