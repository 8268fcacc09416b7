// How complete and how current the Chinese overlay is. Each action of the overlay names the English text
// it translates by hash (`x-source-hash: { <key>: <sourceHash(English)> }`), so when the English text
// changes, the entry is stale until a translator revisits it and records the new hash. Also reported:
// texts with no entry at all (missing), and entries whose English text no longer exists (orphaned).
import { queryJsonPath, toJsonPath, toPointer } from './jsonpath.js';
import type { OverlayDocument } from './overlay.js';
import { collectSourceTexts, sourceHash, type SourceText } from './source-texts.js';

export const HASH_FIELD = 'x-source-hash';

export interface TextIssue {
  /** JSON Pointer of the English text, e.g. /paths/~1v1~1…/get/summary */
  pointer: string;
  /** JSONPath of the object an overlay action targets */
  target: string;
  key: string;
  english: string;
  /** the current translation, for stale entries */
  translation?: string;
}

export interface OverlayCoverage {
  total: number;
  current: number;
  stale: TextIssue[];
  missing: TextIssue[];
  /** entries that cannot be checked: no English text there any more, no hash, or a malformed update */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The JSONPath a new entry should target: tags by name (their order may change), everything else by place. */
export function stableTarget(doc: unknown, path: Array<string | number>): string {
  if (path.length === 2 && path[0] === 'tags') {
    const name = queryJsonPath(doc, toJsonPath(path))[0]?.value;
    if (isObject(name) && typeof name.name === 'string') return `$.tags[?@.name == '${name.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return toJsonPath(path);
}

export function overlayCoverage(englishDoc: unknown, overlay: OverlayDocument): OverlayCoverage {
  const texts = collectSourceTexts(englishDoc);
  const byPlace = new Map<string, SourceText>(texts.map((t) => [`${toPointer(t.path)}#${t.updateKey}`, t]));
  const covered = new Map<string, { hash: string; translation: string }>();
  const problems: string[] = [];

  overlay.actions.forEach((action, i) => {
    const where = `actions[${i}] (${action.target})`;
    if (action.remove) return problems.push(`${where}: a translation overlay only updates`);
    const hashes = action[HASH_FIELD];
    if (!isObject(action.update)) return problems.push(`${where}: update must be an object of translated fields`);
    if (!isObject(hashes)) return problems.push(`${where}: ${HASH_FIELD} must record the hash of each English text translated`);
    let matches;
    try {
      matches = queryJsonPath(englishDoc, action.target);
    } catch (error) {
      return problems.push(`${where}: ${(error as Error).message}`);
    }
    if (matches.length !== 1) return problems.push(`${where}: the target must select exactly one object in the English document, it selects ${matches.length}`);
    const pointer = toPointer(matches[0]?.path ?? []);
    for (const [key, translation] of Object.entries(action.update)) {
      const place = `${pointer}#${key}`;
      if (typeof translation !== 'string' || !translation.trim()) problems.push(`${where}: ${key} must be a non-empty string`);
      else if (!byPlace.has(place)) problems.push(`${where}: ${key} translates no English text (removed or renamed?)`);
      else if (typeof hashes[key] !== 'string') problems.push(`${where}: ${key} has no ${HASH_FIELD} entry`);
      else if (covered.has(place)) problems.push(`${where}: ${key} is translated twice`);
      else covered.set(place, { hash: hashes[key] as string, translation });
    }
    for (const key of Object.keys(hashes)) if (!(key in action.update)) problems.push(`${where}: ${HASH_FIELD}.${key} records a hash for a field it does not translate`);
  });

  const stale: TextIssue[] = [];
  const missing: TextIssue[] = [];
  for (const [place, text] of byPlace) {
    const issue: TextIssue = { pointer: `${toPointer(text.path)}/${text.key}`, target: stableTarget(englishDoc, text.path), key: text.updateKey, english: text.text };
    const entry = covered.get(place);
    if (!entry) missing.push(issue);
    else if (entry.hash !== sourceHash(text.text)) stale.push({ ...issue, translation: entry.translation });
  }
  return { total: byPlace.size, current: byPlace.size - stale.length - missing.length, stale, missing, problems };
}
