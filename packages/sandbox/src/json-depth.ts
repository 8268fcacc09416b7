// A cheap guard in front of JSON.parse: V8 parses `[[[[…]]]]` one MiB deep correctly but slowly (hundreds
// of milliseconds on a busy machine), all that time blocking every other client. The real service parses
// with Jackson, whose default StreamReadConstraints refuse nesting deeper than 1000 (a "request message
// format" error), and a quick-import body nests 3 deep at most, so refusing beyond 1000 takes away nothing
// the real service would accept.
export const MAX_JSON_DEPTH = 1000;

/**
 * True when the JSON text nests arrays/objects deeper than `max` (strings are skipped, escapes honoured).
 * Self-contained (literals, no module constants) because judge-pool.ts ships its source to a worker.
 */
export function nestsDeeperThan(text: Uint8Array, max: number): boolean {
  // Going deeper than `max` takes more than `max` bytes: short bodies (all real ones) skip the scan.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}
