// Renders the lead's architecture decision records (docs/decisions/NNNN-*.md) into the "Design decisions"
// guide, as written: each record's own `# NNNN — title` heading becomes its sidebar entry.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDITIONS } from './i18n/locales.js';

/**
 * `dir` holds the records to render: docs/decisions, or a translation folder whose records start with
 * front matter (their source hash), which is dropped. `source` writes the line naming the English file.
 */
export function renderDecisions(dir: string, source: (file: string) => string = EDITIONS.en.decisionSource): string {
  const files = readdirSync(dir).filter((f) => /^\d{4}-.+\.md$/.test(f)).sort();
  if (files.length === 0) throw new Error(`${dir}: no decision records (NNNN-title.md)`);
  return files
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '').trim();
      if (!/^# /.test(text)) throw new Error(`${file}: a decision record starts with a "# NNNN — title" heading`);
      return `${text}\n\n${source(file)}`;
    })
    .join('\n\n');
}
