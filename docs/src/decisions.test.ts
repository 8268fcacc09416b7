import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDecisions } from './decisions.js';
import { DECISIONS_DIR } from './paths.js';

describe('decision records', () => {
  it('are all included, in number order, each with its source', () => {
    const files = readdirSync(DECISIONS_DIR).filter((f) => f.endsWith('.md')).sort();
    const text = renderDecisions(DECISIONS_DIR);
    let last = -1;
    for (const file of files) {
      const at = text.indexOf(`docs/decisions/${file}`);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
  });

  it('must start with a heading, and there must be some', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adr-'));
    expect(() => renderDecisions(dir)).toThrow(/no decision records/);
    writeFileSync(join(dir, '0001-x.md'), 'no heading');
    expect(() => renderDecisions(dir)).toThrow(/starts with a "# NNNN/);
  });
});
