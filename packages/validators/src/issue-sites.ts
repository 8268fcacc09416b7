import type { AjvErrorObject } from './ajv-error.js';
import { issueOfError, ruleIssue, ruleSiteIndex, UNIQUE_KEYS_KEYWORD, uniqueKeyIssue, type BranchFacts } from './ajv-issues.js';
import { composeMessage } from './messages.js';
import type { Locale, RawIssue } from './types.js';

/**
 * An issue shared between calls. Within one branch, an Ajv error's schema path fixes its keyword and
 * params, and with the instance path (plus, for `required`/`additionalProperties`/`discriminator`, the
 * one param that varies) it fixes the issue's path, code, rule and message. Invalid bodies repeat, so
 * the issue is built once and reused: no re-mapping, no allocation, messages rendered once per locale.
 */
export class IssueSite implements RawIssue {
  private en: string | undefined = undefined;
  private zh: string | undefined = undefined;
  constructor(
    readonly path: string,
    readonly code: string,
    readonly rule: string,
    readonly params: Record<string, unknown>,
  ) {}

  message(locale: Locale): string {
    if (locale === 'en') return (this.en ??= composeMessage(this, 'en'));
    return (this.zh ??= composeMessage(this, 'zh-CN'));
  }
}

const siteOf = (raw: RawIssue) => new IssueSite(raw.path, raw.code, raw.rule, raw.params);

/** Keywords whose single varying param is part of the cache key; the rest get '' there. */
const VARYING_PARAM: ReadonlyMap<string, string> = new Map([
  ['required', 'missingProperty'],
  ['additionalProperties', 'additionalProperty'],
  ['discriminator', 'error'],
]);
/** Keywords whose params the schema fixes. Anything else Ajv may report is mapped afresh each time. */
const FIXED_PARAMS = new Set([
  'type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'minProperties', 'maxProperties',
]);
/** The `rule` of a schema site where the generated code reports duplicate tag keys. */
const UNIQUE = -2;
/** Hostile keys and paths are not cached (and have huge messages anyway); the cache is bounded. */
const MAX_KEY = 256;
const MAX_SITES = 4096;

/** What one schema path (one error site of the generated code) always means, plus its issues so far. */
class SchemaSite {
  /** The last issue returned here: one schema path nearly always meets the same instance path. */
  lastPath = '';
  lastParam = '';
  last: IssueSite | undefined = undefined;
  /** instancePath → varying param ('' if none) → issue. */
  readonly byInstance = new Map<string, Map<string, IssueSite>>();
  constructor(
    /** Index of the `x-rule` site this schema path lies in, -1 if none, UNIQUE for a duplicate tag key. */
    readonly rule: number,
    /** The param that varies between errors here (e.g. `missingProperty`), if any. */
    readonly varying: string | undefined,
    /** Whether the params are fixed by the schema, so issues here can be cached at all. */
    readonly cacheable: boolean,
  ) {}
}

/** The cached form of `issuesFromAjv` for one branch (or for "no branch", i.e. the tag names none). */
export class SiteCache {
  /** Keyed by the error's schema path: a literal of the generated code, so its hash is precomputed. */
  private readonly bySchemaPath = new Map<string, SchemaSite>();
  /** The same, by the error literal's number in the generated code (an array index, no hashing). */
  private readonly bySiteId: (SchemaSite | undefined)[] = [];
  private readonly ruleSites: readonly IssueSite[];
  private size = 0;

  constructor(
    private readonly branch: BranchFacts | undefined,
    private readonly fallback: BranchFacts,
  ) {
    this.ruleSites = (branch?.rules ?? []).map((r) => siteOf(ruleIssue(r)));
    if (this.ruleSites.length > 30) throw new Error('too many x-rule sites for a bit set');
  }

  /** Same issues, in the same order, as `issuesFromAjv(errors, branch, fallback)`. */
  issues(errors: readonly AjvErrorObject[]): RawIssue[] {
    const out: RawIssue[] = [];
    let late: RawIssue[] | undefined;
    let rulesSeen = 0;
    for (let i = 0; i < errors.length; i++) {
      const error = errors[i]!;
      const id = error.siteId;
      let at = id === undefined ? this.bySchemaPath.get(error.schemaPath) : this.bySiteId[id];
      if (at === undefined) at = this.schemaSite(error);
      if (at.rule === -1) out.push(this.issue(error, at));
      // Duplicate keys (params vary: index and key) are not cached, and go last, as in issuesFromAjv.
      else if (at.rule === UNIQUE) (late ??= []).push(uniqueKeyIssue(error, this.branch ?? this.fallback));
      else if ((rulesSeen & (1 << at.rule)) === 0) {
        rulesSeen |= 1 << at.rule;
        out.push(this.ruleSites[at.rule]!);
      }
    }
    if (late !== undefined) for (let i = 0; i < late.length; i++) out.push(late[i]!);
    return out;
  }

  private *schemaSites(): Iterable<SchemaSite> {
    yield* this.bySchemaPath.values();
    for (const s of this.bySiteId) if (s) yield s;
  }

  /** How many issues are cached now (for the test that the cache stays bounded). */
  cachedIssues(): number {
    let n = 0;
    for (const s of this.schemaSites()) for (const byParam of s.byInstance.values()) n += byParam.size;
    return n;
  }

  private schemaSite(error: AjvErrorObject): SchemaSite {
    const { keyword } = error;
    const rule = keyword === UNIQUE_KEYS_KEYWORD ? UNIQUE : this.branch ? ruleSiteIndex(error.schemaPath, this.branch.rules) : -1;
    const varying = VARYING_PARAM.get(keyword);
    const at = new SchemaSite(rule, varying, varying !== undefined || FIXED_PARAMS.has(keyword));
    if (error.siteId !== undefined) this.bySiteId[error.siteId] = at;
    else if (error.schemaPath.length <= MAX_KEY) this.bySchemaPath.set(error.schemaPath, at);
    return at;
  }

  private issue(error: AjvErrorObject, at: SchemaSite): RawIssue {
    const { instancePath } = error;
    const param = at.varying === undefined ? '' : error.params[at.varying];
    if (!at.cacheable || typeof param !== 'string' || instancePath.length > MAX_KEY || param.length > MAX_KEY) {
      return issueOfError(error, this.branch ?? this.fallback, this.fallback);
    }
    if (at.last !== undefined && at.lastPath === instancePath && at.lastParam === param) return at.last;
    let byParam = at.byInstance.get(instancePath);
    if (byParam === undefined) at.byInstance.set(instancePath, (byParam = new Map()));
    let site = byParam.get(param);
    if (site === undefined) {
      if (++this.size > MAX_SITES) {
        // Bounded: start over (hostile bodies with ever-new paths would otherwise grow it forever).
        for (const s of this.schemaSites()) s.byInstance.clear();
        this.size = 1;
        at.byInstance.set(instancePath, (byParam = new Map()));
      }
      site = siteOf(issueOfError(error, this.branch ?? this.fallback, this.fallback));
      byParam.set(param, site);
    }
    at.lastPath = instancePath;
    at.lastParam = param;
    at.last = site;
    return site;
  }
}
