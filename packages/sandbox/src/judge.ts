// Judges a quick-import body with @ims-quick-import/validators — the same rules users run before they send
// — and turns the first issue into the service's 400 `{error: {code, message}}`. It follows the default
// profile: a rule no official source states is a warning (reported in a header), never a rejection.
import { validateQuickImportRequest, type ValidationIssue } from '@ims-quick-import/validators';
import { imsError, type ErrorReply, type ImsErrorBody } from './errors.js';
import type { NewJob } from './jobs.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

export type Judgement =
  | { ok: true; job: Omit<NewJob, 'projectId'>; warnings: readonly ValidationIssue[] }
  | { ok: false; reply: ErrorReply<ImsErrorBody>; warnings: readonly ValidationIssue[] };

const NONE: readonly ValidationIssue[] = Object.freeze([]);

export type Locale = 'en' | 'zh-CN';

/** `raw` is the body bytes; `contentType` the request's Content-Type header. */
export function judgeQuickImport(raw: Buffer, contentType: string | undefined, locale: Locale): Judgement {
  const text = raw.toString('utf8');
  if (text.trim() === '') return { ok: false, reply: imsError('IMG.0007'), warnings: NONE };
  if (contentType !== undefined && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    return { ok: false, reply: imsError('IMG.0001', `The request message format is invalid: Content-Type must be application/json, not ${contentType}.`), warnings: NONE };
  }
  if (nestsDeeperThan(raw)) {
    return { ok: false, reply: imsError('IMG.0001', `The request message format is invalid: the JSON nests deeper than ${MAX_JSON_DEPTH} levels.`), warnings: NONE };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { ok: false, reply: imsError('IMG.0001', `The request message format is invalid: the body is not JSON (${(e as Error).message}).`), warnings: NONE };
  }
  const result = validateQuickImportRequest(body, { locale, profile: 'default' });
  if (!result.ok) {
    const first = result.issues[0];
    if (!first) return { ok: false, reply: imsError('IMG.0001'), warnings: result.warnings };
    return { ok: false, reply: imsError(first.code, first.message), warnings: result.warnings };
  }
  const v = result.value as { name: string; image_url: string; min_disk: number; type?: string | null };
  return { ok: true, job: { name: v.name, imageUrl: v.image_url, minDisk: v.min_disk, dataImage: v.type === 'DataImage' }, warnings: result.warnings };
}
