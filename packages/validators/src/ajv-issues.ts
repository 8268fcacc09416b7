import type { AjvErrorObject } from './ajv-error.js';
import { codeFor, type CodeNode } from './code-lookup.js';
import { DISCRIMINATOR } from './generated/spec-data.js';
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
}

/**
 * Ajv compiles each branch as its own function, so errors raised inside a branch carry schema paths
 * relative to it ("#/not", "#/dependentSchemas/architecture/if"). The invalid-bodies table pins this.
 */
function ruleSiteOf(schemaPath: string, rules: readonly RuleSite[]): RuleSite | undefined {
  if (schemaPath.charCodeAt(1) !== 47 /* "/" */) return undefined;
  for (const site of rules) {
    if (schemaPath.startsWith(site.at, 1) && (schemaPath.length === site.at.length + 1 || schemaPath.charCodeAt(site.at.length + 1) === 47)) return site;
  }
  return undefined;
}

/**
 * Ajv errors → issues. `required` and `additionalProperties` point at the property itself; the
 * discriminator's complaints are about `/type`; every error raised inside an `x-rule` subschema
 * (e.g. the `if` and the `then/.../enum` of armNeedsUefi) collapses into one issue named for the rule.
 */
export function issuesFromAjv(errors: readonly AjvErrorObject[], branch: BranchFacts | undefined, fallback: BranchFacts): RawIssue[] {
  const facts = branch ?? fallback;
  const issues: RawIssue[] = [];
  const rulesSeen = new Set<RuleSite>();
  for (const error of errors) {
    const site = branch && ruleSiteOf(error.schemaPath, branch.rules);
    if (site) {
      if (!rulesSeen.has(site)) {
        rulesSeen.add(site);
        issues.push({ path: appendSegment('', site.field), code: site.code, rule: site.rule, params: { about: site.about.filter((f) => f !== site.field) } });
      }
      continue;
    }
    const { keyword, params } = error;
    let path = error.instancePath;
    let rule = keyword;
    if (keyword === 'required') path = appendSegment(path, String(params['missingProperty']));
    else if (keyword === 'additionalProperties') path = appendSegment(path, String(params['additionalProperty']));
    else if (keyword === 'discriminator') {
      path = appendSegment(path, DISCRIMINATOR.propertyName);
      // A tag that is not a string breaks `type`; a string that names no branch breaks `enum`.
      rule = params['error'] === 'mapping' ? 'enum' : 'type';
      issues.push({ path, code: codeFor(fallback.tree, path, rule), rule, params: { allowedValues: Object.keys(DISCRIMINATOR.tags), type: 'string' } });
      continue;
    }
    issues.push({ path, code: codeFor(facts.tree, path, keyword), rule, params });
  }
  return issues;
}
