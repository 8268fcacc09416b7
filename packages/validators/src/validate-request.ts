import type { AjvErrorObject } from './ajv-error.js';
import type { BranchFacts } from './ajv-issues.js';
import { customIssues, type CustomRuleFacts } from './custom-rules.js';
import { BRANCHES, DISCRIMINATOR, EMPTY_BODY_CODE, STRUCTURAL_CODE } from './generated/spec-data.js';
import { validateRequestSchema } from './generated/validators.js';
import { IssueSite, SiteCache } from './issue-sites.js';
import { renderMessage } from './messages.js';
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
const branches = BRANCHES as unknown as Readonly<Record<string, BranchFacts & CustomRuleFacts>>;
const tags = DISCRIMINATOR.tags as Readonly<Record<string, BranchName>>;
const tagName = DISCRIMINATOR.propertyName;
const defaultBranch = DISCRIMINATOR.defaultBranch as BranchName;
const defaultTag = Object.keys(tags).find((t) => tags[t] === defaultBranch)!;
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** Ajv errors → issues, cached per branch (issue-sites.ts); `noBranch` when the tag names no branch. */
const siteCaches: Readonly<Record<string, SiteCache>> = Object.fromEntries(
  Object.keys(branches).map((name) => [name, new SiteCache(branches[name], branches[defaultBranch]!)]),
);
const noBranch = new SiteCache(undefined, branches[defaultBranch]!);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** At most this many issues are returned (the first ones found), so hostile bodies stay cheap to report. */
export const MAX_ISSUES = 100;

export function render(raw: readonly RawIssue[], options: ValidateOptions | undefined): ValidationIssue[] {
  const locale: Locale = options?.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const n = raw.length < MAX_ISSUES ? raw.length : MAX_ISSUES;
  const out: ValidationIssue[] = [];
  for (let i = 0; i < n; i++) {
    const r = raw[i]!;
    // Cached sites (nearly every issue) carry their rendered message; the rest are rendered here.
    const message = r instanceof IssueSite ? r.message(locale) : renderMessage(r, locale);
    out.push({ path: r.path, code: r.code, rule: r.rule, message });
  }
  return out;
}

/** No issues: shared, frozen, so nothing can add to it (customIssues gets a fresh array when it runs). */
const NO_ISSUES: RawIssue[] = Object.freeze([]) as unknown as RawIssue[];

/** Everything a call needs about its branch, found with one Map look-up of the tag. */
interface Branch {
  readonly facts: BranchFacts & CustomRuleFacts;
  readonly sites: SiteCache;
}
const branchOfTag = new Map<string, Branch>(
  Object.keys(tags).map((tag) => {
    const name = tags[tag]!;
    return [tag, { facts: branches[name]!, sites: siteCaches[name]! }];
  }),
);
const defaultBranchOf = branchOfTag.get(defaultTag)!;

/** All issues of a body, before rendering. Never throws. */
export function requestIssues(body: unknown, options?: ValidateOptions): RawIssue[] {
  try {
    return collectIssues(body, options);
  } catch {
    // Only a hostile object gets here (a throwing getter, a revoked Proxy): no JSON value can.
    return [{ path: '', code: STRUCTURAL_CODE, rule: 'type', params: { type: 'object' } }];
  }
}

function collectIssues(body: unknown, options?: ValidateOptions): RawIssue[] {
  if (body === undefined) return [{ path: '', code: EMPTY_BODY_CODE, rule: 'required', params: {} }];
  if (!isRecord(body)) return [{ path: '', code: STRUCTURAL_CODE, rule: 'type', params: { type: 'object' } }];
  // The branch: a missing or null tag selects the default branch (x-defaultMapping, i.e. ECS). Ajv's
  // discriminator demands a tag, so it gets a shallow copy with the default filled in — the caller's
  // object is never touched (spread defines own data properties: no setters run, and `__proto__`
  // stays a plain key). A tag naming no branch selects none; Ajv then reports it.
  const tag = hasOwn(body, tagName) ? body[tagName] : undefined;
  const typeless = tag === undefined || tag === null;
  const valid = validateRequestSchema(typeless ? { ...body, [tagName]: defaultTag } : body);
  // Duplicate tag keys (`x-unique-keys`) are checked by the compiled code itself, so under the default
  // profile a valid body is done: no branch look-up, nothing allocated. `strict` adds the custom rules
  // (custom-rules.ts) after the schema's issues.
  const strict = options?.profile === 'strict';
  if (valid && !strict) return NO_ISSUES;
  const branch: Branch | undefined = typeless ? defaultBranchOf : typeof tag === 'string' ? branchOfTag.get(tag) : undefined;
  const raw: RawIssue[] = valid
    ? NO_ISSUES
    : (branch ? branch.sites : noBranch).issues((validateRequestSchema.errors ?? []) as AjvErrorObject[]);
  if (branch === undefined || !strict) return raw;
  return customIssues(body, branch.facts, 'strict', raw === NO_ISSUES ? [] : raw, false);
}

/** Checks a quick-import body as the service would; `value` is the caller's own object. */
export function validateQuickImportRequest(
  body: unknown,
  options?: ValidateOptions,
): ValidationResult<QuickImportImageRequest> {
  const raw = requestIssues(body, options);
  return raw.length === 0 ? { ok: true, value: body as QuickImportImageRequest } : { ok: false, issues: render(raw, options) };
}

/** Throws a ValidationError (with `.issues`) unless `body` is a valid quick-import body. */
export function assertQuickImportRequest(body: unknown, options?: ValidateOptions): asserts body is QuickImportImageRequest {
  const result = validateQuickImportRequest(body, options);
  if (!result.ok) throw new ValidationError(result.issues);
}

const tagOf = (body: unknown) => (isRecord(body) && hasOwn(body, tagName) ? body[tagName] : undefined);

/** A valid system-disk body (`type` ECS, BMS, or left out / null, which means ECS). */
export function isSystemDiskImageRequest(body: unknown, options?: ValidateOptions): body is SystemDiskImageRequest {
  if (requestIssues(body, options).length) return false;
  const tag = tagOf(body);
  return tag == null || tags[tag as string] === defaultBranch;
}

/** A valid data-disk body (`type: "DataImage"`). */
export function isDataDiskImageRequest(body: unknown, options?: ValidateOptions): body is DataDiskImageRequest {
  if (requestIssues(body, options).length) return false;
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
    return { ok: false, issues: render([{ path: '', code: EMPTY_BODY_CODE, rule: 'required', params: {} }], options) };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, issues: render([{ path: '', code: STRUCTURAL_CODE, rule: 'json', params: {} }], options) };
  }
  return validateQuickImportRequest(body, options);
}
