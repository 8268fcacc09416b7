import type { components } from './generated/schema.js';

type Schemas = components['schemas'];
/** Body of ImportImageQuick: a system-disk (`type` ECS/BMS, or left out) or a data-disk image. */
export type QuickImportImageRequest = Schemas['QuickImportImageRequest'];
export type SystemDiskImageRequest = Schemas['SystemDiskImageRequest'];
export type DataDiskImageRequest = Schemas['DataDiskImageRequest'];
/** Response of ShowJob (`GET /v1/{project_id}/jobs/{job_id}`). */
export type Job = Schemas['Job'];
/** Response of ShowJobProgress (`GET /v1/cloudimages/job/{job_id}`). */
export type JobProgress = Schemas['JobProgress'];
/** An IMS error body, `{ error: { code: "IMG.xxxx", message } }`. */
export type ImsError = Schemas['ImsError'];
export type QuickImportImageResponse = Schemas['QuickImportImageResponse'];

export type Locale = 'en' | 'zh-CN';
/**
 * `default` rejects only what an official source says the service rejects, and reports the rules no
 * source states (`x-warnings` in the spec) as `warnings`. `strict` turns those warnings into errors and
 * adds the narrower rules of older regions (x-strict, x-os-minimum; docs/decisions/0002).
 */
export type Profile = 'default' | 'strict';

export interface ValidateOptions {
  locale?: Locale;
  profile?: Profile;
}

/** One broken rule. */
export interface ValidationIssue {
  /** JSON Pointer to the offending value, e.g. "/image_tags/1/key"; "" is the body itself. */
  path: string;
  /** The IMG code the real service returns for this field and rule, e.g. "IMG.0002". */
  code: string;
  /** JSON Schema keyword ("pattern", "required", "maxLength", …) or rule name ("exclusive", "uniqueKeys", …). */
  rule: string;
  /** Human-readable text in the requested locale naming the field, the rule and the fix. */
  message: string;
}

/**
 * `warnings` is always present (often empty): rules no official source states, which the real service
 * may well accept. Under the `strict` profile they are errors in `issues` instead, and `warnings` is empty.
 */
export type ValidationResult<T> =
  | { ok: true; value: T; warnings: ValidationIssue[] }
  | { ok: false; issues: ValidationIssue[]; warnings: ValidationIssue[] };

/** An issue before its message is rendered. */
export interface RawIssue {
  path: string;
  code: string;
  rule: string;
  params: Record<string, unknown>;
}
