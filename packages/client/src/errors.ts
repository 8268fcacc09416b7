import type { Job } from './types.js';
import { redact, redactValue } from './secrets.js';

/** A non-empty string, else undefined. */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A non-2xx answer. Parses both error envelopes — the image service's `{error: {code, message}}` and the
 * API gateway's `{error_code, error_msg, request_id}` — and keeps the text of a non-JSON answer (a
 * gateway's HTML page, a text/plain 500) in `body`.
 */
export class ImsApiError extends Error {
  override readonly name = 'ImsApiError';
  declare readonly status: number;
  /** IMG.xxxx or APIGW.xxxx */
  declare readonly code?: string;
  /** `X-Request-Id` of the answer (else the gateway body's request_id) */
  declare readonly requestId?: string;
  /** parsed JSON body, or the raw text when it is not JSON */
  declare readonly body: unknown;
  /** the server's own words (its envelope's message, or the gist of a non-JSON page), secrets redacted */
  declare readonly detail?: string;
  /** what to do about it, when we can tell (clock skew) */
  declare readonly hint?: string;
  /** on a signature rejection: local clock minus the server's `Date`, in ms, when over 5 minutes apart */
  declare readonly clockSkewMs?: number;
  /** a 3xx's `Location` (never followed); browsers hide it (status 0, an opaque redirect) */
  declare readonly location?: string;
  constructor(
    message: string,
    fields: {
      status: number;
      body: unknown;
      code?: string | undefined;
      requestId?: string | undefined;
      detail?: string | undefined;
      hint?: string | undefined;
      clockSkewMs?: number | undefined;
      location?: string | undefined;
    },
  ) {
    super(message);
    // Only the fields that have a value, so JSON.stringify and inspect show no `undefined` noise.
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (this as Record<string, unknown>)[k] = v;
  }
}

/** One attempt took longer than `timeoutMs` (sending and reading the whole answer). GETs are retried. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`No complete answer within ${timeoutMs} ms (timeoutMs); the request was cancelled`);
  }
}

/** The answer was longer than `maxResponseBytes`; the connection was closed. Never retried. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(readonly maxResponseBytes: number) {
    super(`The answer exceeds maxResponseBytes (${maxResponseBytes} bytes); the connection was closed`);
  }
}

/** waitForJob saw the job end in FAIL. */
export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
  declare readonly errorCode?: string;
  declare readonly failReason?: string;
  constructor(
    readonly jobId: string,
    readonly job: Job,
  ) {
    const code = job.error_code ?? str((job.entities as { error_code?: unknown } | undefined)?.error_code);
    const reason = job.fail_reason;
    super(`Job ${jobId} failed${code ? ` with ${code}` : ''}${reason ? `: ${reason}` : ''}`);
    if (code) this.errorCode = code;
    if (reason) this.failReason = reason;
  }
}

/** waitForJob's deadline passed before the job ended. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
  declare readonly lastJob?: Job;
  constructor(
    readonly jobId: string,
    timeoutMs: number,
    lastJob?: Job,
  ) {
    const percent = lastJob?.entities?.process_percent;
    super(`Job ${jobId} did not finish within ${timeoutMs} ms${lastJob ? ` (last status ${lastJob.status}${percent !== undefined ? ` ${percent}%` : ''})` : ''}`);
    if (lastJob) this.lastJob = lastJob;
  }
}

/** `validateRequest` rejected the body; nothing was sent. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  /** the validator's warnings, when it gave any beside the issues */
  declare readonly warnings?: unknown[];
  constructor(
    readonly issues: unknown[],
    warnings?: unknown[],
  ) {
    super(`Quick-import request is invalid, nothing was sent: ${issues.map(describeIssue).join('; ') || 'validateRequest returned ok: false'}`);
    if (warnings?.length) this.warnings = warnings;
  }
}

/** `path: message (rule, IMG code)` for the validators' issues, JSON for anything else. */
function describeIssue(issue: unknown): string {
  const i = (issue ?? {}) as Record<string, unknown>;
  const m = i.message;
  if (typeof m !== 'string') return JSON.stringify(issue);
  const extra = [i.rule, i.code].filter((x) => x && !m.includes(String(x))).join(', ');
  return `${i.path ?? i.field ?? ''}: ${m}${extra ? ` (${extra})` : ''}`;
}

/**
 * Reads an answer: its JSON, or its text when it is not JSON. A non-2xx becomes ImsApiError, and so does a
 * 2xx that fails `check` (then `problem` says why, e.g. "the answer has no job_id").
 */
export async function readAnswer(response: Response, secrets: readonly string[], check: (data: any) => unknown, problem: string): Promise<any> {
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  if (response.ok && check(data)) return data;
  throw apiErrorFromAnswer(response, data, secrets, problem);
}

/**
 * The ImsApiError of an answer whose body is already read: parsed JSON, or the text of a non-JSON answer (as
 * openapi-fetch's `error` is for `client.GET`/`client.POST`). Reads both envelopes; `problem` says what was
 * wrong with a 2xx. Every value in `secrets` is redacted from the message and the body.
 */
export function apiErrorFromAnswer(response: Response, data: unknown, secrets: readonly string[] = [], problem?: string): ImsApiError {
  const status = response.status;
  const isJson = typeof data !== 'string';
  const body = redactValue(data, secrets);
  // The image service's envelope nests {code, message} under `error`; the gateway's is flat.
  const b = (isJson ? (body ?? {}) : {}) as Record<string, any>;
  const nested = b.error ?? {};
  const code = str(nested.code) ?? str(b.error_code) ?? str(b.code);
  const serverWords = isJson
    ? (str(nested.message) ?? str(b.error_msg) ?? str(b.message))
    : // not JSON: keep the text (an HTML page from a proxy, a text/plain 500); say its gist
      str((body as string).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300));
  const detail = redact((response.ok && problem) || serverWords || response.statusText, secrets);
  const requestId = str(response.headers.get('x-request-id')) ?? str(b.request_id);
  // The gateway rejects an X-Sdk-Date more than 15 minutes off; on a signature rejection, compare clocks.
  const serverDate = response.headers.get('date');
  const skew = serverDate && code?.match(/^APIGW?\.0301$/) ? Date.now() - Date.parse(serverDate) : 0;
  const clockSkewMs = Math.abs(skew) > 300_000 ? skew : undefined;
  const hint = clockSkewMs ? `clock skew: local clock ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'ahead of' : 'behind'} the server (Date: ${serverDate}); X-Sdk-Date must be within 15 min` : undefined;
  const message = `IMS API ${status}${code ? ` ${code}` : ''}: ${detail}${hint ? ` — ${hint}` : ''}${requestId ? ` (request id ${requestId})` : ''}`;
  return new ImsApiError(redact(message, secrets), { status, body, code, requestId, detail, hint, clockSkewMs });
}
