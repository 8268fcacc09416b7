// The translation gate against the real docs tool and the real zh-CN translations of this repository,
// with bundles written to a temporary directory: the current spec passes at 100 %, a changed English text
// or a new description fails it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../test/spec-pairs.js';
import { repoRoot } from './git.js';
import { translationsResult } from './translations.js';

const repo = repoRoot(process.cwd());
const tmp = mkdtempSync(join(tmpdir(), 'translations-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function withBundle(change: (doc: ReturnType<typeof loadBundle>) => void): string {
  const doc = structuredClone(loadBundle());
  change(doc);
  const file = join(tmp, `bundle-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('the translations check', () => {
  it('passes on the current spec and prints 100 % coverage', () => {
    const result = translationsResult(repo, withBundle(() => undefined));
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({ status: 'pass', lines: [expect.stringMatching(/^zh-CN: 100 % translated and current/)] });
  });

  it('fails when an English text changed and its Chinese entry was not revisited', () => {
    const result = translationsResult(repo, withBundle((doc) => {
      const op = (doc.paths as Record<string, Record<string, { summary?: string }>>)['/v2/cloudimages/quickimport/action']?.post;
      if (op) op.summary = 'Import an image file, quickly';
    }));
    expect(result.status).toBe('fail');
    expect(result.lines[0]).toMatch(/^zh-CN: 99\.\d % /);
    expect(result.failures[0]).toBe(
      'stale: /paths/~1v2~1cloudimages~1quickimport~1action/post/summary changed to "Import an image file, quickly"; ' +
        "revisit the overlay entry ($.paths['/v2/cloudimages/quickimport/action'].post, summary) and record the new hash",
    );
  });

  it('fails when a description has no Chinese entry', () => {
    const result = translationsResult(repo, withBundle((doc) => {
      const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
      schemas.Zone = { type: 'string', description: 'Availability zone of the image.' };
    }));
    expect(result.status).toBe('fail');
    expect(result.failures).toContain('missing: /components/schemas/Zone/description has no Chinese entry ("Availability zone of the image.")');
  });
});
