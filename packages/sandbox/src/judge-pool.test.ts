// Big bodies are judged on a worker thread, exactly as small ones are judged inline.
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { responseErrors } from '../test/helpers/spec.js';
import { SANDBOX_ERROR_CODES } from './errors.js';
import { JudgePool, OFF_THREAD_BYTES } from './judge-pool.js';

const base = { name: 'big-body', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/disk.raw', min_disk: 40 };
const bodies: Record<string, string> = {
  'valid, small': JSON.stringify(base),
  'valid, padded past the threshold': JSON.stringify(base) + ' '.repeat(OFF_THREAD_BYTES),
  '90 000 tags': JSON.stringify({ ...base, tags: Array.from({ length: 90_000 }, (_, i) => `k${i}.v`) }),
  '60 000 unknown keys (warnings)': JSON.stringify(Object.assign({ ...base }, Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`u${i}`, 1])))),
  'a huge description': JSON.stringify({ ...base, description: 'é'.repeat(400_000) }),
  'not JSON': '{"name": ' + 'x'.repeat(OFF_THREAD_BYTES * 2),
};

const inline = new JudgePool(Number.POSITIVE_INFINITY);
const offThread = new JudgePool(0);
afterAll(async () => {
  await inline.close();
  await offThread.close();
});

describe('JudgePool', () => {
  for (const [what, text] of Object.entries(bodies)) {
    it(`gives the same verdict off the main thread as inline: ${what}`, async () => {
      const raw = Buffer.from(text);
      for (const locale of ['en', 'zh-CN'] as const) {
        expect(await offThread.judge(raw, 'application/json', locale)).toEqual(await inline.judge(raw, 'application/json', locale));
      }
    });
  }

  it('never parses a big body on the main thread', async () => {
    const pool = new JudgePool();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const big = Buffer.from(bodies['90 000 tags']!);
      const r = await pool.judge(big, 'application/json', 'en');
      expect(r.ok).toBe(false);
      expect(pool.offThread).toBe(1);
      expect(parse.mock.calls.filter(([t]) => typeof t === 'string' && t.length > OFF_THREAD_BYTES)).toEqual([]);
      // A small one is judged inline (no worker round trip).
      expect(pool.judge(Buffer.from(bodies['valid, small']!), 'application/json', 'en')).toMatchObject({ ok: true });
      expect(pool.offThread).toBe(1);
    } finally {
      parse.mockRestore();
      await pool.close();
    }
  });

  it('answers the cheap checks without a worker: empty (as String#trim sees it) and a wrong Content-Type', () => {
    const pool = new JudgePool(0);
    for (const blank of ['', '  \n\t ', '\uFEFF', '\u00a0 ']) {
      expect(pool.judge(Buffer.from(blank), 'application/json', 'en'), JSON.stringify(blank)).toMatchObject({ ok: false, reply: { body: { error: { code: 'IMG.0007' } } } });
    }
    expect(pool.judge(Buffer.from('{}'), 'text/plain', 'en')).toMatchObject({ ok: false, reply: { body: { error: { code: 'IMG.0001' } } } });
    expect(pool.offThread).toBe(0);
  });

  it('refuses JSON nested deeper than 1000 levels on either side, before parsing', async () => {
    const deep = Buffer.from('['.repeat(200_000) + ']'.repeat(200_000));
    for (const pool of [inline, offThread]) {
      const r = await pool.judge(deep, undefined, 'en');
      expect(r).toMatchObject({ ok: false, reply: { status: 400, body: { error: { code: 'IMG.0001' } } } });
      expect(!r.ok && r.reply.body.error.message).toMatch(/nests deeper than 1000 levels/);
    }
  });

  it('answers a body whose worker dies with a 500 of the sandbox’s own (an ErrorBody, not IMG.0061), then starts a new worker', async () => {
    const pool = new JudgePool(0);
    try {
      const raw = Buffer.from(bodies['valid, padded past the threshold']!);
      const judged = pool.judge(raw, 'application/json', 'en');
      // The worker stops before it answers, as one that runs out of memory or is killed would.
      await (pool as unknown as { worker: Worker }).worker.terminate();
      const r = await judged;
      expect(r).toMatchObject({ ok: false, reply: { status: 500, body: { error: { code: SANDBOX_ERROR_CODES.internal } } }, warnings: [] });
      const reply = !r.ok ? r.reply : undefined;
      expect(responseErrors('importImageQuick', 500, reply?.body)).toEqual([]);
      expect(JSON.stringify(reply)).not.toContain('IMG.0061');
      expect(reply?.body.error.message).toMatch(/^ims-sandbox internal error: .*no job was accepted/);
      expect(await pool.judge(raw, 'application/json', 'en')).toMatchObject({ ok: true });
    } finally {
      await pool.close();
    }
  });
});
