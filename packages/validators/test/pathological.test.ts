import { describe, expect, test } from 'vitest';
import { MAX_ISSUES, isSystemDiskImageRequest, validateQuickImportRequest, validateJob, validateImsError } from '../dist/index.js';
import { schemas } from './support/bundle.js';
import { linearTime } from './support/regex-criterion.js';

const SYS = { name: 'ims-test-image', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/ubuntu-22.04.zvhd2', min_disk: 40 };
const MB10 = 10 * 1024 * 1024;

/** Every regex the validators run: `pattern` anywhere in the schemas, and the x-strict patterns. */
function specPatterns(): string[] {
  const found = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'x-img-codes') continue; // keyword → code maps, not schemas
        if ((k === 'pattern' || k === 'keyPattern' || k === 'valuePattern') && typeof v === 'string') found.add(v);
        else walk(v);
      }
    }
  };
  walk(schemas);
  return [...found];
}

describe('regexes are linear-time', () => {
  const patterns = specPatterns();
  test('the criterion rejects classic catastrophic patterns', () => {
    for (const bad of ['^(a+)+$', '^(a|a)*$', '^(a*)*$', '^a*a*$', '^(?:a*b){2,}$', 'a+$', '^\\d+(\\1)$']) {
      expect(linearTime(bad).ok, bad).toBe(false);
    }
    for (const good of ['^a*$', '^[a-z](?:[a-z ]*[a-z])?$', '^(?![^:]*\\.\\.)\\S*$', '^\\d{4}$']) expect(linearTime(good).ok, good).toBe(true);
  });

  test.each(patterns)('%s meets the static criterion', (p) => {
    expect(linearTime(p)).toEqual({ ok: true });
  });

  // Pump strings built from the characters the pattern's loops accept, ending in one that breaks the
  // match: the worst case for a backtracking engine. Run at n and 2n; each must simply finish.
  const pumps = ['a', ' ', '.', '-', '0', '镜', ':', '.-', 'a.', '/'];
  const breakers = ['', '\n', '<', '!', ' ', '.'];
  test.each(patterns)('%s finishes on pathological strings of 100k and 200k characters', (p) => {
    const re = new RegExp(p, 'u');
    let runs = 0;
    for (const n of [100_000, 200_000]) {
      for (const pump of pumps) for (const end of breakers) {
        re.test('a' + pump.repeat(n / pump.length) + end);
        runs++;
      }
    }
    expect(runs).toBe(2 * pumps.length * breakers.length);
  });
});

describe('hostile input gets issues, never an exception', () => {
  const big = (c: string) => c.repeat(MB10);
  test.each([
    ['name', { ...SYS, name: big('a') }, '/name'],
    ['description', { ...SYS, description: big('a') + '<' }, '/description'],
    ['os_version', { ...SYS, os_version: 'U' + big(' ') + '\n' }, '/os_version'],
    ['image_url', { ...SYS, image_url: 'my-bucket:' + big('a') + '.qcow2' }, '/image_url'],
    ['tag', { ...SYS, tags: ['k.' + big('v')] }, '/tags/0'],
    ['image_tag key', { ...SYS, image_tags: [{ key: big('k') + ' ', value: 'v' }] }, '/image_tags/0/key'],
    ['unknown key of 10 MB', { ...SYS, [big('x')]: 1 }, `/${'x'.repeat(MB10)}`],
  ])('10 MB %s', (_what, body, path) => {
    for (const profile of ['default', 'strict'] as const) {
      const r = validateQuickImportRequest(body, { profile });
      // An unknown key is a warning by default (no source says the service rejects it).
      const found = r.ok ? r.warnings : r.issues;
      expect(r.ok).toBe(profile === 'default' && path.startsWith('/xxx'));
      expect(found.map((i) => i.path)).toContain(path);
      for (const i of [...found, ...r.warnings]) expect(i.message.length).toBeLessThan(2_000);
    }
  });

  test('10 000-deep nesting anywhere', () => {
    let deepObject: unknown = 'leaf';
    let deepArray: unknown = [];
    for (let d = 0; d < 10_000; d++) {
      deepObject = { key: deepObject };
      deepArray = [deepArray];
    }
    const bodies: unknown[] = [
      deepObject,
      deepArray,
      { ...SYS, image_tags: [deepObject] },
      { ...SYS, tags: deepArray },
      { ...SYS, extra: deepObject },
      { ...SYS, name: deepObject },
      JSON.parse(`{"name":"a","os_version":"b","image_url":"my-bucket:a.raw","min_disk":1,"description":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    ];
    for (const b of bodies) {
      const r = validateQuickImportRequest(b, { profile: 'strict' });
      expect(r.ok).toBe(false);
      expect(validateJob(b).ok).toBe(false);
      expect(validateImsError(b).ok).toBe(false);
    }
  });

  test('__proto__ and constructor keys neither pollute nor crash', () => {
    const hostile = [
      '{"__proto__":{"polluted":true}}',
      `{"__proto__":{"polluted":true},"name":"a","os_version":"b","image_url":"my-bucket:a.raw","min_disk":1}`,
      `{"constructor":{"prototype":{"polluted":true}},"type":"DataImage"}`,
      `{"name":"a","os_version":"b","image_url":"my-bucket:a.raw","min_disk":1,"tags":["__proto__.x","__proto__.y"]}`,
      `{"name":"a","os_version":"b","image_url":"my-bucket:a.raw","min_disk":1,"image_tags":[{"key":"__proto__","value":"1"},{"key":"constructor","value":"2"},{"__proto__":{"polluted":true},"key":"k","value":"v"}]}`,
      '{"type":null,"__proto__":null}',
    ];
    for (const text of hostile) {
      const body = JSON.parse(text);
      const r = validateQuickImportRequest(body, { profile: 'strict' });
      expect(r.ok).toBe(false);
      expect(JSON.stringify(body)).toBe(JSON.stringify(JSON.parse(text))); // not modified
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  test('non-objects and odd objects', () => {
    const odd: unknown[] = [null, undefined, 0, NaN, -1, '', 'x', true, Symbol('s'), 10n, () => 1, [], new Date(), new Map(), Object.create(null)];
    for (const b of odd) {
      const r = validateQuickImportRequest(b);
      expect(r.ok).toBe(false);
      expect(isSystemDiskImageRequest(b)).toBe(false);
    }
    const throwing = { ...SYS };
    Object.defineProperty(throwing, 'name', { enumerable: true, get() { throw new Error('boom'); } });
    expect(validateQuickImportRequest(throwing).ok).toBe(false);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(validateQuickImportRequest(proxy).ok).toBe(false);
  });

  test('200 000 tags are rejected in one linear pass', () => {
    const r = validateQuickImportRequest({ ...SYS, tags: Array.from({ length: 200_000 }, (_, i) => `k${i % 10}.v`) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.some((i) => i.code === 'IMG.0116')).toBe(true);
      expect(r.issues.length).toBe(MAX_ISSUES); // reported issues are capped
    }
  });
});
