import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeBlocks, loadGuides } from '../guides.js';
import { markdownCoverage, splitFrontMatter } from './markdown.js';
import { localeDir } from './report.js';
import { sourceHash } from './source-texts.js';

function dirs(english: Record<string, string>, translated: Record<string, string>): { en: string; zh: string } {
  const root = mkdtempSync(join(tmpdir(), 'i18n-md-'));
  const en = join(root, 'en');
  const zh = join(root, 'zh');
  mkdirSync(en);
  mkdirSync(zh);
  for (const [f, t] of Object.entries(english)) writeFileSync(join(en, f), t);
  for (const [f, t] of Object.entries(translated)) writeFileSync(join(zh, f), t);
  return { en, zh };
}
const label = { english: 'guides', translated: 'i18n/zh-CN/guides' };
const english = '---\ntitle: A\n---\nText.\n';

describe('markdownCoverage', () => {
  it('is complete when every English file has a translation recording its hash', () => {
    const { en, zh } = dirs({ 'a.md': english }, { 'a.md': `---\ntitle: 甲\nsource-hash: ${sourceHash(english)}\n---\n文本。\n` });
    expect(markdownCoverage(en, zh, label)).toEqual({ total: 1, current: 1, issues: [] });
  });

  it('goes stale when the English file changes, and reports missing, unhashed and orphaned translations', () => {
    const { en, zh } = dirs(
      { 'a.md': english.replace('Text.', 'Changed text.'), 'b.md': english, 'c.md': english },
      { 'a.md': `---\ntitle: 甲\nsource-hash: ${sourceHash(english)}\n---\n文本。\n`, 'c.md': '---\ntitle: 丙\n---\n', 'd.md': '---\nsource-hash: x\n---\n' },
    );
    const coverage = markdownCoverage(en, zh, label);
    expect(coverage.issues.map((i) => `${i.reason} ${i.translation}`)).toEqual([
      'stale i18n/zh-CN/guides/a.md',
      'missing i18n/zh-CN/guides/b.md',
      'no-hash i18n/zh-CN/guides/c.md',
      'orphaned i18n/zh-CN/guides/d.md',
    ]);
    expect(coverage.current).toBe(0);
  });

  it('needs front matter in a translation', () => {
    expect(() => splitFrontMatter('x.md', '# no front matter')).toThrow(/front matter/);
  });
});

describe('the zh-CN guides', () => {
  const translated = loadGuides(pathToFileURL(`${join(localeDir(), 'guides')}/`));
  const originals = loadGuides();

  it('keep the code of the English guides exactly (so the type-check of the English blocks covers them)', () => {
    for (const guide of originals) {
      const zh = translated.find((t) => t.file === guide.file);
      expect(zh, guide.file).toBeDefined();
      const code = (md: string) => codeBlocks(md, ['ts', 'typescript', 'sh']).map((b) => b.source);
      expect(code(zh?.body ?? ''), guide.file).toEqual(code(guide.body));
    }
  });

  it('use the same generated sections, pictures and spec values as the English guides', () => {
    const directives = (md: string) => [...md.matchAll(/<!--\s*[a-z-]+:[^\s>]+\s*-->|\{\{spec:[^}]+\}\}/g)].map((m) => m[0]).sort();
    for (const guide of originals) {
      expect(directives(translated.find((t) => t.file === guide.file)?.body ?? ''), guide.file).toEqual(directives(guide.body));
    }
  });
});
