// Local validation before anything is sent, with the validators' own messages (en / zh-CN).
import { type ValidationIssue, validateQuickImportRequest } from '@ims-quick-import/validators';
import type { Lang, Messages } from './i18n/index.js';
import { printable } from './text.js';

export interface Verdict {
  ok: boolean;
  issues: ValidationIssue[];
  /** rules no official source states: printed, never fatal (errors under --strict) */
  warnings: ValidationIssue[];
}

export function checkBody(body: unknown, lang: Lang, strict: boolean): Verdict {
  const result = validateQuickImportRequest(body, { locale: lang, profile: strict ? 'strict' : 'default' });
  return result.ok ? { ok: true, issues: [], warnings: result.warnings } : { ok: false, issues: result.issues, warnings: result.warnings };
}

/**
 * One entry per issue: the field (JSON Pointer), the rule, the IMG code, then the message. A path and a
 * message may quote a key from the body, so control characters are spelled out.
 */
export const issueLines = (issues: readonly ValidationIssue[], m: Messages): string[] =>
  issues.map((i) => `  ${m.issueLine(printable(i.path), i.rule, i.code, printable(i.message))}`);
