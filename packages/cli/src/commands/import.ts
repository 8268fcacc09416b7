// `import`: body from --body and flags → local validation → (dry run | send) → (wait).
import { type BodyFlags, mergeFlags, parseBodyText, readSource } from '../body.js';
import { checkBody, issueLines } from '../check.js';
import { connect } from '../connect.js';
import { type Context, resumeCommand } from '../context.js';
import { capturingFetch, captureRequest, toCurl } from '../dry-run.js';
import { EXIT, type ExitCode } from '../errors.js';
import { follow } from '../wait/follow.js';

export interface ImportOptions extends BodyFlags {
  body?: string;
  strict?: boolean;
  safeMode?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  json?: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
}

export async function importCommand(ctx: Context, o: ImportOptions): Promise<ExitCode> {
  const { out, m, lang } = ctx;
  const json = !!o.json;
  const source = o.body === undefined ? 'import' : o.body === '-' ? 'stdin' : o.body;

  let base: unknown;
  if (o.body !== undefined) {
    const parsed = parseBodyText(await readSource(o.body, out.io.stdin, m), lang);
    if (!parsed.ok) return invalid(ctx, source, parsed.issues, [], json, parsed.reason);
    base = parsed.body;
  }
  const body = mergeFlags(base, o, m);

  const verdict = checkBody(body, lang, !!o.strict);
  if (!verdict.ok) return invalid(ctx, source, verdict.issues, verdict.warnings, json);
  if (verdict.warnings.length) {
    out.err(m.warningsHeader(source));
    for (const line of issueLines(verdict.warnings, m)) out.err(line);
  }
  const request = body as Parameters<ReturnType<typeof connect>['client']['quickImport']>[0];

  if (o.dryRun) {
    let capture: ReturnType<typeof capturingFetch> | undefined;
    const { client, credentials } = connect(ctx.globals, out, m, { fetch: (base) => (capture = capturingFetch(base)).fetch });
    if (!capture) throw new Error('dry run: no capturing fetch');
    const captured = await captureRequest(capture, () => client.quickImport(request, { safeMode: !!o.safeMode }));
    const curl = toCurl(captured, [...credentials.secrets, ...credentials.auth.secrets()]);
    if (json) out.json({ event: 'dry-run', request: curl.masked, curl: curl.command, variables: curl.variables, warnings: verdict.warnings });
    else out.out(curl.command);
    out.err(m.dryRunNote);
    if (capture.passed()) out.err(m.dryRunIam);
    for (const variable of curl.variables) out.err(m.dryRunToken(variable));
    return EXIT.ok;
  }

  const { client } = connect(ctx.globals, out, m);
  const { jobId, requestId } = await client.quickImport(request, { safeMode: !!o.safeMode });
  if (json) out.json({ event: 'accepted', jobId, requestId: requestId ?? null, warnings: verdict.warnings });
  else out.out(m.accepted(jobId, requestId ?? ''));
  const resume = resumeCommand(ctx, jobId, { json });
  if (!o.wait) {
    if (!json) out.err(m.checkWith(resume));
    return EXIT.ok;
  }
  return follow(client, { jobId, timeoutMs: o.timeoutMs, pollIntervalMs: o.pollIntervalMs, legacy: false, json, resume, ...(ctx.signals && { signals: ctx.signals }) }, out, m, lang);
}

/** Prints why a body was refused (field, rule, IMG code of each issue) and returns exit code 2. */
export function invalid(ctx: Context, source: string, issues: Parameters<typeof issueLines>[0], warnings: Parameters<typeof issueLines>[0], json: boolean, reason?: string): ExitCode {
  const { out, m } = ctx;
  if (json) out.json({ event: 'invalid', exitCode: EXIT.usage, source, issues, warnings, ...(reason && { reason }) });
  out.err(m.invalidHeader(source));
  for (const line of issueLines(issues, m)) out.err(line);
  if (reason) out.err(`    ${reason}`);
  if (warnings.length) {
    out.err(m.warningsHeader(source));
    for (const line of issueLines(warnings, m)) out.err(line);
  }
  return EXIT.usage;
}
