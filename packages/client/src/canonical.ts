import { need } from './check.js';
import { percentDecode, percentEncode } from './encode.js';

/**
 * Canonical URI: each path segment decoded once and re-encoded, so a path that is already
 * percent-encoded (as every WHATWG URL path is) is not encoded twice (the official signer's quirk 1),
 * then a trailing "/" added. "" gives "/".
 */
export function canonicalUri(pathname: string): string {
  const uri = pathname
    .split('/')
    .map((segment) => percentEncode(percentDecode(segment)))
    .join('/');
  return uri.endsWith('/') ? uri : `${uri}/`; // "" → "/"
}

/** Code-unit comparison (what Array.prototype.sort does without a comparator), never localeCompare. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical query from decoded key/value pairs: sorted by raw key, then raw value (UTF-16 code units,
 * as the official signer sorts before it encodes), each side encoded, joined with "&".
 */
export function canonicalQuery(pairs: Iterable<[string, string]>): string {
  return [...pairs]
    .sort((a, b) => byCodeUnits(a[0], b[0]) || byCodeUnits(a[1], b[1]))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

export interface CanonicalHeaders {
  /** "name:value\n" lines */
  lines: string;
  /** "a;b;c" */
  signed: string;
}

/**
 * Headers as the server sees them: names lower-cased, values trimmed (servers strip surrounding
 * whitespace; quirk 3), one line per name, both lists in the same code-unit order (quirk 5).
 * `headers` must already have unique lower-case names.
 */
export function canonicalHeaders(headers: Array<[string, string]>): CanonicalHeaders {
  headers.sort((a, b) => byCodeUnits(a[0], b[0]));
  let lines = '';
  let signed = '';
  for (const [name, value] of headers) {
    lines += `${name}:${value.trim()}\n`;
    signed += signed === '' ? name : `;${name}`;
  }
  return { lines, signed };
}

/** YYYYMMDDTHHMMSSZ in UTC. */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d+/g, ''); // 2024-01-02T03:04:05.000Z → 20240102T030405Z
}

/**
 * Accepts a Date, a YYYYMMDDTHHMMSSZ string, the same without the Z (read as UTC, never as local time: the
 * official signer's zone-less parse depends on the machine's TZ) or an ISO 8601 time with a zone.
 */
export function toSdkDate(value: Date | string, what: string): string {
  if (typeof value === 'string') {
    const iso = value.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z?$/, '$1-$2-$3T$4:$5:$6Z');
    value = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : Number.NaN);
  }
  // getTime() is NaN, which is not equal to itself, for an invalid Date
  need(value instanceof Date && value.getTime() === value.getTime(), `${what}: expected a Date or YYYYMMDDTHHMMSSZ (UTC), got ${JSON.stringify(String(value))}`);
  return formatSdkDate(value);
}
