// Renders the lead's architecture decision records (docs/decisions/NNNN-*.md) into the "Design decisions"
// guide, as written: each record's own `# NNNN — title` heading becomes its sidebar entry.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function renderDecisions(dir: string): string {
  const files = readdirSync(dir).filter((f) => /^\d{4}-.+\.md$/.test(f)).sort();
  if (files.length === 0) throw new Error(`${dir}: no decision records (NNNN-title.md)`);
  return files
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n').trim();
      if (!/^# /.test(text)) throw new Error(`${file}: a decision record starts with a "# NNNN — title" heading`);
      return `${text}\n\n*Source: \`docs/decisions/${file}\`.*`;
    })
    .join('\n\n');
}
