// Local validation before anything is sent, with the validators' own messages (en / zh-CN).
import { type ValidationIssue, validateQuickImportRequest } from '@ims-quick-import/validators';
import type { Lang, Messages } from './i18n/index.js';

export interface Verdict {
  ok: boolean;
  issues: ValidationIssue[];
  /** rules no official source states: printed, never fatal (errors under --strict) */
  warnings: ValidationIssue[];
}

export function checkBody(body: unknown, lang: Lang, strict: boolean): Verdict {
  const result = validateQuickImportRequest(body, { locale: lang, profile: strict ? 'strict' : 'default' });
  // `warnings` is part of the validators' result contract; a build without it simply has none.
  const warnings = (result as { warnings?: ValidationIssue[] }).warnings ?? [];
  return result.ok ? { ok: true, issues: [], warnings } : { ok: false, issues: result.issues, warnings };
}

/** One entry per issue: the field (JSON Pointer), the rule, the IMG code, then the message. */
export const issueLines = (issues: readonly ValidationIssue[], m: Messages): string[] => issues.map((i) => `  ${m.issueLine(i.path, i.rule, i.code, i.message)}`);
