// How check results reach people: plain text in a terminal, plus workflow commands (annotations) and a
// job summary when running in GitHub Actions.
import { appendFileSync } from 'node:fs';

export type Status = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: Status;
  /** What the check found, for the human summary. */
  lines: string[];
  /** Why it failed; each becomes an error annotation on GitHub. */
  failures: string[];
  /** Worth a reviewer's attention without failing (breaking changes with their major changeset, …). */
  warnings?: string[];
  /** Lines a tool already wrote as workflow commands (redocly's github-actions format), printed as is. */
  annotations?: string[];
}

const MARK: Record<Status, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Workflow-command escaping (https://docs.github.com/actions/reference/workflow-commands-for-github-actions). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(level: 'error' | 'warning' | 'notice', title: string, message: string, file?: string): string {
  const props = [`title=${escapeProperty(title)}`];
  if (file) props.unshift(`file=${escapeProperty(file)}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

export function formatResult(r: CheckResult): string {
  const out = [`${MARK[r.status]}  ${r.name}`];
  for (const l of r.lines) out.push(`      ${l.replace(/\n/g, '\n      ')}`);
  for (const f of r.failures) out.push(`    ✗ ${f.replace(/\n/g, '\n      ')}`);
  return out.join('\n');
}

export function printResults(results: readonly CheckResult[], env: NodeJS.ProcessEnv = process.env, write: (s: string) => void = (s) => process.stdout.write(s)): void {
  const gh = inGitHubActions(env);
  for (const r of results) {
    write(`${formatResult(r)}\n`);
    if (gh) {
      for (const a of r.annotations ?? []) write(`${a}\n`);
      for (const f of r.failures) write(`${annotation('error', `check:pr ${r.name}`, f)}\n`);
      for (const w of r.warnings ?? []) write(`${annotation('warning', `check:pr ${r.name}`, w)}\n`);
    }
  }
  const failed = results.filter((r) => r.status === 'fail');
  write(`\ncheck:pr ${failed.length === 0 ? 'passed' : `failed: ${failed.map((r) => r.name).join(', ')}`}\n`);
  if (gh && env.GITHUB_STEP_SUMMARY) {
    const md = ['## check:pr', '', '| check | result |', '|---|---|', ...results.map((r) => `| ${r.name} | ${MARK[r.status]} |`), ''];
    for (const r of results) {
      if (r.lines.length + r.failures.length === 0) continue;
      md.push(`### ${r.name}`, '', '```', ...r.lines, ...r.failures.map((f) => `✗ ${f}`), '```', '');
    }
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${md.join('\n')}\n`);
  }
}
