import { DEFAULT_REGION, imsEndpoint } from '@ims-quick-import/client';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../program.js';
import { en } from './en.js';
import { langFromArgv, langFromEnv, messages, parseLang } from './index.js';
import { zhCN } from './zh-CN.js';

describe('the language', () => {
  it('comes from LC_ALL, then LC_MESSAGES, then LANG; a zh_* locale gives Chinese', () => {
    expect(langFromEnv({})).toBe('en');
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'zh' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'zu_ZA.UTF-8' })).toBe('en');
  });
  it('--lang wins over the environment, in both spellings', () => {
    expect(langFromArgv(['--lang', 'zh-CN', 'import'], {})).toBe('zh-CN');
    expect(langFromArgv(['import', '--lang=en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromArgv(['import', '--', '--lang', 'zh-CN'], {})).toBe('en');
    expect(langFromArgv(['--lang', 'fr'], { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
  });
  it.each([
    ['en', 'en'],
    ['EN_us', 'en'],
    ['zh', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['fr', undefined],
    ['english', undefined],
  ])('parseLang(%j) = %j', (text, lang) => expect(parseLang(text)).toBe(lang));
});

describe('the messages', () => {
  it('have the same keys in both languages, and every text is translated', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    // Texts that are the same in both languages on purpose (a placeholder, a pass-through).
    // Tables of functions are compared entry by entry below.
    const same = new Set(['etaUnknown', 'errUsage', 'credentialSources', 'credentialReasons']);
    const sample = (v: unknown): string => (typeof v === 'function' ? String(v('A', 'B', 'C', 'D')) : JSON.stringify(v));
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      if (!same.has(key)) expect(sample(zhCN[key]), key).not.toBe(sample(en[key]));
    }
  });
  it('the tables of functions (credentials sources and reason codes) have the same keys, each translated', () => {
    const attempt = { source: 'profile', where: '/f [basic]', reason: 'keys-missing', detail: 'ak,sk', unreadableLines: [4], message: 'English' } as const;
    for (const key of ['credentialSources', 'credentialReasons'] as const) {
      const [e, z] = [en[key], zhCN[key]] as Array<Record<string, (a: unknown) => string>>;
      expect(Object.keys(z!).sort(), key).toEqual(Object.keys(e!).sort());
      for (const [name, text] of Object.entries(e!)) {
        const arg = key === 'credentialSources' ? attempt.where : attempt;
        expect(z![name]!(arg), `${key}.${name}`).not.toBe(text(arg));
        expect(text(arg), `${key}.${name}`).not.toMatch(/undefined/);
      }
    }
  });
  it('every example has a caption in each language', () => {
    for (const m of [messages('en'), messages('zh-CN')]) {
      expect(m.exRoot).toHaveLength(EXAMPLES.root.length);
      expect(m.exImport).toHaveLength(EXAMPLES.import.length);
      expect(m.exJob).toHaveLength(EXAMPLES.job.length);
      expect(m.exValidate).toHaveLength(EXAMPLES.validate.length);
      expect(m.exOsVersions).toHaveLength(EXAMPLES.osVersions.length);
      expect(m.exSandbox).toHaveLength(EXAMPLES.sandbox.length);
    }
  });
  it('the exit codes listed in help are the same in both languages', () => {
    const codes = (lines: string[]) => lines.map((l) => l.split(/\s+/)[0]);
    expect(codes(zhCN.exitCodesHelp)).toEqual(codes(en.exitCodesHelp));
    expect(codes(en.exitCodesHelp)).toEqual(['0', '1', '2', '3', '4', '130']);
  });
  it("--region's help names the client's DEFAULT_REGION (the spec's) in both languages, and no region else", () => {
    expect(en.optRegion).toBe(`region id (env IMS_REGION; default ${DEFAULT_REGION})`);
    expect(zhCN.optRegion).toBe(`区域 ID（环境变量 IMS_REGION；默认 ${DEFAULT_REGION}）`);
    // No help text restates an endpoint the client builds.
    expect(JSON.stringify([en, zhCN])).not.toContain(imsEndpoint(DEFAULT_REGION));
  });
});
