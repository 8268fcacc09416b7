// Any error a command ends with → a message in the user's language and an exit code.
import { CredentialsError, ImsApiError, JobFailedError, WaitTimeoutError } from '@ims-quick-import/client';
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

export function reportError(error: unknown, out: Output, m: Messages, json: boolean): ExitCode {
  const e = error instanceof Error ? error : new Error(String(error));
  let code: ExitCode;
  let lines: string[];
  let fields: Record<string, unknown> = {};
  if (e instanceof UsageError) {
    code = EXIT.usage;
    lines = [e.message, ...e.details];
  } else if (e instanceof CredentialsError) {
    // The chain found nothing (or a source failed): a setup problem, and nothing was sent. The client's
    // text lists each source and why; it never holds a secret.
    code = EXIT.usage;
    lines = [m.errNoCredentials, ...e.message.split('\n').map((l) => `  ${l}`)];
  } else if (e instanceof ImsApiError) {
    code = EXIT.api;
    lines = [m.apiError(e.status, e.code ?? '', e.requestId ?? '', e.message), ...(e.hint ? [m.hint(e.hint)] : [])];
    fields = { status: e.status, code: e.code ?? null, requestId: e.requestId ?? null };
  } else if (e instanceof JobFailedError) {
    code = EXIT.jobFailed;
    lines = [m.failed(e.jobId, e.errorCode ?? '', e.failReason ?? '')];
    fields = { jobId: e.jobId, errorCode: e.errorCode ?? null };
  } else if (e instanceof WaitTimeoutError) {
    code = EXIT.waitTimeout;
    lines = [e.message];
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
