import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { docsDist } from '../test/docs-fixture.js';
import { pagesBuild } from './pages-build.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('pages:build CLI', () => {
  it('builds into --out from --docs-dist, keeping --previous, with --base-path in the 404 page', () => {
    const work = mkdtempSync(join(tmpdir(), 'pages-build-'));
    const a = docsDist('1.0.0');
    const b = docsDist('1.1.0', { zh: true });
    dirs.push(work, a, b);
    const out: string[] = [];
    pagesBuild(['--docs-dist', a, '--out', join(work, 'one')], work, (s) => out.push(s));
    pagesBuild(['--docs-dist', b, '--out', join(work, 'two'), '--previous', join(work, 'one'), '--base-path', '/ims-quick-import'], work, (s) => out.push(s));
    expect(out.at(-1)).toBe(`pages tree in ${join(work, 'two')}: 6 pages, versions 1.1.0, 1.0.0 (latest 1.1.0)\n`);
    expect(existsSync(join(work, 'two/v1.0.0/index.html'))).toBe(true);
    expect(readFileSync(join(work, 'two/404.html'), 'utf8')).toContain('href="/ims-quick-import/zh-CN/index.html"');
  });

  it('refuses a base path that is not a URL path', () => {
    expect(() => pagesBuild(['--base-path', 'https://evil.example/'], process.cwd(), () => {})).toThrow('must be a URL path starting with /');
    expect(() => pagesBuild(['--base-path', '/a"><script>'], process.cwd(), () => {})).toThrow('must be a URL path');
  });
});
