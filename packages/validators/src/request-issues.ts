import type { AjvErrorObject } from './ajv-error.js';
import { issueOfError, ruleIssue, ruleSiteIndex, UNIQUE_KEYS_KEYWORD, uniqueKeyIssue, type BranchFacts } from './ajv-issues.js';
import { BRANCHES, DISCRIMINATOR, WARNING_SEGMENT } from './generated/spec-data.js';
import { connectIssueBuilders, REQUEST_SITES, validateRequestSchema } from './generated/validators.js';
import { appendSegment } from './json-pointer.js';
import { composeMessage } from './messages.js';
import type { Locale, RawIssue, ValidationIssue } from './types.js';

// The generated request validator builds the final issues itself: each error site calls one of the
// builders below with the instance path (scripts/request-sites.mjs). A site is resolved once, through
// the reference mapping (ajv-issues.ts), into its code, rule and path shape; after that an issue costs
// one object, and its message comes from the site's cache. A test holds the result equal to the
// reference mapping over plain Ajv errors.

const branches = BRANCHES as unknown as Readonly<Record<string, BranchFacts>>;
const fallback = branches[DISCRIMINATOR.defaultBranch]!;
/** Rule names of the `x-rule` subschemas: several Ajv errors inside one collapse into one issue. */
const X_RULES = new Set(Object.values(branches).flatMap((b) => b.rules.map((r) => r.rule)));

/** How a site's issue path is made: instance path + a fixed suffix, or a fixed path (an x-rule). */
const SUFFIX = 0;
const FIXED = 1;
/** Hostile paths (10 MB keys) are not cached; each site caches at most this many varying paths. */
const MAX_CACHED_PATH = 256;
const MAX_PATHS_PER_SITE = 64;

/** At most this many issues are returned (the first ones found), so hostile bodies stay cheap to report. */
export const MAX_ISSUES = 100;

/** State of the current call, saved and restored around it (a getter in a body may re-enter). */
let zh = false;
let ruleIssues = 0;
let duplicateIssues = 0;
/** Issues built so far; past MAX_ISSUES, messages wait until the issue is known to be reported. */
let built = 0;
/** Issues built without their message → what renders it (only for hostile bodies with many issues). */
let deferred: Map<ValidationIssue, RawIssue> | undefined = undefined;
/** Issues built at warning sites (rules no official source states); undefined until the first. */
let warned: ValidationIssue[] | undefined = undefined;

class Site {
  private enPath: string | undefined = undefined;
  private en = '';
  private zhPath: string | undefined = undefined;
  private zhText = '';
  /** Messages of other paths seen here (array items), per locale. */
  private more: Map<string, string> | undefined = undefined;
  /** additionalProperties sites: the last key, the instance path it was under, and the path made of both. */
  lastKey: string | undefined = undefined;
  lastBase = '';
  lastKeyPath = '';
  constructor(
    readonly kind: number,
    readonly code: string,
    readonly rule: string,
    readonly params: Record<string, unknown>,
    /** The suffix (SUFFIX) or the whole path (FIXED). */
    readonly text: string,
    /** A site of an `x-warnings` rule (its schema path crosses WARNING_SEGMENT). */
    readonly warning: boolean,
  ) {}

  message(path: string): string {
    if (zh ? path === this.zhPath : path === this.enPath) return zh ? this.zhText : this.en;
    const locale: Locale = zh ? 'zh-CN' : 'en';
    if (path.length > MAX_CACHED_PATH) return composeMessage(this.raw(path), locale);
    const key = zh ? `z${path}` : `e${path}`;
    let message = this.more?.get(key);
    if (message === undefined) {
      message = composeMessage(this.raw(path), locale);
      if ((this.more ??= new Map()).size >= MAX_PATHS_PER_SITE) this.more.clear();
      this.more.set(key, message);
    }
    if (zh) {
      this.zhPath = path;
      this.zhText = message;
    } else {
      this.enPath = path;
      this.en = message;
    }
    return message;
  }

  private raw(path: string): RawIssue {
    return { path, code: this.code, rule: this.rule, params: this.params };
  }
}

const sites: (Site | undefined)[] = [];
/** No warnings: shared and frozen. */
const NONE: ValidationIssue[] = Object.freeze([]) as unknown as ValidationIssue[];

function resolve(id: number): Site {
  const at = REQUEST_SITES[id];
  if (at === undefined) throw new Error(`unknown request site ${id}`);
  const facts = at.branch === null ? undefined : branches[at.branch]!;
  const error: AjvErrorObject = { instancePath: at.template, schemaPath: at.schemaPath, keyword: at.keyword, params: at.params };
  const rule = facts ? ruleSiteIndex(at.schemaPath, facts.rules) : -1;
  const warning = at.schemaPath.includes(WARNING_SEGMENT);
  let site: Site;
  if (rule >= 0) {
    const r = ruleIssue(facts!.rules[rule]!);
    site = new Site(FIXED, r.code, r.rule, warning ? { ...r.params, warning } : r.params, r.path, warning);
  } else {
    // additionalProperties: a name no schema defines stands for the key (its code is the parent's).
    const r = issueOfError(at.keyword === 'additionalProperties' ? { ...error, params: { additionalProperty: '\u0000' } } : error, facts ?? fallback, fallback);
    if (!r.path.startsWith(at.template)) throw new Error(`site ${id}: ${r.path} is not below ${at.template}`);
    const params = at.keyword === 'additionalProperties' ? {} : r.params;
    site = new Site(SUFFIX, r.code, r.rule, warning ? { ...params, warning } : params, r.path.slice(at.template.length), warning);
  }
  return (sites[id] = site);
}

function issue(id: number, instancePath: string): ValidationIssue {
  const site = sites[id] ?? resolve(id);
  let path: string;
  if (site.kind === SUFFIX) path = site.text === '' ? instancePath : instancePath + site.text;
  else {
    path = site.text;
    ruleIssues++;
  }
  return siteIssue(site, path);
}

function keyIssue(id: number, instancePath: string, key: string): ValidationIssue {
  const site = sites[id] ?? resolve(id);
  // The same unknown key keeps coming back in repeated bodies: reuse its escaped path.
  let path: string;
  if (key === site.lastKey && instancePath === site.lastBase) path = site.lastKeyPath;
  else {
    path = appendSegment(instancePath, key);
    if (path.length <= MAX_CACHED_PATH) {
      site.lastKey = key;
      site.lastBase = instancePath;
      site.lastKeyPath = path;
    }
  }
  return siteIssue(site, path);
}

/** The issue of `site` at `path`: its message now, or deferred past MAX_ISSUES built issues. */
function siteIssue(site: Site, path: string): ValidationIssue {
  const issue =
    built++ < MAX_ISSUES
      ? { path, code: site.code, rule: site.rule, message: site.message(path) }
      : defer({ path, code: site.code, rule: site.rule, params: site.params });
  if (site.warning) (warned ??= []).push(issue);
  return issue;
}

function duplicateIssue(id: number, instancePath: string, index: number, key: string): ValidationIssue {
  const at = REQUEST_SITES[id]!;
  const facts = at.branch === null ? fallback : branches[at.branch]!;
  const error = { instancePath, schemaPath: at.schemaPath, keyword: UNIQUE_KEYS_KEYWORD, params: { i: index, key } };
  const raw = uniqueKeyIssue(error, facts);
  duplicateIssues++;
  if (built++ < MAX_ISSUES) return { path: raw.path, code: raw.code, rule: raw.rule, message: composeMessage(raw, zh ? 'zh-CN' : 'en') };
  return defer(raw);
}

/**
 * An issue whose message is rendered only if it is among the reported ones. Issues can still be
 * dropped or moved after they are built (Ajv discards a failed `not`'s inner errors, x-rules collapse,
 * duplicates go last), so which ones are reported is known only at the end of the call.
 */
function defer(raw: RawIssue): ValidationIssue {
  const issue = { path: raw.path, code: raw.code, rule: raw.rule, message: '' };
  (deferred ??= new Map()).set(issue, raw);
  return issue;
}

connectIssueBuilders({ issue, keyIssue, duplicateIssue });

/** What the schema found: the errors, and the issues of warning rules (`x-warnings`) apart. */
export interface SchemaIssues {
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

/**
 * The schema's first MAX_ISSUES issues for `view` (a record whose tag is set), in `locale`; undefined
 * when it breaks no rule, warning rules included. One issue per `x-rule` however many of its keywords
 * failed, and duplicate tag keys after every other issue. Warning sites never enter the compiled
 * validator's error list (scripts/request-sites.mjs): their builder call records them here, so a body
 * that breaks only warning rules is valid to it and nothing has to be split afterwards.
 */
export function schemaIssues(view: Record<string, unknown>, locale: Locale): SchemaIssues | undefined {
  const outerZh = zh;
  const outerRuleIssues = ruleIssues;
  const outerDuplicateIssues = duplicateIssues;
  const outerBuilt = built;
  const outerDeferred = deferred;
  const outerWarned = warned;
  zh = locale === 'zh-CN';
  ruleIssues = 0;
  duplicateIssues = 0;
  built = 0;
  deferred = undefined;
  warned = undefined;
  try {
    const valid = validateRequestSchema(view);
    // (The builders set `warned` and `deferred` during the call, which TypeScript's narrowing cannot see.)
    let warnings = (warned as ValidationIssue[] | undefined) ?? NONE;
    if (valid && warnings === NONE) return undefined;
    let errors = valid ? NONE : (validateRequestSchema.errors ?? NONE);
    if (ruleIssues > 1 || duplicateIssues > 0) {
      errors = reorder(errors);
      warnings = reorder(warnings);
    }
    if (errors.length > MAX_ISSUES) errors.length = MAX_ISSUES;
    if (errors.length + warnings.length > MAX_ISSUES) warnings = warnings.slice(0, MAX_ISSUES - errors.length);
    const pending = deferred as Map<ValidationIssue, RawIssue> | undefined;
    if (pending !== undefined) {
      for (const list of [errors, warnings]) {
        for (const i of list) {
          const raw = pending.get(i);
          if (raw !== undefined) i.message = composeMessage(raw, locale);
        }
      }
    }
    return { errors, warnings };
  } finally {
    zh = outerZh;
    ruleIssues = outerRuleIssues;
    duplicateIssues = outerDuplicateIssues;
    built = outerBuilt;
    deferred = outerDeferred;
    warned = outerWarned;
  }
}

function reorder(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const late: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const i of issues) {
    if (i.rule === 'uniqueKeys') late.push(i);
    else if (!X_RULES.has(i.rule)) out.push(i);
    else {
      const key = `${i.rule}\u0000${i.path}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(i);
      }
    }
  }
  for (const i of late) out.push(i);
  return out;
}
