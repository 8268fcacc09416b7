import type { AjvErrorObject } from './ajv-error.js';
import { codeFor, type CodeNode } from './code-lookup.js';
import { DISCRIMINATOR, WARNING_SEGMENT } from './generated/spec-data.js';
import { appendSegment } from './json-pointer.js';
import type { RawIssue } from './types.js';

/** A rule subschema of a branch (`x-rule`), located by its schema path inside the branch. */
export interface RuleSite {
  readonly at: string;
  readonly rule: string;
  readonly field: string;
  readonly code: string;
  readonly about: readonly string[];
}

export interface BranchFacts {
  readonly tree: CodeNode;
  readonly rules: readonly RuleSite[];
  /** Tag lists whose keys must be unique (`x-unique-keys`), checked by the compiled code itself. */
  readonly uniqueKeys?: readonly { readonly field: string; readonly code: string; readonly items: string }[];
}

/** The keyword the generated code reports a duplicate tag key with (scripts/unique-keys-keyword.mjs). */
export const UNIQUE_KEYS_KEYWORD = 'x-unique-keys';

/**
 * A duplicate-key error (at the list, params `{ i, key }`) → its issue: on the item (a `key.value`
 * string) or on its `key` (an object tag), as the custom rules reported it before the check moved
 * into the compiled code. Such issues come after all others, so the order is unchanged.
 */
export function uniqueKeyIssue(error: AjvErrorObject, facts: BranchFacts): RawIssue {
  const list = error.instancePath;
  const u = facts.uniqueKeys?.find((x) => appendSegment('', x.field) === list);
  const key = String(error.params['key']);
  if (u === undefined) return { path: list, code: codeFor(facts.tree, list, 'uniqueKeys'), rule: 'uniqueKeys', params: { key } };
  return { path: `${list}/${String(error.params['i'])}${u.items === 'string' ? '' : '/key'}`, code: u.code, rule: 'uniqueKeys', params: { key } };
}

/**
 * Ajv compiles each branch as its own function, so errors raised inside a branch carry schema paths
 * relative to it ("#/not", "#/dependentSchemas/architecture/if"). The invalid-bodies table pins this.
 * Returns the index of the rule site in `rules`, or -1.
 */
export function ruleSiteIndex(schemaPath: string, rules: readonly RuleSite[]): number {
  if (schemaPath.charCodeAt(1) !== 47 /* "/" */) return -1;
  for (let i = 0; i < rules.length; i++) {
    const at = rules[i]!.at;
    if (schemaPath.startsWith(at, 1) && (schemaPath.length === at.length + 1 || schemaPath.charCodeAt(at.length + 1) === 47)) return i;
  }
  return -1;
}

/** The one issue an `x-rule` subschema's errors collapse into, on the field that completes the conflict. */
export function ruleIssue(site: RuleSite): RawIssue {
  return { path: appendSegment('', site.field), code: site.code, rule: site.rule, params: { about: site.about.filter((f) => f !== site.field) } };
}

/**
 * One Ajv error (not inside an `x-rule` subschema) → its issue. `required` and `additionalProperties`
 * point at the property itself; the discriminator's complaints are about `/type`.
 */
export function issueOfError(error: AjvErrorObject, facts: BranchFacts, fallback: BranchFacts): RawIssue {
  const { keyword, params } = error;
  let path = error.instancePath;
  if (keyword === 'required') path = appendSegment(path, String(params['missingProperty']));
  else if (keyword === 'additionalProperties') path = appendSegment(path, String(params['additionalProperty']));
  else if (keyword === 'discriminator') {
    path = appendSegment(path, DISCRIMINATOR.propertyName);
    // A tag that is not a string breaks `type`; a string that names no branch breaks `enum`.
    const rule = params['error'] === 'mapping' ? 'enum' : 'type';
    return { path, code: codeFor(fallback.tree, path, rule), rule, params: { allowedValues: Object.keys(DISCRIMINATOR.tags), type: 'string' } };
  }
  return { path, code: codeFor(facts.tree, path, keyword), rule: keyword, params };
}

/** A warning rule's issue carries `warning: true` in its params (its message says so). */
const flagged = (issue: RawIssue, warning: boolean): RawIssue => (warning ? { ...issue, params: { ...issue.params, warning } } : issue);

/**
 * Ajv errors → issues (the reference mapping; request-issues.ts resolves each site of the generated code through it once,
 * and a test holds the two equal). Every error raised inside an `x-rule` subschema (e.g. the `if` and
 * the `then/.../enum` of armNeedsUefi) collapses into one issue named for the rule.
 */
export function issuesFromAjv(errors: readonly AjvErrorObject[], branch: BranchFacts | undefined, fallback: BranchFacts): RawIssue[] {
  const facts = branch ?? fallback;
  const issues: RawIssue[] = [];
  const late: RawIssue[] = [];
  const rulesSeen = new Set<number>();
  for (const error of errors) {
    if (error.keyword === UNIQUE_KEYS_KEYWORD) {
      late.push(uniqueKeyIssue(error, facts));
      continue;
    }
    const site = branch ? ruleSiteIndex(error.schemaPath, branch.rules) : -1;
    const warning = error.schemaPath.includes(WARNING_SEGMENT);
    if (site >= 0) {
      if (!rulesSeen.has(site)) {
        rulesSeen.add(site);
        issues.push(flagged(ruleIssue(branch!.rules[site]!), warning));
      }
      continue;
    }
    issues.push(flagged(issueOfError(error, facts, fallback), warning));
  }
  for (const issue of late) issues.push(issue);
  return issues;
}
