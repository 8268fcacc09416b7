// `validate <file…>`: offline, as the service would judge each body; a summary per file; nothing is sent.
import type { ValidationIssue } from '@ims-quick-import/validators';
import { parseBodyText, readSource } from '../body.js';
import { checkBody, issueLines } from '../check.js';
import type { Context } from '../context.js';
import { EXIT, type ExitCode, UsageError } from '../errors.js';
import { printable } from '../text.js';

interface FileResult {
  file: string;
  ok: boolean;
  issues: ValidationIssue[];
  warnings: ValidationIssue[];
  /** why the file could not be read or parsed */
  reason?: string;
}

export async function validateCommand(ctx: Context, files: string[], o: { strict?: boolean; json?: boolean }): Promise<ExitCode> {
  const { out, m, lang } = ctx;
  const results: FileResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readSource(file, out.io.stdin, m);
    } catch (e) {
      results.push({ file, ok: false, issues: [], warnings: [], reason: (e as UsageError).message });
      continue;
    }
    const parsed = parseBodyText(text, lang);
    if (!parsed.ok) {
      results.push({ file, ok: false, issues: parsed.issues, warnings: [], ...(parsed.reason && { reason: parsed.reason }) });
      continue;
    }
    const verdict = checkBody(parsed.body, lang, !!o.strict);
    results.push({ file, ...verdict });
  }
  const valid = results.filter((r) => r.ok).length;
  const invalid = results.length - valid;
  if (o.json) {
    out.json({ files: results, valid, invalid });
  } else {
    for (const r of results) {
      const name = r.file === '-' ? 'stdin' : printable(r.file);
      const head = r.ok ? (r.warnings.length ? m.validFileWarnings(name, r.warnings.length) : m.validFile(name)) : m.invalidFile(name, r.issues.length || 1);
      out.out(out.paint('out', r.ok ? 'green' : 'red', head));
      for (const line of issueLines(r.issues, m)) out.out(line);
      if (r.reason) out.out(`    ${r.reason}`);
      if (r.warnings.length) {
        out.out(`  ${m.warningsHeader(name)}`);
        for (const line of issueLines(r.warnings, m)) out.out(`  ${line}`);
      }
    }
    out.out(m.validateSummary(results.length, valid, invalid));
  }
  return invalid ? EXIT.usage : EXIT.ok;
}
