// Any error a command ends with → a message in the user's language and an exit code.
import type { ImsApiError, JobFailedError } from '@ims-quick-import/client';
import { EXIT, type ExitCode, UsageError } from './errors.js';
import type { Messages } from './i18n/index.js';
import type { Output } from './io.js';
import { printable } from './text.js';

/** The socket-level reason of a failed fetch: "ECONNREFUSED 127.0.0.1:9" rather than "fetch failed". */
function networkReason(error: Error): string | undefined {
  if (!(error instanceof TypeError) || !/fetch failed/i.test(error.message)) return undefined;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return [cause?.code, cause?.message].filter(Boolean).join(' ') || error.message;
}

/**
 * The client's errors are told apart by `name` (part of its contract), not instanceof: this module is
 * loaded by every command, and importing the client for its classes would load its HTTP stack for
 * `validate` and `--help` too.
 */
export function reportError(error: unknown, out: Output, m: Messages, json: boolean): ExitCode {
  const e = error instanceof Error ? error : new Error(String(error));
  let code: ExitCode;
  let lines: string[];
  let fields: Record<string, unknown> = {};
  if (e instanceof UsageError) {
    code = EXIT.usage;
    lines = [e.message, ...e.details];
  } else if (e.name === 'CredentialsError') {
    // The chain found nothing (or a source failed): a setup problem, and nothing was sent. The client's
    // text lists each source and why; it never holds a secret.
    code = EXIT.usage;
    // The chain's message is a heading our own line replaces, then one "- source: reason" line per source.
    const tried = e.message.split('\n').filter((l) => l.startsWith('- '));
    lines = [m.errNoCredentials, ...(tried.length ? tried : [e.message]).map((l) => `  ${l}`)];
  } else if (e.name === 'ImsApiError') {
    const a = e as ImsApiError;
    code = EXIT.api;
    lines = [m.apiError(a.status, a.code ?? '', a.requestId ?? '', a.message), ...(a.hint ? [m.hint(a.hint)] : [])];
    fields = { status: a.status, code: a.code ?? null, requestId: a.requestId ?? null };
  } else if (e.name === 'JobFailedError') {
    const f = e as JobFailedError;
    code = EXIT.jobFailed;
    lines = [m.failed(f.jobId, f.errorCode ?? '', f.failReason ?? '')];
    fields = { jobId: f.jobId, errorCode: f.errorCode ?? null };
  } else if (e.name === 'WaitTimeoutError') {
    code = EXIT.waitTimeout;
    lines = [e.message];
  } else if ((e as NodeJS.ErrnoException).code === 'ERR_INVALID_CHAR') {
    // A credential (AK, security token) with a character no header may carry: a setup problem, nothing sent.
    code = EXIT.usage;
    lines = [m.errHeaderChars(/\["([^"]+)"\]/.exec(e.message)?.[1] ?? 'header')];
  } else if (e.name === 'TimeoutError') {
    code = EXIT.api;
    lines = [m.timeoutError(e.message)];
  } else if (networkReason(e) !== undefined) {
    code = EXIT.api;
    lines = [m.networkError(networkReason(e)!)];
  } else {
    code = EXIT.jobFailed;
    lines = [m.internalError(e.stack ?? e.message)];
  }
  if (json) out.json({ event: 'error', exitCode: code, message: lines.join('\n'), ...fields });
  // Error texts quote what servers, files and sockets said: shown with control characters spelled out.
  for (const line of lines) out.err(printable(line));
  return code;
}
