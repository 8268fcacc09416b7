// Error bodies, built only from the spec's catalogs: the image service's `{error: {code, message}}` and the
// API gateway's `{error_code, error_msg, request_id}`. A code missing from the catalog is a programming
// error here, so it throws (and the server turns that into a 500 IMG.0061, which is in the catalog).
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

/** The catalog's message for an IMG code (used for job `fail_reason`). */
export function imgMessage(code: string): string {
  return entry(IMG_CATALOG, code).message;
}
