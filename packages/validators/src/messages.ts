import { IMG_ERROR_CATALOG } from './generated/spec-data.js';
import type { Locale, RawIssue } from './types.js';

type P = Record<string, unknown>;
type Sentence = (p: P) => string;

/** Quoted values; a hostile 10 MB value is cut, so a message stays readable and small. */
const quote = (x: unknown): string => {
  const text = x === null ? 'null' : JSON.stringify(x) ?? String(x);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};
const list = (v: unknown): string => (Array.isArray(v) ? v.map(quote).join(', ') : quote(v));
const typeName = (v: unknown): string => String(v).split(',').join(' | ');
const strictNote = (p: P, en: boolean) => (p['strict'] ? (en ? ' under the strict profile' : '（strict 模式）') : '');

/**
 * One sentence per rule, in each locale, saying what is wrong and how to fix it. Every JSON Schema
 * keyword the request schemas use and every custom rule has an entry; a test checks both locales
 * against the keyword list generated from the spec.
 */
export const RULE_SENTENCES: Readonly<Record<Locale, Readonly<Record<string, Sentence>>>> = {
  en: {
    required: () => 'is required but missing; add it',
    additionalProperties: () => 'is not a field of this request; remove it (or check its spelling)',
    type: (p) => `must be of type ${typeName(p['type'])}; send a value of that type`,
    enum: (p) => `must be one of ${list(p['allowedValues'])}; use one of these values`,
    const: (p) => `must be ${list([p['allowedValue']])}`,
    minLength: (p) => `must be at least ${p['limit']} characters long; lengthen it`,
    maxLength: (p) => `must be at most ${p['limit']} characters long; shorten it`,
    pattern: (p) => `${p['part'] ? `has a ${p['part']} that ` : ''}does not have the allowed format${strictNote(p, true)}${p['pattern'] ? ` (${p['pattern']})` : ''}; fix the characters`,
    minimum: (p) => `must be at least ${p['limit']}; raise it`,
    maximum: (p) => `must be at most ${p['limit']}; lower it`,
    maxItems: (p) => `must have at most ${p['limit']} items${strictNote(p, true)}; remove the extra ones`,
    exclusive: (p) => `cannot be sent together with ${list(p['about'])}; send only one of them`,
    uniqueKeys: (p) => `repeats the tag key ${list([p['key']])}; every key must be unique, so merge or drop the duplicate`,
    windowsOnly: () => 'may only be set for a Windows image (an os_version starting with "Windows"); remove it for other systems',
    armNeedsUefi: () => 'must be uefi (or left out) when architecture is arm; Arm images boot with UEFI only',
    osMinimum: (p) => `must be at least ${p['limit']} GB for a ${p['os']} image under the strict profile; raise min_disk`,
    json: () => 'is not valid JSON; send a JSON object',
    discriminator: () => 'must name an image type; use ECS, BMS or DataImage',
  },
  'zh-CN': {
    required: () => '为必填字段但缺失，请补充',
    additionalProperties: () => '不是该请求的字段，请删除（或检查拼写）',
    type: (p) => `类型必须为 ${typeName(p['type'])}，请按该类型填写`,
    enum: (p) => `取值必须为 ${list(p['allowedValues'])} 之一，请改用其中一个值`,
    const: (p) => `取值必须为 ${list([p['allowedValue']])}`,
    minLength: (p) => `长度至少为 ${p['limit']} 个字符，请补充`,
    maxLength: (p) => `长度不能超过 ${p['limit']} 个字符，请缩短`,
    pattern: (p) => `${p['part'] === 'key' ? '其键的' : p['part'] === 'value' ? '其值的' : ''}格式不符合要求${strictNote(p, false)}${p['pattern'] ? `（${p['pattern']}）` : ''}，请修改其中的字符`,
    minimum: (p) => `不能小于 ${p['limit']}，请调大`,
    maximum: (p) => `不能大于 ${p['limit']}，请调小`,
    maxItems: (p) => `最多只能有 ${p['limit']} 项${strictNote(p, false)}，请删除多余的项`,
    exclusive: (p) => `不能与 ${list(p['about'])} 同时传入，请只保留其中一个`,
    uniqueKeys: (p) => `标签键 ${list([p['key']])} 重复，标签键必须唯一，请合并或删除重复项`,
    windowsOnly: () => '仅 Windows 镜像（os_version 以 "Windows" 开头）可设置，其他操作系统请删除该字段',
    armNeedsUefi: () => 'architecture 为 arm 时必须为 uefi（或不填），Arm 镜像只支持 UEFI 启动',
    osMinimum: (p) => `在 strict 模式下 ${p['os']} 镜像至少需要 ${p['limit']} GB，请调大 min_disk`,
    json: () => '不是合法的 JSON，请发送 JSON 对象',
    discriminator: () => '必须指明镜像类型，请使用 ECS、BMS 或 DataImage',
  },
};

/** Said of a rule no official source states (an `x-warnings` rule): a warning, an error only under strict. */
const WARNING_NOTE: Readonly<Record<Locale, string>> = {
  en: ' No official source says the service rejects this, so it is a warning (an error under the strict profile).',
  'zh-CN': '没有官方来源说明服务会拒绝此请求，因此这是警告（strict 模式下为错误）。',
};

/** English messages carry the catalog's `hint`, Chinese ones its `zhHint` (the build requires both). */
type CatalogEntry = { message: string; zh: string; hint?: string; zhHint?: string };
const catalog = IMG_ERROR_CATALOG as Readonly<Record<string, CatalogEntry>>;

/** "name", "image_tags/1/key" — the field as the user wrote it; the body itself when the path is "". */
function fieldLabel(path: string, locale: Locale): string {
  if (path === '') return locale === 'en' ? 'The request body' : '请求体';
  let name = path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
  // A hostile 10 MB key must not make a 10 MB message; the path keeps the full name.
  if (name.length > 120) name = `${name.slice(0, 117)}...`;
  return locale === 'en' ? `Field "${name}"` : `字段 "${name}"`;
}

/**
 * A message depends on (locale, path, rule, code) — the params at a path are fixed by the schema there —
 * except for the rules whose params come from the body (a duplicate key, the OS, the strict limits),
 * which are rendered afresh. Invalid bodies repeat, so the rest is cached within bounds, in nested
 * maps keyed by the strings themselves (no combined key to build and hash per lookup).
 */
type Cache = Map<string, Map<string, Map<string, string>>>;
const caches: Record<Locale, Cache> = { en: new Map(), 'zh-CN': new Map() };
let cached = 0;

export function renderMessage(issue: RawIssue, locale: Locale): string {
  if (issue.path.length > 256 || issue.rule === 'uniqueKeys' || issue.rule === 'osMinimum' || issue.params['strict']) {
    return composeMessage(issue, locale);
  }
  const cache = caches[locale];
  let byRule = cache.get(issue.path);
  if (!byRule) cache.set(issue.path, (byRule = new Map()));
  let byCode = byRule.get(issue.rule);
  if (!byCode) byRule.set(issue.rule, (byCode = new Map()));
  let message = byCode.get(issue.code);
  if (message === undefined) {
    message = composeMessage(issue, locale);
    if (++cached > 4096) {
      caches.en.clear();
      caches['zh-CN'].clear();
      cached = 0;
    }
    byCode.set(issue.code, message);
  }
  return message;
}

/** The message of an issue, built afresh (renderMessage caches it; request-issues.ts caches per site). */
export function composeMessage(issue: RawIssue, locale: Locale): string {
  const entry = Object.prototype.hasOwnProperty.call(catalog, issue.code) ? catalog[issue.code] : undefined;
  const hint = locale === 'en' ? entry?.hint : entry?.zhHint;
  // A regex is a poor fix: show it only when the catalog has no hint in this locale, or for the
  // strict profile's own (short) patterns.
  const params = issue.rule === 'pattern' && hint && !issue.params['strict'] ? { ...issue.params, pattern: undefined } : issue.params;
  const sentences = RULE_SENTENCES[locale];
  const sentence = Object.prototype.hasOwnProperty.call(sentences, issue.rule)
    ? sentences[issue.rule]!(params)
    : locale === 'en' ? `breaks the rule "${issue.rule}"` : `不符合规则 "${issue.rule}"`;
  if (locale === 'en') {
    const tail = entry ? ` ${entry.message}${hint ? ` ${hint}` : ''}` : '';
    const note = issue.params['warning'] ? WARNING_NOTE.en : '';
    return `${fieldLabel(issue.path, locale)} ${sentence} [rule ${issue.rule}, ${issue.code}].${note}${tail}`;
  }
  const tail = entry ? `${entry.zh}${hint ?? ''}` : '';
  const note = issue.params['warning'] ? WARNING_NOTE['zh-CN'] : '';
  return `${fieldLabel(issue.path, locale)}：${sentence}【规则 ${issue.rule}，${issue.code}】。${note}${tail}`;
}
