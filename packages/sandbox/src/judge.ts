// Judges a quick-import body with @ims-quick-import/validators — the same rules users run before they send
// — and turns the first issue into the service's 400 `{error: {code, message}}`. It follows the default
// profile: a rule no official source states is a warning (reported in a header), never a rejection.
// The heavy part (JSON.parse + validation) is `assess`, a self-contained function that judge-pool.ts also
// runs on a worker thread for big bodies, so one client's 1 MiB body cannot stall everyone else.
import type { ValidateOptions, ValidationIssue, ValidationResult } from '@ims-quick-import/validators';
import { imsError, type ErrorReply, type ImsErrorBody } from './errors.js';
import type { NewJob } from './jobs.js';
import { MAX_JSON_DEPTH } from './json-depth.js';

export type Judgement =
  | { ok: true; job: Omit<NewJob, 'projectId'>; warnings: readonly ValidationIssue[] }
  | { ok: false; reply: ErrorReply<ImsErrorBody>; warnings: readonly ValidationIssue[] };

const NONE: readonly ValidationIssue[] = Object.freeze([]);

export type Locale = 'en' | 'zh-CN';

/** What parsing and validating a body found, in plain data (it crosses a worker boundary). */
export type Assessment =
  | { kind: 'too-deep' }
  | { kind: 'not-json'; message: string }
  | { kind: 'invalid'; first: ValidationIssue | undefined; warnings: ValidationIssue[] }
  | { kind: 'valid'; name: string; imageUrl: string; minDisk: number; dataImage: boolean; warnings: ValidationIssue[] };

type Validate = (body: unknown, options: ValidateOptions) => ValidationResult<unknown>;
type TooDeep = (raw: Uint8Array, max: number) => boolean;

/**
 * Everything that costs in proportion to the body: the nesting scan, UTF-8 decoding, JSON.parse and
 * validation. Self-contained on purpose — it uses only its parameters, JSON and Buffer — because
 * judge-pool.ts ships its source text to a worker thread.
 */
export function assess(raw: Uint8Array, locale: Locale, validate: Validate, tooDeep: TooDeep, maxDepth: number): Assessment {
  if (tooDeep(raw, maxDepth)) return { kind: 'too-deep' };
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
  } catch (e) {
    return { kind: 'not-json', message: (e as Error).message };
  }
  const result = validate(body, { locale, profile: 'default' });
  if (!result.ok) return { kind: 'invalid', first: result.issues[0], warnings: result.warnings };
  const v = result.value as { name: string; image_url: string; min_disk: number; type?: string | null };
  return { kind: 'valid', name: v.name, imageUrl: v.image_url, minDisk: v.min_disk, dataImage: v.type === 'DataImage', warnings: result.warnings };
}

/** True when the body is empty or only whitespace (as String#trim sees it), without decoding a big body. */
function blank(raw: Buffer): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    // Any other ASCII byte is text trim() keeps; beyond ASCII, let trim() judge (NBSP, BOM, …).
    return c < 0x80 ? false : raw.toString('utf8').trim() === '';
  }
  return true;
}

/** The checks that cost nothing per byte of a real body: a reply, or undefined to assess the body. */
export function precheck(raw: Buffer, contentType: string | undefined): ErrorReply<ImsErrorBody> | undefined {
  if (blank(raw)) return imsError('IMG.0007');
  if (contentType !== undefined && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    return imsError('IMG.0001', `The request message format is invalid: Content-Type must be application/json, not ${contentType}.`);
  }
  return undefined;
}

/** Turns an assessment into the service's answer. */
export function verdict(a: Assessment): Judgement {
  switch (a.kind) {
    case 'too-deep':
      return { ok: false, reply: imsError('IMG.0001', `The request message format is invalid: the JSON nests deeper than ${MAX_JSON_DEPTH} levels.`), warnings: NONE };
    case 'not-json':
      return { ok: false, reply: imsError('IMG.0001', `The request message format is invalid: the body is not JSON (${a.message}).`), warnings: NONE };
    case 'invalid':
      return { ok: false, reply: a.first ? imsError(a.first.code, a.first.message) : imsError('IMG.0001'), warnings: a.warnings };
    case 'valid':
      return { ok: true, job: { name: a.name, imageUrl: a.imageUrl, minDisk: a.minDisk, dataImage: a.dataImage }, warnings: a.warnings };
  }
}
