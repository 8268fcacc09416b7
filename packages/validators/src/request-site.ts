import type { ValidationIssue } from './types.js';

/** What one error site of the generated request validator means (scripts/request-sites.mjs). */
export interface RequestSite {
  /** The branch whose function holds the site; null for the union's own checks. */
  readonly branch: string | null;
  /** The schema path Ajv reports there, relative to the branch. */
  readonly schemaPath: string;
  readonly keyword: string;
  /** The params Ajv reports there, minus those taken from the body (passed to the builder instead). */
  readonly params: Record<string, unknown>;
  /** The instance path with the root "" and every array index 0 (for the code lookup). */
  readonly template: string;
}

/** What the generated request validator calls instead of creating an Ajv error object. */
export interface IssueBuilders {
  issue(site: number, instancePath: string): ValidationIssue;
  /** `additionalProperties`: `key` is the property that is not allowed. */
  keyIssue(site: number, instancePath: string, key: string): ValidationIssue;
  /** `x-unique-keys`: item `index` of the list repeats tag key `key`. */
  duplicateIssue(site: number, instancePath: string, index: number, key: string): ValidationIssue;
}
