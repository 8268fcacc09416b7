import type { StandardSchemaV1 } from '@standard-schema/spec';
import { splitPointer } from './json-pointer.js';
import type { QuickImportImageRequest, ValidateOptions, ValidationIssue } from './types.js';
import { validateQuickImportRequest } from './validate-request.js';

/** A Standard Schema issue that also carries the validators' own fields (IMG code, rule, JSON Pointer). */
export interface QuickImportSchemaIssue extends StandardSchemaV1.Issue {
  readonly path: readonly string[];
  readonly code: string;
  readonly rule: string;
  /** The same location as `path`, as a JSON Pointer (ValidationIssue.path). */
  readonly pointer: string;
}

/** The quick-import request rules as a Standard Schema v1 (https://standardschema.dev). */
export type QuickImportRequestSchema = StandardSchemaV1<unknown, QuickImportImageRequest>;

const toIssue = (i: ValidationIssue): QuickImportSchemaIssue => ({ message: i.message, path: splitPointer(i.path), code: i.code, rule: i.rule, pointer: i.path });

/**
 * The request rules for anything that accepts a Standard Schema (form libraries, tRPC, Hono, …), with
 * `options` as for validateQuickImportRequest. Standard Schema has no warnings: under the default profile
 * a body that breaks only warning rules is valid; pass `profile: 'strict'` to reject it.
 */
export function createQuickImportRequestSchema(options?: ValidateOptions): QuickImportRequestSchema {
  // A copy, so a caller changing their options object later cannot change this schema.
  const fixed: ValidateOptions = { ...options };
  return {
    '~standard': {
      version: 1,
      vendor: 'ims-quick-import',
      validate(value: unknown) {
        const result = validateQuickImportRequest(value, fixed);
        return result.ok ? { value: result.value } : { issues: result.issues.map(toIssue) };
      },
    },
  };
}

/** The request rules as a Standard Schema v1: default profile, English messages. */
export const quickImportRequestSchema: QuickImportRequestSchema = createQuickImportRequestSchema();
