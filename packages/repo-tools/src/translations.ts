// check:pr's translation gate: the Chinese edition of the docs must translate every text of the spec, the
// guides and the decision records, and no entry may be stale (its English text changed since it was
// translated). The logic and the translators' tool live in the docs package
// (`pnpm --filter @ims-quick-import/docs translations`); this runs that tool against the working tree's
// spec, freshly bundled, and turns its JSON report into a check result with the coverage.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkingTree } from './bundle-spec.js';
import type { CheckContext } from './checks.js';
import type { CheckResult } from './report.js';
import { runNode } from './run.js';

export const TRANSLATIONS_TOOL = 'docs/build/cli/translations.js';

interface Issue {
  pointer?: string;
  target?: string;
  key?: string;
  english?: string;
  translation?: string;
  reason?: string;
  file?: string;
  code?: string;
  field?: string;
}

interface Report {
  locale: string;
  coverage: string;
  total: number;
  current: number;
  complete: boolean;
  spec: { stale: Issue[]; missing: Issue[]; problems: string[] };
  guides: { issues: Issue[] };
  decisions: { issues: Issue[] };
  catalog: { gaps: Issue[] };
}

const short = (text = ''): string => JSON.stringify(text.length > 160 ? `${text.slice(0, 157)}…` : text);

/** Runs the docs tool on a bundle file and maps its report; exported for tests with their own bundle. */
export function translationsResult(repo: string, bundleFile: string): CheckResult {
  const name = 'translations (docs zh-CN)';
  const tool = join(repo, TRANSLATIONS_TOOL);
  if (!existsSync(tool)) {
    return { name, status: 'fail', lines: [], failures: [`${TRANSLATIONS_TOOL} is missing: run \`pnpm --filter @ims-quick-import/docs tools\` (or \`pnpm build\`) first`] };
  }
  const res = runNode(tool, ['--json', '--bundle', bundleFile], { cwd: join(repo, 'docs') });
  if (res.code !== 0) return { name, status: 'fail', lines: [], failures: [`the translations tool failed:\n${(res.stderr || res.stdout).trim()}`] };
  const report = JSON.parse(res.stdout) as Report;
  const lines = [`${report.locale}: ${report.coverage} translated and current (${report.current} of ${report.total} texts)`];
  const failures = [
    ...report.spec.stale.map((s) => `stale: ${s.pointer} changed to ${short(s.english)}; revisit the overlay entry (${s.target}, ${s.key}) and record the new hash`),
    ...report.spec.missing.map((m) => `missing: ${m.pointer} has no Chinese entry (${short(m.english)})`),
    ...report.spec.problems.map((p) => `overlay: ${p}`),
    ...[...report.guides.issues, ...report.decisions.issues].map((i) => `${i.reason}: ${i.translation ?? ''} (English ${i.file ?? ''})`),
    ...report.catalog.gaps.map((g) => `catalog: ${g.code} has no ${g.field} in x-error-catalog`),
  ];
  if (failures.length) failures.push('`pnpm --filter @ims-quick-import/docs translations` lists them with the English text; `… translations --stubs` prints overlay entries');
  return { name, status: report.complete ? 'pass' : 'fail', lines, failures: report.complete ? [] : failures };
}

export function translations(ctx: CheckContext): CheckResult {
  const bundle = bundleWorkingTree(ctx.repo, ctx.tmp);
  if (!bundle) return { name: 'translations (docs zh-CN)', status: 'fail', lines: [], failures: ['the working tree has no spec to bundle'] };
  const file = join(ctx.tmp, 'translations-bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
  return translationsResult(ctx.repo, file);
}
