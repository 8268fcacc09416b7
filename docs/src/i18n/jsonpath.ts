// The part of JSONPath (RFC 9535) an OpenAPI Overlay 1.0 target needs to name one place in a document:
//   $                       the root
//   .name  ['name']  ["n"]  a member (bracket form for keys such as '/v1/cloudimages/job/{job_id}')
//   [0]  [-1]               an array element
//   .*  [*]                 every member or element
//   [?@.key == 'literal']   the elements or members whose `key` equals a string, number or boolean
//                           (the RFC 9535 filter form; the older `?(@.key == …)` is accepted too)
// Anything else is a syntax error that names the column: a translation must never silently miss its
// target because the parser skipped what it did not understand.

export type Segment =
  | { kind: 'name'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; key: string[]; value: string | number | boolean };

export interface Match {
  /** JSON Pointer segments from the root (unescaped) */
  path: Array<string | number>;
  value: unknown;
}

export class JsonPathSyntaxError extends Error {
  constructor(expression: string, at: number, what: string) {
    super(`JSONPath ${expression}: ${what} at column ${at + 1}`);
    this.name = 'JsonPathSyntaxError';
  }
}

const IDENT = /^[A-Za-z_$\u0080-\uffff][\w$\-\u0080-\uffff]*/;

function readQuoted(expr: string, start: number): { text: string; end: number } {
  const quote = expr[start];
  let text = '';
  for (let i = start + 1; i < expr.length; i++) {
    const c = expr[i];
    if (c === '\\') {
      const next = expr[++i];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = expr.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonPathSyntaxError(expr, i, 'bad \\u escape');
        text += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else text += ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[next] ?? next;
    } else if (c === quote) return { text, end: i + 1 };
    else text += c;
  }
  throw new JsonPathSyntaxError(expr, start, 'unterminated string');
}

function readLiteral(expr: string, start: number): { value: string | number | boolean; end: number } {
  const c = expr[start];
  if (c === "'" || c === '"') {
    const { text, end } = readQuoted(expr, start);
    return { value: text, end };
  }
  const rest = expr.slice(start);
  const number = /^-?\d+(?:\.\d+)?/.exec(rest);
  if (number) return { value: Number(number[0]), end: start + number[0].length };
  if (rest.startsWith('true')) return { value: true, end: start + 4 };
  if (rest.startsWith('false')) return { value: false, end: start + 5 };
  throw new JsonPathSyntaxError(expr, start, 'expected a string, number or boolean literal');
}

function skipSpaces(expr: string, i: number): number {
  while (expr[i] === ' ') i++;
  return i;
}

function readFilter(expr: string, start: number): { segment: Segment; end: number } {
  let i = skipSpaces(expr, start);
  const legacy = expr[i] === '(';
  if (legacy) i = skipSpaces(expr, i + 1);
  if (expr[i] !== '@') throw new JsonPathSyntaxError(expr, i, 'a filter starts with @');
  i++;
  const key: string[] = [];
  while (expr[i] === '.' || expr[i] === '[') {
    if (expr[i] === '.') {
      const ident = IDENT.exec(expr.slice(i + 1));
      if (!ident) throw new JsonPathSyntaxError(expr, i + 1, 'expected a member name');
      key.push(ident[0]);
      i += 1 + ident[0].length;
    } else {
      const q = skipSpaces(expr, i + 1);
      if (expr[q] !== "'" && expr[q] !== '"') throw new JsonPathSyntaxError(expr, q, 'expected a quoted member name');
      const { text, end } = readQuoted(expr, q);
      const close = skipSpaces(expr, end);
      if (expr[close] !== ']') throw new JsonPathSyntaxError(expr, close, 'expected ]');
      key.push(text);
      i = close + 1;
    }
  }
  if (!key.length) throw new JsonPathSyntaxError(expr, i, 'expected @.member');
  i = skipSpaces(expr, i);
  if (expr.slice(i, i + 2) !== '==') throw new JsonPathSyntaxError(expr, i, 'only == comparisons are supported');
  const literal = readLiteral(expr, skipSpaces(expr, i + 2));
  i = skipSpaces(expr, literal.end);
  if (legacy) {
    if (expr[i] !== ')') throw new JsonPathSyntaxError(expr, i, 'expected )');
    i = skipSpaces(expr, i + 1);
  }
  return { segment: { kind: 'filter', key, value: literal.value }, end: i };
}

export function parseJsonPath(expr: string): Segment[] {
  if (expr[0] !== '$') throw new JsonPathSyntaxError(expr, 0, 'a path starts with $');
  const segments: Segment[] = [];
  let i = 1;
  while (i < expr.length) {
    if (expr[i] === '.') {
      if (expr[i + 1] === '.') throw new JsonPathSyntaxError(expr, i, 'descendant segments (..) are not supported');
      if (expr[i + 1] === '*') {
        segments.push({ kind: 'wildcard' });
        i += 2;
        continue;
      }
      const ident = IDENT.exec(expr.slice(i + 1));
      if (!ident) throw new JsonPathSyntaxError(expr, i + 1, 'expected a member name');
      segments.push({ kind: 'name', name: ident[0] });
      i += 1 + ident[0].length;
    } else if (expr[i] === '[') {
      let j = skipSpaces(expr, i + 1);
      const c = expr[j];
      let segment: Segment;
      if (c === "'" || c === '"') {
        const { text, end } = readQuoted(expr, j);
        segment = { kind: 'name', name: text };
        j = end;
      } else if (c === '*') {
        segment = { kind: 'wildcard' };
        j++;
      } else if (c === '?') {
        const filter = readFilter(expr, j + 1);
        segment = filter.segment;
        j = filter.end;
      } else {
        const number = /^-?\d+/.exec(expr.slice(j));
        if (!number) throw new JsonPathSyntaxError(expr, j, 'expected a quoted name, an index, * or a ?filter');
        segment = { kind: 'index', index: Number(number[0]) };
        j += number[0].length;
      }
      j = skipSpaces(expr, j);
      if (expr[j] !== ']') throw new JsonPathSyntaxError(expr, j, 'expected ] (one selector per bracket)');
      segments.push(segment);
      i = j + 1;
    } else throw new JsonPathSyntaxError(expr, i, `unexpected "${expr[i]}"`);
  }
  return segments;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function children(value: unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (isObject(value)) return Object.entries(value);
  return [];
}

function memberAt(value: unknown, key: string[]): unknown {
  let node = value;
  for (const k of key) node = isObject(node) && Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
  return node;
}

/** Every node the path selects, in document order, with its location. */
export function queryJsonPath(doc: unknown, expr: string): Match[] {
  let matches: Match[] = [{ path: [], value: doc }];
  for (const segment of parseJsonPath(expr)) {
    const next: Match[] = [];
    for (const { path, value } of matches) {
      if (segment.kind === 'name') {
        if (isObject(value) && Object.prototype.hasOwnProperty.call(value, segment.name)) next.push({ path: [...path, segment.name], value: value[segment.name] });
      } else if (segment.kind === 'index') {
        if (Array.isArray(value)) {
          const index = segment.index < 0 ? value.length + segment.index : segment.index;
          if (index >= 0 && index < value.length) next.push({ path: [...path, index], value: value[index] });
        }
      } else {
        for (const [k, v] of children(value)) {
          if (segment.kind === 'wildcard' || memberAt(v, segment.key) === segment.value) next.push({ path: [...path, k], value: v });
        }
      }
    }
    matches = next;
  }
  return matches;
}

/** A JSON Pointer (RFC 6901) for a match's path. */
export function toPointer(path: Array<string | number>): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The JSONPath the overlay tools write for a pointer path: dots for plain names, ['…'] otherwise. */
export function toJsonPath(path: Array<string | number>): string {
  return `$${path
    .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w]*$/.test(p) ? `.${p}` : `['${p.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`))
    .join('')}`;
}
