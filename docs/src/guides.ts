// Loads the Markdown guides in docs/guides and expands their build-time directives:
//   <!-- generated:NAME -->        replaced by a generated section (error catalog, AK/SK worked example)
//   <!-- include-svg:FILE.svg -->  replaced by the SVG file as an <img> with a data: URL (see svgImage)
//   {{spec:JSON-POINTER}}          replaced by the value in the bundle, so prose cannot drift from the spec
// An unknown directive or a pointer that does not resolve stops the build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { getPointer } from './spec-source.js';

export interface Guide {
  /** file name, e.g. 01-getting-started.md */
  file: string;
  /** the sidebar title (front matter `title`) */
  title: string;
  /** Markdown without front matter */
  body: string;
}

export const GUIDES_DIR = new URL('../guides/', import.meta.url);

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n/;

export function parseGuide(file: string, text: string): Guide {
  const match = FRONT_MATTER.exec(text.replace(/\r\n/g, '\n'));
  if (!match) throw new Error(`${file}: a guide starts with front matter (---\\ntitle: …\\n---)`);
  const meta = parseYaml(match[1] ?? '') as { title?: unknown } | null;
  if (!meta || typeof meta.title !== 'string' || !meta.title.trim()) throw new Error(`${file}: front matter needs a title`);
  return { file, title: meta.title.trim(), body: text.replace(/\r\n/g, '\n').slice(match[0].length).trim() + '\n' };
}

/** Guides in file-name order (the numeric prefix sets the sidebar order). */
export function loadGuides(dir: URL = GUIDES_DIR): Guide[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parseGuide(name, readFileSync(new URL(name, dir), 'utf8')));
}

export interface ExpandContext {
  spec: unknown;
  generated: Record<string, () => string>;
  /** directory the include-svg paths are relative to */
  assetsDir: string;
}

function formatSpecValue(pointer: string, value: unknown): string {
  // Pipes are escaped: the values often sit in Markdown table cells, where a bare | ends the cell.
  const text = (v: unknown): string => String(v).replace(/\|/g, '\\|');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return text(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(text).join(', ');
  throw new Error(`{{spec:${pointer}}} points at a ${Array.isArray(value) ? 'mixed array' : typeof value}; point at a scalar or a list of scalars`);
}

/**
 * An SVG file as an <img> with a data: URL. Inline <svg> markup does not survive Redoc's Markdown-to-React
 * step (attribute names are lower-cased, so viewBox is lost), and Markdown image syntax drops data: SVG
 * URLs; a raw <img> keeps the picture intact, offline, and allowed by the page's CSP (img-src data:).
 */
export function svgImage(svg: string): string {
  const body = svg.replace(/<\?xml[^>]*\?>/, '').trim();
  if (!body.startsWith('<svg')) throw new Error('include-svg: the file is not an SVG document');
  if (/<script|\son\w+=|href\s*=\s*["']?(?:https?:|\/\/)/i.test(body)) throw new Error('include-svg: scripts, event handlers and remote links are not allowed');
  const title = /<title[^>]*>([^<]*)<\/title>/.exec(body)?.[1]?.trim();
  if (!title) throw new Error('include-svg: the SVG needs a <title>, which becomes the image\'s alt text');
  const alt = title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<p><img alt="${alt}" width="100%" src="data:image/svg+xml;base64,${Buffer.from(body, 'utf8').toString('base64')}"></p>`;
}

export function expandGuide(guide: Guide, ctx: ExpandContext): string {
  const where = (what: string): string => `${guide.file}: ${what}`;
  let text = guide.body.replace(/<!--\s*([a-z-]+):([^\s>]+)\s*-->/g, (whole, kind: string, arg: string) => {
    if (kind === 'generated') {
      const make = ctx.generated[arg];
      if (!make) throw new Error(where(`unknown generated section "${arg}" (known: ${Object.keys(ctx.generated).join(', ')})`));
      return make();
    }
    if (kind === 'include-svg') {
      if (!/^[\w.-]+\.svg$/.test(arg)) throw new Error(where(`include-svg takes a file name in the guides folder, got "${arg}"`));
      return svgImage(readFileSync(join(ctx.assetsDir, arg), 'utf8'));
    }
    throw new Error(where(`unknown directive ${whole}`));
  });
  text = text.replace(/\{\{spec:([^}]+)\}\}/g, (_, pointer: string) => {
    try {
      return formatSpecValue(pointer, getPointer(ctx.spec, pointer));
    } catch (error) {
      throw new Error(where((error as Error).message));
    }
  });
  return text;
}

export interface CodeBlock {
  lang: string;
  source: string;
  /** 1-based index of the block among the guide's blocks of that language */
  index: number;
}

/** Fenced code blocks of one language (e.g. `ts`), so the guides' TypeScript can be type-checked too. */
export function codeBlocks(markdown: string, langs: string[]): CodeBlock[] {
  const out: CodeBlock[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```\s*$/gm;
  let match: RegExpExecArray | null;
  while ((match = fence.exec(markdown))) {
    const lang = match[1] ?? '';
    if (langs.includes(lang)) out.push({ lang, source: match[2] ?? '', index: out.length + 1 });
  }
  return out;
}
