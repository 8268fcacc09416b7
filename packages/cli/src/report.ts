// Any error a command ends with → a message in the user's language and an exit code.
import type { CredentialsAttempt, CredentialsError, ImsApiError, JobFailedError, ResponseTooLargeError, TimeoutError } from '@ims-quick-import/client';
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

/** One source the credentials chain tried, in the user's language (the client's English for a code we do not know). */
export function attemptLine(a: CredentialsAttempt, m: Messages): string {
  const source = Object.hasOwn(m.credentialSources, a.source) ? m.credentialSources[a.source](a.where) : a.where;
  return Object.hasOwn(m.credentialReasons, a.reason) ? m.credentialsAttempt(source, m.credentialReasons[a.reason](a)) : a.message;
}

/** The client's hint in the user's language: its clock-skew hint from the figures, another hint as it is. */
export function localHint(a: Pick<ImsApiError, 'hint' | 'clockSkewMs'>, m: Messages): string | undefined {
  return a.clockSkewMs !== undefined ? m.clockSkew(Math.round(Math.abs(a.clockSkewMs) / 1000), a.clockSkewMs > 0) : a.hint;
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
  /** JSON: the fields beside exitCode and message (which is `lines` unless a field says it) */
  let fields: Record<string, unknown> = {};
  if (e instanceof UsageError) {
    code = EXIT.usage;
    lines = [e.message, ...e.details];
  } else if (e.name === 'CredentialsError') {
    // The chain found nothing (or a source failed): a setup problem, and nothing was sent. Each source
    // tried and why, from the client's reason codes in the user's language; none of it holds a secret.
    code = EXIT.usage;
    const { attempts } = e as CredentialsError;
    // Without attempts (project id discovery, a refresh): the client's English, its "- source: reason" lines.
    const listed = e.message.split('\n').filter((l) => l.startsWith('- '));
    const tried = attempts?.length ? attempts.map((a) => `- ${attemptLine(a, m)}`) : listed.length ? listed : [e.message];
    lines = [m.errNoCredentials, ...tried.map((l) => `  ${l}`)];
  } else if (e.name === 'ImsApiError') {
    const a = e as ImsApiError;
    // The server's own words (the client's message also carries status, code, hint and request id, printed
    // here each on its own); an error the client made itself (a refused redirect) has only its message.
    const detail = a.detail ?? a.message;
    code = EXIT.api;
    const hint = localHint(a, m);
    lines = [m.apiError(a.status, a.code ?? '', a.requestId ?? '', detail), ...(hint ? [m.hint(hint)] : [])];
    // JSON: the server's message alone; status, code, request id and hint have their own fields.
    fields = { message: detail, status: a.status, code: a.code ?? null, requestId: a.requestId ?? null, hint: a.hint ?? null };
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
    lines = [m.timeoutError((e as TimeoutError).timeoutMs)];
  } else if (e.name === 'ResponseTooLargeError') {
    // An endless or oversized answer (the client's maxResponseBytes): the peer's fault, like a network error.
    code = EXIT.api;
    lines = [m.tooLargeError((e as ResponseTooLargeError).maxResponseBytes)];
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
