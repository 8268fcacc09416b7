import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { docsDist } from '../test/docs-fixture.js';
import { buildPagesTree, compareVersionsDesc, previousVersions } from './pages-tree.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pages-tree-'));
  dirs.push(d);
  return d;
};
const fixture = (v: string, zh = false) => {
  const d = docsDist(v, { zh });
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const menuOf = (html: string) => /<nav id="ims-version-menu"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
const hrefs = (html: string) => [...menuOf(html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);

describe('buildPagesTree', () => {
  it('lays out latest, the version folder, versions.json and 404 — English only while zh-CN is not built', () => {
    const out = join(tmp(), 'site');
    const logs: string[] = [];
    const r = buildPagesTree({ docsDist: fixture('1.0.0'), out, log: (l) => logs.push(l) });
    expect(r.missingEditions).toEqual(['zh-CN']);
    expect(logs.join('\n')).toContain('the zh-CN edition is not in');
    expect(r.pages.sort()).toEqual(['404.html', 'index.html', 'v1.0.0/index.html']);
    expect(JSON.parse(read(out, 'versions.json'))).toEqual({ latest: '1.0.0', versions: [{ version: '1.0.0', path: 'v1.0.0/', editions: { en: 'v1.0.0/index.html' } }] });
    expect(existsSync(join(out, 'zh-CN'))).toBe(false);
    expect(read(out, 'index.html')).toContain('<h1>English 1.0.0</h1>');
  });

  it('keeps every earlier version from the previous tree and lists all of them in every page', () => {
    const first = join(tmp(), 'first');
    buildPagesTree({ docsDist: fixture('1.0.0'), out: first });
    const second = join(tmp(), 'second');
    buildPagesTree({ docsDist: fixture('1.1.0', true), out: second, previous: first });
    const third = join(tmp(), 'third');
    const r = buildPagesTree({ docsDist: fixture('2.0.0', true), out: third, previous: second, basePath: '/ims-quick-import' });
    expect(r.versions.versions.map((v) => v.version)).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    expect(r.versions.versions.find((v) => v.version === '1.0.0')?.editions).toEqual({ en: 'v1.0.0/index.html' });
    expect(read(third, 'v1.0.0/index.html')).toContain('<h1>English 1.0.0</h1>');
    expect(read(third, 'v1.1.0/zh-CN/index.html')).toContain('<h1>中文 1.1.0</h1>');
    expect(read(third, 'zh-CN/index.html')).toContain('<h1>中文 2.0.0</h1>');
    // Old pages get a new menu (listing 2.0.0), not a second one.
    const old = read(third, 'v1.0.0/index.html');
    expect(old.match(/id="ims-version-menu"/g)).toHaveLength(1);
    expect(hrefs(old)).toEqual(['../index.html', '../v2.0.0/index.html', '../v1.1.0/index.html', '../v1.0.0/index.html']);
    // The Chinese menu links to the Chinese page of each version, English where a version has none.
    expect(hrefs(read(third, 'v1.1.0/zh-CN/index.html'))).toEqual(['../../zh-CN/index.html', '../../v2.0.0/zh-CN/index.html', '../../v1.1.0/zh-CN/index.html', '../../v1.0.0/index.html']);
    expect(read(third, '404.html')).toContain('href="/ims-quick-import/v1.1.0/zh-CN/index.html"');
    // Every link of every menu points at a file of the tree.
    for (const p of r.pages.filter((x) => x !== '404.html')) {
      for (const h of hrefs(read(third, p))) expect(existsSync(join(third, p, '..', h as string)), `${p} → ${h}`).toBe(true);
    }
  });

  it('replaces the folder of the version being built again, and keeps versions the previous versions.json lost', () => {
    const first = join(tmp(), 'first');
    buildPagesTree({ docsDist: fixture('1.0.0'), out: first });
    const second = join(tmp(), 'second');
    buildPagesTree({ docsDist: fixture('1.1.0'), out: second, previous: first });
    writeFileSync(join(second, 'versions.json'), '{"latest":"1.1.0","versions":[]}');
    const fixed = fixture('1.1.0', true);
    writeFileSync(join(fixed, 'index.html'), readFileSync(join(fixed, 'index.html'), 'utf8').replace('English 1.1.0', 'English 1.1.0 fixed'));
    const third = join(tmp(), 'third');
    const r = buildPagesTree({ docsDist: fixed, out: third, previous: second });
    expect(r.versions.versions.map((v) => v.version)).toEqual(['1.1.0', '1.0.0']);
    expect(read(third, 'v1.1.0/index.html')).toContain('English 1.1.0 fixed');
    expect(existsSync(join(third, 'v1.1.0/zh-CN/index.html'))).toBe(true);
  });

  it('treats the previous tree as untrusted: no path from versions.json, no symlink copied', () => {
    const prev = tmp();
    mkdirSync(join(prev, 'v0.9.0'));
    writeFileSync(join(prev, 'v0.9.0/index.html'), '<html><head></head><body>old</body></html>');
    symlinkSync('/etc/passwd', join(prev, 'v0.9.0/passwd'));
    writeFileSync(join(prev, 'versions.json'), JSON.stringify({ latest: '0.9.0', versions: [{ version: '../../etc' }, { version: '0.9.0' }, { version: '1.0.0/../../x' }] }));
    const logs: string[] = [];
    expect(previousVersions(prev, (l) => logs.push(l))).toEqual(['0.9.0']);
    expect(logs).toHaveLength(2);
    const out = join(tmp(), 'site');
    buildPagesTree({ docsDist: fixture('1.0.0'), out, previous: prev });
    expect(existsSync(join(out, 'v0.9.0/index.html'))).toBe(true);
    expect(existsSync(join(out, 'v0.9.0/passwd'))).toBe(false);
  });

  it('keeps the version folders of a previous tree whose versions.json is corrupt', () => {
    const prev = join(tmp(), 'prev');
    buildPagesTree({ docsDist: fixture('1.0.0'), out: prev });
    for (const junk of ['{"versions": [', 'null', '{"versions": "1.0.0"}']) {
      writeFileSync(join(prev, 'versions.json'), junk);
      const logs: string[] = [];
      expect(previousVersions(prev, (l) => logs.push(l))).toEqual(['1.0.0']);
    }
    const out = join(tmp(), 'site');
    expect(buildPagesTree({ docsDist: fixture('1.1.0'), out, previous: prev }).versions.versions.map((v) => v.version)).toEqual(['1.1.0', '1.0.0']);
  });

  it('never empties a folder it did not write, nor writes into the previous tree', () => {
    const mine = tmp();
    writeFileSync(join(mine, 'precious.txt'), 'keep me');
    expect(() => buildPagesTree({ docsDist: fixture('1.0.0'), out: mine })).toThrow('was not written by pages:build');
    expect(read(mine, 'precious.txt')).toBe('keep me');
    const prev = join(tmp(), 'prev');
    buildPagesTree({ docsDist: fixture('1.0.0'), out: prev });
    expect(() => buildPagesTree({ docsDist: fixture('1.1.0'), out: prev, previous: prev })).toThrow('inside --previous');
    expect(() => buildPagesTree({ docsDist: fixture('1.1.0'), out: join(prev, 'x'), previous: prev })).toThrow('inside --previous');
    // Its own output may be rebuilt in place.
    expect(buildPagesTree({ docsDist: fixture('1.1.0'), out: prev }).versions.latest).toBe('1.1.0');
  });

  it('refuses a spec version that is not a plain version, and a docs build without its page', () => {
    expect(() => buildPagesTree({ docsDist: fixture('1.0.0'), out: join(tmp(), 's'), specVersion: '../1.0.0' })).toThrow('not a plain semantic version');
    const empty = tmp();
    writeFileSync(join(empty, 'openapi.docs.json'), '{"info":{"version":"1.0.0"}}');
    expect(() => buildPagesTree({ docsDist: empty, out: join(tmp(), 's') })).toThrow('run `pnpm build` first');
  });
});

describe('compareVersionsDesc', () => {
  it('sorts newest first, numerically, prereleases below their release', () => {
    expect(['1.2.0', '1.10.0', '1.10.0-rc.1', '2.0.0', '1.9.9', '1.10.0-rc.10'].sort(compareVersionsDesc)).toEqual(['2.0.0', '1.10.0', '1.10.0-rc.10', '1.10.0-rc.1', '1.9.9', '1.2.0']);
  });
});
