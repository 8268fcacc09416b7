// What of the spec a reader reads as prose, and so what the Chinese edition translates: every `summary`,
// `description` and `title` string, and every tag's name (translated as `x-displayName`, so the tag's
// name, and with it every deep link, stays the same in both editions). Data is skipped: example values,
// `enum`/`const`/`default`, JSON Schema `examples`. So is everything under an `x-` extension (the error
// catalog, whose Chinese text lives in the spec itself; `x-warnings`; code samples): Redoc renders no
// extension, so no reader of the page sees text there.
import { createHash } from 'node:crypto';

export interface SourceText {
  /** location of the object that holds the text */
  path: Array<string | number>;
  /** the English key read (`summary`, `description`, `title`, or `name` of a tag) */
  key: string;
  /** the key the translation sets (the same, or `x-displayName` for a tag name) */
  updateKey: string;
  text: string;
}

const PROSE_KEYS = new Set(['summary', 'description', 'title']);
const DATA_KEYS = new Set(['example', 'enum', 'const', 'default', 'required']);

/** The hash an overlay entry records: the first 16 hex digits of the SHA-256 of the English text. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function collectSourceTexts(doc: unknown): SourceText[] {
  const out: SourceText[] = [];
  const visit = (node: unknown, path: Array<string | number>): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!isObject(node)) return;
    const parentKey = path.at(-2);
    const isTag = path.length === 2 && path[0] === 'tags';
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && PROSE_KEYS.has(key)) out.push({ path, key, updateKey: key, text: value });
      else if (isTag && key === 'name' && typeof value === 'string') out.push({ path, key, updateKey: 'x-displayName', text: value });
      else if (DATA_KEYS.has(key) || key.startsWith('x-')) continue;
      // An Example Object's `value` is data; a JSON Schema `examples` list is data too.
      else if (key === 'value' && parentKey === 'examples') continue;
      else if (key === 'examples' && Array.isArray(value)) continue;
      else visit(value, [...path, key]);
    }
  };
  visit(doc, []);
  return out;
}
