// The published file: self-contained ESM, no imports or require, small, and versioned from the spec.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, test } from 'vitest';
import * as api from '../dist/index.js';
import { bundle } from './support/bundle.js';

const distFile = new URL('../dist/index.js', import.meta.url);
const code = readFileSync(distFile, 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'validators-dist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('dist', () => {
  test('has no import, export-from or require of anything', () => {
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*export\s[^;]*\sfrom\s/m);
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  test('runs alone, copied into an empty directory, as real ESM', () => {
    copyFileSync(distFile, join(scratch, 'index.mjs'));
    const script = `import { validateQuickImportRequest as v } from ${JSON.stringify(join(scratch, 'index.mjs'))};
      const ok = v({ name: 'a', os_version: 'b', image_url: 'my-bucket:a.raw', min_disk: 1 }).ok;
      const bad = v({ name: '\u{1F600}'.repeat(129), os_version: 'b', image_url: 'my-bucket:a.raw', min_disk: 1 });
      const fits = v({ name: 'a', description: '\u{1F600}'.repeat(1024), os_version: 'b', image_url: 'my-bucket:a.raw', min_disk: 1 }).ok;
      console.log(JSON.stringify([ok, bad.ok, bad.issues[0].code, fits]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' });
    // astral characters count once each (the inlined ucs2length): 1024 emoji fit a 1024 limit
    expect(JSON.parse(out)).toEqual([true, false, 'IMG.0002', true]);
  });

  test('is at most 100 kB minified', () => {
    const min = buildSync({ entryPoints: [distFile.pathname], bundle: true, minify: true, format: 'esm', write: false });
    expect(min.outputFiles[0]!.contents.byteLength).toBeLessThanOrEqual(100_000);
  });

  test('the README example runs and prints what its comments say', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /## Example\s+```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const file = join(scratch, 'example.mjs');
    writeFileSync(file, example.replace("'@ims-quick-import/validators'", JSON.stringify(distFile.href)));
    const printed = execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(' ').slice(0, 3).join(' '));
    const promised = [...example.matchAll(/^\/\/ (\/\S+)\s+(IMG\.\d{4}) (\w+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(promised.length).toBeGreaterThan(0);
    expect(printed).toEqual(promised);
  });

  test('SPEC_VERSION and package.json specVersion are the bundle info.version', () => {
    expect(api.SPEC_VERSION).toBe(bundle.info.version);
    expect(pkg['ims-quick-import'].specVersion).toBe(bundle.info.version);
  });

  test('exports the public names', () => {
    for (const name of ['validateQuickImportRequest', 'assertQuickImportRequest', 'isSystemDiskImageRequest', 'isDataDiskImageRequest',
      'validateJob', 'validateJobProgress', 'validateImsError', 'ValidationError', 'IMG_ERROR_CATALOG', 'SPEC_VERSION',
      'quickImportRequestSchema', 'createQuickImportRequestSchema']) {
      expect(api, name).toHaveProperty(name);
    }
    expect(api.IMG_ERROR_CATALOG).toEqual(bundle.components.schemas.ImgErrorCode['x-error-catalog']);
  });
});
