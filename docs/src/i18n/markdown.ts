// Translated Markdown (guides and decision records): docs/i18n/<locale>/guides/NN-name.md beside
// docs/guides/NN-name.md, with front matter naming the hash of the English file it translates:
//   ---
//   title: 快速入门          (guides only: the sidebar title)
//   source-hash: 0123456789abcdef
//   ---
// The English file is hashed whole, front matter included, so a changed title makes the page stale too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sourceHash } from './source-texts.js';

export interface TranslatedMarkdown {
  meta: Record<string, unknown>;
  body: string;
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n/;

export function splitFrontMatter(file: string, text: string): TranslatedMarkdown {
  const normal = text.replace(/\r\n/g, '\n');
  const match = FRONT_MATTER.exec(normal);
  if (!match) throw new Error(`${file}: a translation starts with front matter (---\\nsource-hash: …\\n---)`);
  const meta = parseYaml(match[1] ?? '') as unknown;
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) throw new Error(`${file}: front matter must be a mapping`);
  return { meta: meta as Record<string, unknown>, body: `${normal.slice(match[0].length).trim()}\n` };
}

export interface MarkdownIssue {
  /** English file, relative to the docs package */
  file: string;
  /** translation file, relative to the docs package */
  translation: string;
  reason: 'missing' | 'stale' | 'no-hash' | 'orphaned';
}

export interface MarkdownCoverage {
  total: number;
  current: number;
  issues: MarkdownIssue[];
}

/**
 * Compares each English `*.md` of `englishDir` with the same name in `translatedDir`. `label` is how the
 * folders are named in the report (e.g. guides → i18n/zh-CN/guides).
 */
export function markdownCoverage(englishDir: string, translatedDir: string, label: { english: string; translated: string }): MarkdownCoverage {
  const markdown = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort() : []);
  const english = markdown(englishDir);
  const issues: MarkdownIssue[] = [];
  for (const file of english) {
    const names = { file: `${label.english}/${file}`, translation: `${label.translated}/${file}` };
    const path = join(translatedDir, file);
    if (!existsSync(path)) {
      issues.push({ ...names, reason: 'missing' });
      continue;
    }
    const { meta } = splitFrontMatter(names.translation, readFileSync(path, 'utf8'));
    const hash = meta['source-hash'];
    if (typeof hash !== 'string') issues.push({ ...names, reason: 'no-hash' });
    else if (hash !== sourceHash(readFileSync(join(englishDir, file), 'utf8').replace(/\r\n/g, '\n'))) issues.push({ ...names, reason: 'stale' });
  }
  for (const file of markdown(translatedDir)) {
    if (!english.includes(file)) issues.push({ file: `${label.english}/${file}`, translation: `${label.translated}/${file}`, reason: 'orphaned' });
  }
  const bad = new Set(issues.filter((i) => i.reason !== 'orphaned').map((i) => i.file));
  return { total: english.length, current: english.length - bad.size, issues };
}
