/** RFC 6901 helpers. Ajv's instancePath is already escaped; names we append are escaped here. */
export function escapeSegment(segment: string): string {
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  if (segment.indexOf('~') < 0) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function splitPointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
}

export function appendSegment(pointer: string, segment: string | number): string {
  return `${pointer}/${escapeSegment(String(segment))}`;
}
