// Prints a JSON value as a TypeScript object literal the way a person would write it: single quotes,
// unquoted keys where they are identifiers, short arrays on one line. Used for the generated samples.
import type { Json } from './openapi-types.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

function isScalar(value: Json): boolean {
  return value === null || typeof value !== 'object';
}

export function toTsLiteral(value: Json, indent = 0): string {
  const pad = '  '.repeat(indent);
  const inner = '  '.repeat(indent + 1);
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot print ${value} as a literal`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const oneLine = `[${value.map((item) => toTsLiteral(item, indent)).join(', ')}]`;
    if (value.every(isScalar) && oneLine.length + pad.length <= 100) return oneLine;
    return `[\n${value.map((item) => `${inner}${toTsLiteral(item, indent + 1)},`).join('\n')}\n${pad}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const flat = entries.every(([, v]) => isScalar(v));
  const oneLine = `{ ${entries.map(([k, v]) => `${key(k)}: ${toTsLiteral(v, indent)}`).join(', ')} }`;
  if (flat && oneLine.length + pad.length <= 80) return oneLine;
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${toTsLiteral(v, indent + 1)},`).join('\n')}\n${pad}}`;
}
