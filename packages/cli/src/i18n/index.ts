// Picks the language: --lang wins, else the POSIX locale variables in their order of precedence.
import { en, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export type Lang = 'en' | 'zh-CN';
export type { Messages };
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

/** LC_ALL, then LC_MESSAGES, then LANG (the first one set decides, as in POSIX); a zh_* locale gives Chinese. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_.-]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

/** Accepts en / zh-CN and the spellings people type (zh, zh_CN, zh-cn). undefined when unknown. */
export function parseLang(value: string): Lang | undefined {
  if (/^en([_-].*)?$/i.test(value)) return 'en';
  if (/^zh([_-](cn|hans).*)?$/i.test(value)) return 'zh-CN';
  return undefined;
}

/**
 * The --lang value from argv before commander parses it: help text is built in that language, so it must
 * be known first. An unknown value falls back to the environment; commander then reports it.
 */
export function langFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value !== undefined) return parseLang(value) ?? langFromEnv(env);
  }
  return langFromEnv(env);
}

export const messages = (lang: Lang): Messages => (lang === 'zh-CN' ? zhCN : en);
