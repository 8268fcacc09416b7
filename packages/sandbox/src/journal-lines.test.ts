import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournalLines } from './journal-lines.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-lines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(content: string | Buffer, opts: Parameters<typeof readJournalLines>[1]) {
  const file = join(dir, `f${Math.random()}`);
  await writeFile(file, content);
  const out = [];
  for await (const l of readJournalLines(file, opts)) out.push(l);
  return out;
}

describe('readJournalLines', () => {
  it('splits lines across tiny chunks, multi-byte characters included, and numbers them', async () => {
    const text = '{"a":"镜像"}\n\n{"b":"ü"}\n';
    const lines = await collect(text, { chunkBytes: 3 });
    expect(lines).toEqual([
      { number: 1, text: '{"a":"镜像"}', terminated: true },
      { number: 2, text: '', terminated: true },
      { number: 3, text: '{"b":"ü"}', terminated: true },
    ]);
  });

  it('marks a last line without its newline as not terminated', async () => {
    const lines = await collect('one\ntw', { chunkBytes: 4 });
    expect(lines.at(-1)).toEqual({ number: 2, text: 'tw', terminated: false });
  });

  it('flags a line over the limit and drops its bytes instead of buffering them', async () => {
    // 8 MiB of one line through 64 KiB chunks with a 1 KiB limit. (That a whole journal is never held in
    // memory is proven end to end in test/journal-durability.test.ts, under a heap smaller than the file.)
    const lines = await collect(Buffer.concat([Buffer.from('ok\n'), Buffer.alloc(8 * 1024 * 1024, 0x61), Buffer.from('\nafter\n')]), {
      chunkBytes: 64 * 1024,
      maxLineBytes: 1024,
    });
    expect(lines).toEqual([
      { number: 1, text: 'ok', terminated: true },
      { number: 2, text: '', terminated: true, oversized: true },
      { number: 3, text: 'after', terminated: true },
    ]);
  });
});
