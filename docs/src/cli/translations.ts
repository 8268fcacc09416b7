// `pnpm --filter @ims-quick-import/docs translations [--check] [--json] [--stubs] [--bundle F] [--i18n DIR]`
// For translators: what of the Chinese edition is stale (the English text changed since it was translated)
// or missing, with the current English text, and the coverage. --stubs prints overlay actions for every
// stale or missing text (English in place, new hash recorded) to paste into openapi.overlay.yaml and
// translate. --check exits 1 unless everything is translated and current (pnpm check:pr runs it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { HASH_FIELD, type TextIssue } from '../i18n/coverage.js';
import { formatCoverage, localeDir, translationReport, type TranslationReport } from '../i18n/report.js';
import { PACKAGE_DIR } from '../paths.js';
import { sourceHash } from '../i18n/source-texts.js';
import { bundlePath, loadBundle } from '../spec-source.js';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean' },
    json: { type: 'boolean' },
    stubs: { type: 'boolean' },
    bundle: { type: 'string' },
    i18n: { type: 'string' },
  },
});

const bundle = loadBundle(values.bundle ?? bundlePath());
const report = translationReport(bundle, values.i18n ?? localeDir());

function stubs(issues: TextIssue[]): string {
  const byTarget = new Map<string, { update: Record<string, string>; hashes: Record<string, string> }>();
  for (const issue of issues) {
    const entry = byTarget.get(issue.target) ?? { update: {}, hashes: {} };
    entry.update[issue.key] = issue.english;
    entry.hashes[issue.key] = sourceHash(issue.english);
    byTarget.set(issue.target, entry);
  }
  const actions = [...byTarget].map(([target, { update, hashes }]) => ({ target, update, [HASH_FIELD]: hashes }));
  return stringify(actions, { lineWidth: 0 });
}

function print(r: TranslationReport): void {
  const out: string[] = [`${r.locale} translation: ${formatCoverage(r)} (${r.current} of ${r.total} texts current)`];
  out.push(`  spec texts (overlay): ${r.spec.current}/${r.spec.total}; guides: ${r.guides.current}/${r.guides.total}; decision records: ${r.decisions.current}/${r.decisions.total}; catalog zh/zhHint: ${r.catalog.total - r.catalog.gaps.length}/${r.catalog.total}`);
  for (const s of r.spec.stale) out.push(`\nSTALE ${s.pointer}\n  target: ${s.target} (${s.key})\n  English now: ${JSON.stringify(s.english)}\n  translation: ${JSON.stringify(s.translation)}`);
  for (const m of r.spec.missing) out.push(`\nMISSING ${m.pointer}\n  target: ${m.target} (${m.key})\n  English: ${JSON.stringify(m.english)}`);
  for (const p of r.spec.problems) out.push(`\nOVERLAY ${p}`);
  for (const i of [...r.guides.issues, ...r.decisions.issues]) {
    out.push(`\n${i.reason.toUpperCase()} ${i.translation}${i.reason === 'orphaned' ? ' (no English file)' : ` translates ${i.file}; set source-hash: ${sourceHash(readEnglish(i.file))} once revisited`}`);
  }
  for (const g of r.catalog.gaps) out.push(`\nCATALOG ${g.code} has no ${g.field} in the spec's x-error-catalog`);
  if (r.spec.stale.length || r.spec.missing.length) out.push('\n(--stubs prints overlay actions for these, with the English text and its hash.)');
  console.log(out.join('\n'));
}

/** An English file named relative to the docs package (guides/…, decisions/…). */
function readEnglish(file: string): string {
  return readFileSync(join(PACKAGE_DIR, file), 'utf8').replace(/\r\n/g, '\n');
}

if (values.json) console.log(JSON.stringify({ ...report, coverage: formatCoverage(report) }, null, 2));
else if (values.stubs) process.stdout.write(stubs([...report.spec.stale, ...report.spec.missing]));
else print(report);
if (values.check && !report.complete) process.exitCode = 1;
