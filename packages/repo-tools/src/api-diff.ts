// Direction-aware classification of the differences between two bundled OpenAPI documents.
//
// api-smart-diff (MIT, pure JS, no install-time downloads) does the structural diff and most of the
// classification: it resolves $refs, follows every schema into each operation, and knows that a new required
// request field breaks callers while a narrower response enum does not. Measured against the cases this
// project gates on, it gets four wrong in the response direction, and says "unclassified" for discriminator
// mappings; `reclassify` below corrects exactly those and records the library's verdict next to ours.
import { apiCompare } from 'api-smart-diff';

export type Severity = 'breaking' | 'non-breaking' | 'deprecated' | 'annotation' | 'unclassified';
export type Direction = 'request' | 'response' | 'operation' | 'document';
type Action = 'add' | 'remove' | 'replace' | 'rename';
type Seg = string | number;

export interface ApiChange {
  severity: Severity;
  direction: Direction;
  /** `POST /v2/cloudimages/quickimport/action`, absent for document-level changes. */
  operation?: string;
  /** `request body`, `response 200`, `query parameter`, … */
  where?: string;
  /** Dotted field path inside the body: `entities.sub_jobs_result[].status`. */
  field?: string;
  action: Action;
  /** Location in the bundled document, JSON-Pointer style. */
  pointer: string;
  message: string;
  /** The `x-` extension the change is inside, if any (its data, not the API's shape). */
  extension?: string;
  /** Present when this layer disagrees with api-smart-diff. */
  override?: { library: Severity; reason: string };
}

interface RawDiff {
  type: string;
  action: Action;
  path: Seg[];
  before?: unknown;
  after?: unknown;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
// Reusable components are inlined into every operation by the library, so a change there is reported
// again (with the right direction) under `paths`; security schemes are referenced by name and are not.
const INLINED_COMPONENTS = new Set(['schemas', 'requestBodies', 'responses', 'parameters', 'headers', 'examples', 'links', 'callbacks', 'pathItems']);
const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf']);

/** Diffs `before` and `after` (neither is modified) and classifies each change. */
export function diffApis(before: unknown, after: unknown): ApiChange[] {
  // api-smart-diff rewrites its inputs while it resolves them: hand it copies.
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after));
  const out: ApiChange[] = [];
  for (const d of diffs as RawDiff[]) {
    const change = describe(d);
    if (change) out.push(change);
  }
  return out;
}

function pointerOf(path: Seg[]): string {
  return '/' + path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

interface Location {
  direction: Direction;
  operation?: string;
  where?: string;
  /** Path segments inside the schema (after `schema`), when the change is inside one. */
  schemaPath?: Seg[];
}

function locate(path: Seg[]): Location | null {
  if (path[0] === 'components') {
    if (INLINED_COMPONENTS.has(String(path[1]))) return null;
    return { direction: 'document' };
  }
  if (path[0] !== 'paths') return { direction: 'document' };
  const route = String(path[1] ?? '');
  const second = path[2];
  if (second === undefined) return { direction: 'operation', operation: `* ${route}` };
  if (second === 'parameters') return { direction: 'request', operation: `* ${route}`, where: 'path-level parameter' };
  if (!METHODS.has(String(second))) return { direction: 'operation', operation: `* ${route}` };
  const operation = `${String(second).toUpperCase()} ${route}`;
  const rest = path.slice(3);
  const schemaAt = rest.indexOf('schema');
  const schemaPath = schemaAt >= 0 ? rest.slice(schemaAt + 1) : undefined;
  if (rest[0] === 'requestBody') return { direction: 'request', operation, where: 'request body', schemaPath };
  if (rest[0] === 'parameters') return { direction: 'request', operation, where: 'parameter', schemaPath };
  if (rest[0] === 'responses') {
    const code = rest[1] === undefined ? '' : ` ${String(rest[1])}`;
    const header = rest[2] === 'headers' ? ` header ${String(rest[3])}` : '';
    return { direction: 'response', operation, where: `response${code}${header}`, schemaPath };
  }
  return { direction: 'operation', operation };
}

/** `entities.sub_jobs_result[].status` from `properties/entities/properties/sub_jobs_result/items/...`. */
function fieldOf(schemaPath: Seg[]): { field: string; keyword: Seg[] } {
  const names: string[] = [];
  let i = 0;
  while (i < schemaPath.length) {
    const s = schemaPath[i];
    if (s === 'properties' && i + 1 < schemaPath.length && i + 2 < schemaPath.length) {
      names.push(String(schemaPath[i + 1]));
      i += 2;
    } else if (s === 'items') {
      names.push('[]');
      i += 1;
    } else if (COMBINATORS.has(String(s)) && typeof schemaPath[i + 1] === 'number') {
      i += 2;
    } else break;
  }
  const field = names.join('.').replace(/\.\[\]/g, '[]');
  return { field, keyword: schemaPath.slice(i) };
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function typesOf(v: unknown): Set<string> {
  return new Set(Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
}

/** Keywords that never make a value invalid (annotations), besides `x-` extensions. */
const ANNOTATION_KEYWORDS = new Set(['description', 'title', 'examples', 'example', '$comment', 'default', 'deprecated']);
/** `true` or a schema of annotations only: it accepts every value. */
function acceptsEverything(schema: unknown): boolean {
  if (schema === true) return true;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  return Object.keys(schema).every((k) => ANNOTATION_KEYWORDS.has(k) || k.startsWith('x-'));
}

/** The corrections to the library, each one a rule with the reason a client author would give. */
function reclassify(d: RawDiff, loc: Location, keyword: Seg[]): { severity: Severity; reason: string } | null {
  const k0 = keyword[0];
  const inResponse = loc.direction === 'response' && loc.schemaPath !== undefined;
  const inRequest = loc.direction === 'request' && loc.schemaPath !== undefined;
  if ((inResponse || inRequest) && keyword[keyword.length - 1] === 'items' && d.action !== 'replace' && d.action !== 'rename') {
    // `items: {}` next to `type: array` says what absence says: any item. (Linters such as Spectral's
    // `array-items` ask for it to be written out.)
    if (acceptsEverything(d.action === 'add' ? d.after : d.before)) {
      return { severity: 'annotation', reason: 'an `items` schema that accepts every value changes nothing that validates' };
    }
  }
  if (inResponse && k0 === 'properties' && keyword.length === 2 && d.action === 'remove') {
    return { severity: 'breaking', reason: 'clients read response fields; removing one breaks code (and generated types) that use it' };
  }
  if (inResponse && k0 === 'required' && (d.action === 'remove' || d.action === 'replace')) {
    return { severity: 'breaking', reason: 'a response field clients could rely on may now be absent' };
  }
  if (k0 === 'type' && (inResponse || inRequest)) {
    // The set of JSON types a value may have: requests may only widen it, responses may only narrow it.
    let widened: boolean;
    let narrowed: boolean;
    if (keyword.length === 2) {
      widened = d.action === 'add';
      narrowed = d.action === 'remove';
    } else {
      const b = typesOf(d.before);
      const a = typesOf(d.after);
      widened = [...a].some((t) => !b.has(t) && !(t === 'integer' && b.has('number')));
      narrowed = [...b].some((t) => !a.has(t) && !(t === 'integer' && a.has('number')));
    }
    const breaking = inResponse ? widened : narrowed;
    return breaking
      ? { severity: 'breaking', reason: inResponse ? 'responses may now carry a value of a type clients do not expect' : 'requests valid before are now rejected' }
      : { severity: 'non-breaking', reason: inResponse ? 'responses only narrow their type' : 'requests only widen their type' };
  }
  if (k0 === 'additionalProperties' && keyword.length === 1 && (inResponse || inRequest)) {
    // Absent means true. Closed (false) < a schema < open (true): requests may only open up; responses may
    // carry extra fields or stop carrying them without breaking a reader, which ignores unknown fields.
    const rank = (v: unknown) => (v === false ? 0 : v === undefined || v === true ? 2 : 1);
    const before = rank(d.action === 'add' ? undefined : d.before);
    const after = rank(d.action === 'remove' ? undefined : d.after);
    if (before === 1 && after === 1) return null;
    if (inResponse) return { severity: 'non-breaking', reason: 'readers ignore fields they do not know' };
    return after < before
      ? { severity: 'breaking', reason: 'fields callers could send before are now rejected' }
      : { severity: 'non-breaking', reason: 'requests only accept more fields' };
  }
  const mapAt = keyword.indexOf('mapping');
  if (keyword.includes('discriminator') && mapAt >= 0 && keyword.length === mapAt + 2 && (inResponse || inRequest)) {
    const narrows = d.action === 'remove' || d.action === 'replace';
    const widens = d.action === 'add' || d.action === 'replace';
    const breaking = inRequest ? narrows : widens;
    return breaking
      ? { severity: 'breaking', reason: inRequest ? 'a discriminator value callers send is no longer accepted' : 'responses may carry a variant clients do not know' }
      : { severity: 'non-breaking', reason: inRequest ? 'a new variant callers may send' : 'a variant responses no longer carry' };
  }
  return null;
}

function describe(d: RawDiff): ApiChange | null {
  const loc = locate(d.path);
  if (!loc) return null;
  const library = (['breaking', 'non-breaking', 'deprecated', 'annotation'].includes(d.type) ? d.type : 'unclassified') as Severity;
  const { field, keyword } = loc.schemaPath ? fieldOf(loc.schemaPath) : { field: '', keyword: [] as Seg[] };
  const corrected = reclassify(d, loc, keyword);
  const severity = corrected?.severity ?? library;
  const change: ApiChange = {
    severity,
    direction: loc.direction,
    action: d.action,
    pointer: pointerOf(d.path),
    message: message(d, loc, field, keyword),
  };
  if (loc.operation) change.operation = loc.operation;
  if (loc.where) change.where = loc.where;
  if (field) change.field = field;
  const extension = d.path.find((seg) => typeof seg === 'string' && seg.startsWith('x-'));
  if (typeof extension === 'string') change.extension = extension;
  if (corrected && corrected.severity !== library) change.override = { library, reason: corrected.reason };
  return change;
}

const VERB: Record<Action, string> = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' };

function message(d: RawDiff, loc: Location, field: string, keyword: Seg[]): string {
  const verb = VERB[d.action];
  const of = field ? ` of \`${field}\`` : '';
  const value = d.action === 'add' ? d.after : d.before;
  if (!loc.schemaPath) {
    const last = String(d.path[d.path.length - 1]);
    if (loc.direction === 'operation' && d.path.length === 3 && METHODS.has(last)) return `operation ${verb}`;
    if (loc.direction === 'operation' && d.path.length === 2) return `path ${verb}`;
    if (d.path[3] === 'parameters' && d.path.length === 5) {
      const p = value as { name?: string; in?: string; required?: boolean } | undefined;
      if (p?.name) return `${p.required ? 'required ' : ''}${p.in ?? ''} parameter \`${p.name}\` ${verb}`;
    }
    if (d.path[3] === 'responses' && d.path.length === 5) return `response ${String(d.path[4])} ${verb}`;
    const tail = d.path.slice(loc.operation ? 3 : 0).join('.');
    return d.action === 'replace' ? `\`${tail}\` ${verb}: ${show(d.before)} → ${show(d.after)}` : `\`${tail}\` ${verb}`;
  }
  const k0 = keyword[0];
  if (k0 === undefined) return `schema ${verb}${of}`;
  if (k0 === 'properties' && keyword.length === 2) {
    const name = field ? `${field}.${String(keyword[1])}` : String(keyword[1]);
    return `property \`${name}\` ${verb}`;
  }
  if (k0 === 'required') {
    const name = String(d.action === 'add' ? d.after : d.before);
    const full = field ? `${field}.${name}` : name;
    return d.action === 'replace' ? `required \`${full}\` → \`${String(d.after)}\`` : `\`${full}\` ${d.action === 'add' ? 'made required' : 'no longer required'}`;
  }
  if (k0 === 'enum') return `enum value ${show(value)}${of} ${verb}`;
  if (d.action === 'replace') return `\`${keyword.join('.')}\`${of} ${verb}: ${show(d.before)} → ${show(d.after)}`;
  return `\`${keyword.join('.')}\`${of} ${verb}${keyword.length > 1 ? '' : `: ${show(value)}`}`;
}
