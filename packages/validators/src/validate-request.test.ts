import { describe, expect, test } from 'vitest';
import {
  assertQuickImportRequest,
  isDataDiskImageRequest,
  isSystemDiskImageRequest,
  validateQuickImportRequest,
  validateQuickImportRequestJson,
} from './validate-request.js';
import { ValidationError } from './validation-error.js';

const SYS = { name: 'img', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:a.zvhd2', min_disk: 40 };
const DATA = { name: 'img', image_url: 'my-bucket:a.raw', min_disk: 40, type: 'DataImage', os_version: '' };

describe('validateQuickImportRequest', () => {
  test('missing or null type is ECS; the caller\'s object is returned untouched', () => {
    for (const body of [SYS, { ...SYS, type: null }, { ...SYS, type: 'BMS' }]) {
      const frozen = Object.freeze({ ...body });
      const result = validateQuickImportRequest(frozen);
      expect(result).toEqual({ ok: true, value: frozen, warnings: [] });
      if (result.ok) expect(result.value).toBe(frozen);
      expect('type' in frozen ? frozen.type : 'absent').toBe('type' in body ? body.type : 'absent');
    }
  });

  test('a typeless body with data-disk fields is judged as the system disk it is', () => {
    const body = { name: 'img', image_url: 'my-bucket:a.raw', min_disk: 40, os_type: 'Linux' };
    const result = validateQuickImportRequest(body);
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.rule])).toEqual([['/os_version', 'required']]);
    expect(result.warnings.map((i) => [i.path, i.rule])).toEqual([['/os_type', 'additionalProperties']]);
    const strict = validateQuickImportRequest(body, { profile: 'strict' });
    expect(strict.ok ? [] : strict.issues.map((i) => [i.path, i.rule]).sort()).toEqual([
      ['/os_type', 'additionalProperties'],
      ['/os_version', 'required'],
    ]);
    expect(strict.warnings).toEqual([]);
  });

  test('locale picks the language; unknown locales fall back to English', () => {
    const zh = validateQuickImportRequest({ ...SYS, name: '' }, { locale: 'zh-CN' });
    expect(zh.ok ? '' : zh.issues[0]!.message).toContain('镜像');
    const en = validateQuickImportRequest({ ...SYS, name: '' }, { locale: 'fr' as 'en' });
    expect(en.ok ? '' : en.issues[0]!.message).toContain('image name');
  });
});

describe('guards and assert', () => {
  test('type guards split valid bodies by variant and reject invalid ones', () => {
    expect([isSystemDiskImageRequest(SYS), isDataDiskImageRequest(SYS)]).toEqual([true, false]);
    expect([isSystemDiskImageRequest(DATA), isDataDiskImageRequest(DATA)]).toEqual([false, true]);
    expect([isSystemDiskImageRequest({ ...SYS, min_disk: 0 }), isDataDiskImageRequest({ ...DATA, os_type: 'Mac' })]).toEqual([false, false]);
    expect(isSystemDiskImageRequest({ ...SYS, min_disk: 5 }, { profile: 'strict' })).toBe(false);
    // A warning never makes a guard fail, except under strict.
    expect(isSystemDiskImageRequest({ ...SYS, os_type: 'Linux' })).toBe(true);
    expect(isSystemDiskImageRequest({ ...SYS, os_type: 'Linux' }, { profile: 'strict' })).toBe(false);
    expect(isDataDiskImageRequest({ ...DATA, architecture: 'arm' })).toBe(true);
  });

  test('assert throws a ValidationError with the issues', () => {
    expect(() => assertQuickImportRequest(SYS)).not.toThrow();
    expect(() => assertQuickImportRequest({ ...SYS, extra: 1 })).not.toThrow(); // a warning
    expect(() => assertQuickImportRequest({ ...SYS, extra: 1 }, { profile: 'strict' })).toThrow(ValidationError);
    try {
      assertQuickImportRequest({ ...SYS, min_disk: 2000 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]).toMatchObject({ path: '/min_disk', code: 'IMG.0055', rule: 'maximum' });
    }
  });
});

describe('validateQuickImportRequestJson', () => {
  test('empty body → IMG.0007, broken JSON → IMG.0001, else validated', () => {
    for (const text of [undefined, '', '  \n']) {
      const r = validateQuickImportRequestJson(text);
      expect(r.ok ? null : r.issues[0]!.code).toBe('IMG.0007');
    }
    const broken = validateQuickImportRequestJson('{"name":');
    expect(broken.ok ? null : [broken.issues[0]!.code, broken.issues[0]!.rule]).toEqual(['IMG.0001', 'json']);
    expect(validateQuickImportRequestJson(JSON.stringify(SYS)).ok).toBe(true);
    expect(validateQuickImportRequestJson('[]').ok).toBe(false);
  });
});
