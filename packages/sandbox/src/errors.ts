// Error bodies, built only from the spec's catalogs: the image service's `{error: {code, message}}` and the
// API gateway's `{error_code, error_msg, request_id}`. A code missing from the catalog is a programming
// error here, so it throws (and the server turns that into its own 500, `sandboxFailure` below).
import { APIGW_CATALOG, IMG_CATALOG } from './generated/spec-data.js';

export interface ImsErrorBody {
  error: { code: string; message: string };
}

export interface GatewayErrorBody {
  error_code: string;
  error_msg: string;
  request_id: string;
}

export interface ErrorReply<B> {
  status: number;
  body: B;
}

function entry(catalog: typeof IMG_CATALOG, code: string) {
  const e = catalog[code];
  if (!e) throw new Error(`error code ${code} is not in the spec's x-error-catalog`);
  return e;
}

/** An IMS error with the catalog's status and message; `message` overrides the text (e.g. a validator's). */
export function imsError(code: string, message?: string): ErrorReply<ImsErrorBody> {
  const e = entry(IMG_CATALOG, code);
  return { status: e.statuses[0] ?? 400, body: { error: { code, message: message ?? e.message } } };
}

/**
 * An API gateway error. `status` picks one of the catalog's statuses (APIGW.0201 is both 400 and 413);
 * `detail` is appended the way the real gateway appends its reasons to `error_msg`.
 */
export function gatewayError(code: string, requestId: string, opts: { status?: number; detail?: string } = {}): ErrorReply<GatewayErrorBody> {
  const e = entry(APIGW_CATALOG, code);
  const status = opts.status ?? e.statuses[0] ?? 400;
  if (opts.status !== undefined && !e.statuses.includes(opts.status) && opts.status !== 405) {
    throw new Error(`${code} is not answered with ${opts.status} in the catalog`);
  }
  const msg = opts.detail ? `${e.message.replace(/\.$/, '')}: ${opts.detail}` : e.message;
  return { status, body: { error_code: code, error_msg: msg, request_id: requestId } };
}

/**
 * The codes of the sandbox's own failures: a bug (500), a dead judge worker (500), a journal it cannot write
 * (503). No source documents the body or code of a 500 or 503, so the spec declares none and tells clients
 * to read any `ErrorBody`; IMG.0061 "Unknown system error." is a 400 in the error table. The sandbox still
 * answers in the IMS shape, so every client parses it, and the spec's ErrorBody allows only `IMG.` or
 * `APIGW.` and four digits there — no `SANDBOX.` prefix. So the codes are the sandbox's own in the IMS shape,
 * far above any code in the error tables (the highest there is IMG.1075): `IMG.95` and the status. They are
 * not in the catalog, and each message starts with `ims-sandbox` and says what happened.
 */
export const SANDBOX_ERROR_CODES = { internal: 'IMG.9500', unavailable: 'IMG.9503' } as const;

/** A failure of the sandbox itself (never a service code): 500 for `internal`, 503 for `unavailable`. */
export function sandboxFailure(kind: keyof typeof SANDBOX_ERROR_CODES, message: string): ErrorReply<ImsErrorBody> {
  return { status: kind === 'internal' ? 500 : 503, body: { error: { code: SANDBOX_ERROR_CODES[kind], message } } };
}

/** The catalog's message for an IMG code (used for job `fail_reason`). */
export function imgMessage(code: string): string {
  return entry(IMG_CATALOG, code).message;
}
