import { codeFor, type CodeNode } from './code-lookup.js';
import { appendSegment } from './json-pointer.js';
import type { Profile, RawIssue } from './types.js';

/** The spec facts (from BRANCHES in the generated spec data) the non-JSON-Schema rules use. */
export interface CustomRuleFacts {
  readonly tree: CodeNode;
  readonly uniqueKeys: readonly { readonly field: string; readonly code: string; readonly items: string }[];
  readonly strict: readonly {
    readonly field: string;
    readonly maxItems: number;
    readonly keyPattern: string;
    readonly valuePattern: string;
    readonly maxItemsCode: string;
  }[];
  readonly osMinimum?: { readonly field: string; readonly minimum: Readonly<Record<string, number>>; readonly code: string };
  readonly os?: {
    readonly field: string;
    readonly default?: string;
    readonly pattern?: string;
    readonly match?: string;
    readonly otherwise?: string;
  };
}

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let r = regexCache.get(source);
  if (!r) regexCache.set(source, (r = new RegExp(source, 'u')));
  return r;
}

const own = (body: Record<string, unknown>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(body, key) ? body[key] : undefined;

/** Up to this many tags, duplicates are found pairwise (no Set, no key strings); beyond, with a Set. */
const SMALL = 24;

/** Whether two tags have the same key, without slicing strings. */
function sameKey(a: unknown, b: unknown, kind: string): boolean {
  if (kind !== 'string') {
    const ka = keyOf(a, kind);
    return ka !== undefined && ka === keyOf(b, kind);
  }
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  let ea = a.indexOf('.');
  let eb = b.indexOf('.');
  if (ea < 0) ea = a.length;
  if (eb < 0) eb = b.length;
  if (ea !== eb) return false;
  for (let k = 0; k < ea; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
}

/** A tag's key only (the hot path of uniqueKeys: no allocation). */
function keyOf(item: unknown, kind: string): string | undefined {
  if (kind === 'string') {
    if (typeof item !== 'string') return undefined;
    const dot = item.indexOf('.');
    return dot < 0 ? item : item.slice(0, dot);
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const key = own(item as Record<string, unknown>, 'key');
  return typeof key === 'string' ? key : undefined;
}

/** A tag's key and value: `key.value` split at the first dot (no dot: empty value), or `{key, value}`. */
function keyAndValue(item: unknown, kind: string): { key: string; value: string; keyPath: string; valuePath: string } | undefined {
  if (kind === 'string') {
    if (typeof item !== 'string') return undefined;
    const dot = item.indexOf('.');
    return dot < 0 ? { key: item, value: '', keyPath: '', valuePath: '' } : { key: item.slice(0, dot), value: item.slice(dot + 1), keyPath: '', valuePath: '' };
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const key = own(item as Record<string, unknown>, 'key');
  const value = own(item as Record<string, unknown>, 'value');
  if (typeof key !== 'string') return undefined;
  return { key, value: typeof value === 'string' ? value : '', keyPath: '/key', valuePath: '/value' };
}

/** A duplicate tag key: on the item (a `key.value` string) or on its `key` (an object tag). */
function pushDuplicate(issues: RawIssue[], field: string, code: string, items: string, i: number, key: string): void {
  issues.push({ path: `${appendSegment('', field)}/${i}${items === 'string' ? '' : '/key'}`, code, rule: 'uniqueKeys', params: { key } });
}

/**
 * Rules JSON Schema cannot state: unique tag keys always; under `strict` the older regions' tag limits
 * and the per-OS min_disk floor. Each runs only where the value already has the right shape, so one
 * mistake is not reported twice: nothing is reported on or inside a path of `schemaIssues` (the
 * schema's issues so far). Returns the new issues.
 */
export function customIssues(
  body: Record<string, unknown>,
  facts: CustomRuleFacts,
  profile: Profile,
  schemaIssues: readonly { readonly path: string }[] = [],
  /** False when the compiled validator has already checked them (validate-request does so). */
  checkUniqueKeys = true,
): RawIssue[] {
  const issues: RawIssue[] = [];
  for (const { field, code, items } of checkUniqueKeys ? facts.uniqueKeys : []) {
    const list = own(body, field);
    if (!Array.isArray(list) || list.length < 2) continue;
    if (list.length <= SMALL) {
      // The common case (a valid body has at most 20 tags): compare pairwise, allocating nothing.
      for (let i = 1; i < list.length; i++) {
        for (let j = 0; j < i; j++) {
          if (sameKey(list[i], list[j], items)) {
            pushDuplicate(issues, field, code, items, i, keyOf(list[i], items)!);
            break;
          }
        }
      }
      continue;
    }
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const key = keyOf(list[i], items);
      if (key === undefined) continue;
      if (seen.has(key)) pushDuplicate(issues, field, code, items, i, key);
      seen.add(key);
    }
  }
  if (profile !== 'strict') return issues;
  const flagged = flaggedPaths(schemaIssues.length === 0 ? issues : [...schemaIssues, ...issues]);
  const isFlagged = (path: string) => flagged.has(path);

  for (const s of facts.strict) {
    const list = own(body, s.field);
    if (!Array.isArray(list)) continue;
    const fieldPath = appendSegment('', s.field);
    if (list.length > s.maxItems && !isFlagged(fieldPath)) {
      issues.push({ path: fieldPath, code: s.maxItemsCode, rule: 'maxItems', params: { limit: s.maxItems, strict: true } });
    }
    for (let i = 0; i < list.length; i++) {
      const itemPath = `${fieldPath}/${i}`;
      if (isFlagged(itemPath)) continue;
      const tag = keyAndValue(list[i], typeof list[i] === 'string' ? 'string' : 'object');
      if (!tag) continue;
      for (const [part, text, pattern, sub] of [['key', tag.key, s.keyPattern, tag.keyPath], ['value', tag.value, s.valuePattern, tag.valuePath]] as const) {
        if (!regex(pattern).test(text)) {
          const path = itemPath + sub;
          // A `key.value` string has one path for both parts; say which part broke the rule.
          const params = sub === '' ? { pattern, strict: true, part } : { pattern, strict: true };
          issues.push({ path, code: codeFor(facts.tree, path, 'pattern'), rule: 'pattern', params });
        }
      }
    }
  }

  const min = facts.osMinimum;
  const os = facts.os;
  if (min && os) {
    const disk = own(body, min.field);
    const path = appendSegment('', min.field);
    if (typeof disk === 'number' && Number.isInteger(disk) && !isFlagged(path)) {
      const osValue = own(body, os.field);
      let osName: string | undefined;
      if (os.pattern !== undefined) osName = typeof osValue === 'string' && regex(os.pattern).test(osValue) ? os.match : os.otherwise;
      else osName = osValue == null ? os.default : typeof osValue === 'string' ? osValue : undefined;
      const floor = osName !== undefined ? min.minimum[osName] : undefined;
      if (floor !== undefined && disk < floor) {
        issues.push({ path, code: min.code, rule: 'osMinimum', params: { limit: floor, os: osName } });
      }
    }
  }
  return issues;
}

/** Every path that has an issue, and every ancestor of one: "is this value or anything in it flagged?" in O(1). */
function flaggedPaths(raw: readonly { readonly path: string }[]): Set<string> {
  const set = new Set<string>();
  for (const { path } of raw) {
    for (let at = path.indexOf('/', 1); at > 0; at = path.indexOf('/', at + 1)) set.add(path.slice(0, at));
    set.add(path);
  }
  return set;
}
