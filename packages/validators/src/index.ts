export {
  assertQuickImportRequest,
  isDataDiskImageRequest,
  isSystemDiskImageRequest,
  validateQuickImportRequest,
  validateQuickImportRequestJson,
} from './validate-request.js';
export { validateImsError, validateJob, validateJobProgress, validateQuickImportResponse } from './responses.js';
export { ValidationError } from './validation-error.js';
export {
  createQuickImportRequestSchema,
  quickImportRequestSchema,
  type QuickImportRequestSchema,
  type QuickImportSchemaIssue,
} from './standard-schema.js';
export { MAX_ISSUES } from './request-issues.js';
export { RULE_SENTENCES } from './messages.js';
export {
  EMITTED_CODES,
  EMPTY_BODY_CODE,
  IMG_ERROR_CATALOG,
  SPEC_VERSION,
  STRUCTURAL_CODE,
} from './generated/spec-data.js';
export type {
  DataDiskImageRequest,
  ImsError,
  Job,
  JobProgress,
  Locale,
  Profile,
  QuickImportImageRequest,
  QuickImportImageResponse,
  SystemDiskImageRequest,
  ValidateOptions,
  ValidationIssue,
  ValidationResult,
} from './types.js';
