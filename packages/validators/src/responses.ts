import type { AjvErrorObject } from './ajv-error.js';
import { STRUCTURAL_CODE } from './generated/spec-data.js';
import {
  validateImsErrorSchema,
  validateJobProgressSchema,
  validateJobSchema,
  validateQuickImportResponseSchema,
} from './generated/validators.js';
import { appendSegment } from './json-pointer.js';
import type { ImsError, Job, JobProgress, QuickImportImageResponse, ValidateOptions, ValidationIssue, ValidationResult } from './types.js';
import { render } from './validate-request.js';

/** Response schemas have no warning rules. */
const NO_WARNINGS: ValidationIssue[] = Object.freeze([]) as unknown as ValidationIssue[];

type Compiled = { (data: unknown): boolean; errors?: AjvErrorObject[] | null };

/** Response bodies have no IMG codes of their own; every issue is structural (IMG.0001). */
function check<T>(validate: Compiled, body: unknown, options?: ValidateOptions): ValidationResult<T> {
  if (validate(body)) return { ok: true, value: body as T, warnings: NO_WARNINGS };
  const raw = (validate.errors ?? []).map((e) => {
    let path = e.instancePath;
    if (e.keyword === 'required') path = appendSegment(path, String(e.params['missingProperty']));
    else if (e.keyword === 'additionalProperties') path = appendSegment(path, String(e.params['additionalProperty']));
    return { path, code: STRUCTURAL_CODE, rule: e.keyword, params: e.params };
  });
  return { ok: false, issues: render(raw, options), warnings: NO_WARNINGS };
}

/** A ShowJob response (`GET /v1/{project_id}/jobs/{job_id}`). */
export const validateJob = (body: unknown, options?: ValidateOptions): ValidationResult<Job> => check(validateJobSchema, body, options);
/** A ShowJobProgress response (`GET /v1/cloudimages/job/{job_id}`). */
export const validateJobProgress = (body: unknown, options?: ValidateOptions): ValidationResult<JobProgress> =>
  check(validateJobProgressSchema, body, options);
/** An IMS error body `{ error: { code, message } }`. */
export const validateImsError = (body: unknown, options?: ValidateOptions): ValidationResult<ImsError> =>
  check(validateImsErrorSchema, body, options);
/** The 200 body of quick import, `{ job_id }`. */
export const validateQuickImportResponse = (body: unknown, options?: ValidateOptions): ValidationResult<QuickImportImageResponse> =>
  check(validateQuickImportResponseSchema, body, options);
