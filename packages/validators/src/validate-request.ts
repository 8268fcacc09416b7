import type { BranchFacts } from './ajv-issues.js';
import { customIssues, type CustomRuleFacts } from './custom-rules.js';
import { BRANCHES, DISCRIMINATOR, EMPTY_BODY_CODE, STRUCTURAL_CODE } from './generated/spec-data.js';
import { renderMessage } from './messages.js';
import { MAX_ISSUES, schemaIssues } from './request-issues.js';
import type {
  DataDiskImageRequest,
  Locale,
  QuickImportImageRequest,
  RawIssue,
  SystemDiskImageRequest,
  ValidateOptions,
  ValidationIssue,
  ValidationResult,
} from './types.js';
import { ValidationError } from './validation-error.js';

type BranchName = keyof typeof BRANCHES;
type Facts = BranchFacts & CustomRuleFacts;
const branches = BRANCHES as unknown as Readonly<Record<string, Facts>>;
const tags = DISCRIMINATOR.tags as Readonly<Record<string, BranchName>>;
const tagName = DISCRIMINATOR.propertyName;
const defaultBranch = DISCRIMINATOR.defaultBranch as BranchName;
const defaultTag = Object.keys(tags).find((t) => tags[t] === defaultBranch)!;
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** The branch facts of each tag, found with one Map look-up (the strict profile's rules need them). */
const branchOfTag = new Map<string, Facts>(Object.keys(tags).map((tag) => [tag, branches[tags[tag]!]!]));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const localeOf = (options: ValidateOptions | undefined): Locale => (options?.locale === 'zh-CN' ? 'zh-CN' : 'en');

/** Issues made outside the compiled validator (custom rules, bodies that are not objects) → rendered. */
export function render(raw: readonly RawIssue[], options: ValidateOptions | undefined): ValidationIssue[] {
  const locale = localeOf(options);
  const n = raw.length < MAX_ISSUES ? raw.length : MAX_ISSUES;
  const out: ValidationIssue[] = [];
  for (let i = 0; i < n; i++) {
    const r = raw[i]!;
    out.push({ path: r.path, code: r.code, rule: r.rule, message: renderMessage(r, locale) });
  }
  return out;
}

/** No issues: shared, frozen, so nothing can add to it. */
const NO_ISSUES: ValidationIssue[] = Object.freeze([]) as unknown as ValidationIssue[];
const NOT_AN_OBJECT: RawIssue = { path: '', code: STRUCTURAL_CODE, rule: 'type', params: { type: 'object' } };

/** What a body breaks: errors (the verdict) and warnings (rules no official source states). */
export interface RequestIssues {
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}
const CLEAN: RequestIssues = Object.freeze({ errors: NO_ISSUES, warnings: NO_ISSUES });
const onlyErrors = (errors: ValidationIssue[]): RequestIssues => ({ errors, warnings: NO_ISSUES });

/** All issues of a body, at most MAX_ISSUES, rendered; both lists empty when it is clean. Never throws. */
export function requestIssues(body: unknown, options?: ValidateOptions): RequestIssues {
  try {
    return collectIssues(body, options);
  } catch {
    // Only a hostile object gets here (a throwing getter, a revoked Proxy): no JSON value can.
    return onlyErrors(render([NOT_AN_OBJECT], options));
  }
}

function collectIssues(body: unknown, options?: ValidateOptions): RequestIssues {
  if (body === undefined) return onlyErrors(render([{ path: '', code: EMPTY_BODY_CODE, rule: 'required', params: {} }], options));
  if (!isRecord(body)) return onlyErrors(render([NOT_AN_OBJECT], options));
  // The branch: a missing or null tag selects the default branch (x-defaultMapping, i.e. ECS). Ajv's
  // discriminator demands a tag, so it gets a shallow copy with the default filled in — the caller's
  // object is never touched (spread defines own data properties: no setters run, and `__proto__`
  // stays a plain key). A tag naming no branch selects none; the compiled code then reports it.
  const tag = hasOwn(body, tagName) ? body[tagName] : undefined;
  const typeless = tag === undefined || tag === null;
  const found = schemaIssues(typeless ? { ...body, [tagName]: defaultTag } : body, localeOf(options));
  if (options?.profile !== 'strict') return found === undefined ? CLEAN : found;
  // `strict`: the warnings are errors (after the others), and the custom rules (custom-rules.ts) follow.
  let issues = found === undefined ? NO_ISSUES : found.warnings.length === 0 ? found.errors : [...found.errors, ...found.warnings];
  const facts = typeless ? branchOfTag.get(defaultTag) : typeof tag === 'string' ? branchOfTag.get(tag) : undefined;
  const extra = facts ? customIssues(body, facts, 'strict', issues, false) : [];
  if (extra.length > 0) issues = [...issues, ...render(extra, options)];
  if (issues.length > MAX_ISSUES) issues = issues.slice(0, MAX_ISSUES);
  return onlyErrors(issues);
}

/**
 * Checks a quick-import body as the service would; `value` is the caller's own object. `warnings` lists
 * what no official source says the service rejects (always present; errors instead under `strict`).
 */
export function validateQuickImportRequest(
  body: unknown,
  options?: ValidateOptions,
): ValidationResult<QuickImportImageRequest> {
  const { errors, warnings } = requestIssues(body, options);
  return errors.length === 0
    ? { ok: true, value: body as QuickImportImageRequest, warnings }
    : { ok: false, issues: errors, warnings };
}

/** Throws a ValidationError (with `.issues`) unless `body` is a valid quick-import body; warnings never throw. */
export function assertQuickImportRequest(body: unknown, options?: ValidateOptions): asserts body is QuickImportImageRequest {
  const result = validateQuickImportRequest(body, options);
  if (!result.ok) throw new ValidationError(result.issues);
}

const tagOf = (body: unknown) => (isRecord(body) && hasOwn(body, tagName) ? body[tagName] : undefined);

/** A valid system-disk body (`type` ECS, BMS, or left out / null, which means ECS). */
export function isSystemDiskImageRequest(body: unknown, options?: ValidateOptions): body is SystemDiskImageRequest {
  if (requestIssues(body, options).errors.length) return false;
  const tag = tagOf(body);
  return tag == null || tags[tag as string] === defaultBranch;
}

/** A valid data-disk body (`type: "DataImage"`). */
export function isDataDiskImageRequest(body: unknown, options?: ValidateOptions): body is DataDiskImageRequest {
  if (requestIssues(body, options).errors.length) return false;
  const tag = tagOf(body);
  return tag != null && tags[tag as string] !== undefined && tags[tag as string] !== defaultBranch;
}

/**
 * For a raw HTTP body (what a server receives): empty → IMG.0007, not JSON → IMG.0001, otherwise
 * the parsed body is validated. JSON.parse keeps `__proto__` as a plain own key, so nothing leaks.
 */
export function validateQuickImportRequestJson(
  text: string | undefined,
  options?: ValidateOptions,
): ValidationResult<QuickImportImageRequest> {
  if (text === undefined || text.trim() === '') {
    return { ok: false, issues: render([{ path: '', code: EMPTY_BODY_CODE, rule: 'required', params: {} }], options), warnings: NO_ISSUES };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, issues: render([{ path: '', code: STRUCTURAL_CODE, rule: 'json', params: {} }], options), warnings: NO_ISSUES };
  }
  return validateQuickImportRequest(body, options);
}
