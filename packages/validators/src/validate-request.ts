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
  /** The tag fields the always-on custom rule (unique keys) reads. */
  readonly uniqueKeyFields: readonly string[];
}
const branchOfTag = new Map<string, Branch>(
  Object.keys(tags).map((tag) => {
    const name = tags[tag]!;
    return [tag, { facts: branches[name]!, sites: siteCaches[name]!, uniqueKeyFields: branches[name]!.uniqueKeys.map((u) => u.field) }];
  }),
);
const defaultBranchOf = branchOfTag.get(defaultTag)!;

/** Unique keys can only be broken by an array of two or more tags. */
function mayHaveDuplicates(body: Record<string, unknown>, fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const list = body[fields[i]!];
    if (Array.isArray(list) && list.length > 1) return true;
  }
  return false;
}

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
  let view = body;
  let branch: Branch | undefined;
  if (tag === undefined || tag === null) {
    view = { ...body, [tagName]: defaultTag };
    branch = defaultBranchOf;
  } else if (typeof tag === 'string') {
    branch = branchOfTag.get(tag);
  }
  const raw: RawIssue[] = validateRequestSchema(view)
    ? NO_ISSUES
    : (branch ? branch.sites : noBranch).issues((validateRequestSchema.errors ?? []) as AjvErrorObject[]);
  if (branch === undefined) return raw;
  // The custom rules run under `strict`, or when a tag array could hold a duplicate key; otherwise
  // they cannot find anything, and a few property reads replace the pass.
  const profile = options?.profile ?? 'default';
  if (profile !== 'strict' && !mayHaveDuplicates(body, branch.uniqueKeyFields)) return raw;
  return customIssues(body, branch.facts, profile, raw === NO_ISSUES ? [] : raw);
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
