// The quick-import body from `--body <file|->` and the flags (a flag overrides the file's field). Values
// are put in as given (min_disk becomes a number only when it reads as one) so the validators — not this
// file — judge them, with the field, the rule and the IMG code.
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { type ValidationIssue, validateQuickImportRequestJson } from '@ims-quick-import/validators';
import { UsageError } from './errors.js';
import type { Lang, Messages } from './i18n/index.js';

export interface BodyFlags {
  name?: string;
  osVersion?: string;
  imageUrl?: string;
  minDisk?: string;
  type?: string;
  osType?: string;
  description?: string;
  architecture?: string;
  firmware?: string;
  licenseType?: string;
  tag?: string[];
  enterpriseProjectId?: string;
}

/** Each flag and the body field it sets. */
export const FLAG_FIELDS = {
  name: 'name',
  osVersion: 'os_version',
  imageUrl: 'image_url',
  minDisk: 'min_disk',
  type: 'type',
  osType: 'os_type',
  description: 'description',
  architecture: 'architecture',
  firmware: 'hw_firmware_type',
  licenseType: 'license_type',
  tag: 'image_tags',
  enterpriseProjectId: 'enterprise_project_id',
} as const satisfies Record<keyof BodyFlags, string>;

/** `key=value` → {key, value}, split at the first '=' (a value may hold '='). */
export function parseTag(text: string, m: Messages): { key: string; value: string } {
  const at = text.indexOf('=');
  if (at < 0) throw new UsageError(m.errTag(text));
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

/** A flag's text as the JSON value it stands for: min_disk "40" → 40; anything else stays a string. */
function flagValue(flag: keyof BodyFlags, text: string): unknown {
  if (flag === 'minDisk' && /^\s*-?\d+(\.\d+)?\s*$/.test(text)) return Number(text);
  return text;
}

/** The file's body with the flags laid over it; a file body that is not an object is returned as is. */
export function mergeFlags(base: unknown, flags: BodyFlags, m: Messages): unknown {
  const given = (Object.keys(FLAG_FIELDS) as (keyof BodyFlags)[]).filter((f) => flags[f] !== undefined);
  if (base !== undefined && (typeof base !== 'object' || base === null || Array.isArray(base))) return base;
  const body: Record<string, unknown> = { ...(base as Record<string, unknown> | undefined) };
  for (const flag of given) {
    const field = FLAG_FIELDS[flag];
    body[field] = flag === 'tag' ? flags.tag!.map((t) => parseTag(t, m)) : flagValue(flag, flags[flag] as string);
  }
  return body;
}

/** Reads a file, or standard input for "-", as UTF-8 text. */
export async function readSource(source: string, stdin: Readable, m: Messages): Promise<string> {
  try {
    if (source !== '-') return await readFile(source, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  } catch (e) {
    throw new UsageError(m.errBodyRead(source, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
}

export type Parsed = { ok: true; body: unknown } | { ok: false; issues: ValidationIssue[]; reason?: string };

/**
 * JSON text → value. Empty or not JSON gives the validators' own issue (IMG.0007 / IMG.0001, in the
 * user's language) plus JSON.parse's reason, which says where the text broke.
 */
export function parseBodyText(text: string, lang: Lang): Parsed {
  try {
    if (text.trim() !== '') return { ok: true, body: JSON.parse(text) };
  } catch (e) {
    const verdict = validateQuickImportRequestJson(text, { locale: lang });
    return { ok: false, issues: verdict.ok ? [] : verdict.issues, reason: (e as Error).message };
  }
  const verdict = validateQuickImportRequestJson(text, { locale: lang });
  return { ok: false, issues: verdict.ok ? [] : verdict.issues };
}
