// The short human summary of API changes a contributor reads in the PR log.
import type { ApiChange, Severity } from './api-diff.js';

export const SEVERITY_ORDER: Severity[] = ['breaking', 'unclassified', 'deprecated', 'non-breaking', 'annotation'];

export function countBySeverity(changes: readonly ApiChange[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, 'non-breaking': 0, deprecated: 0, annotation: 0, unclassified: 0 };
  for (const c of changes) counts[c.severity] += 1;
  return counts;
}

export function changeLine(c: ApiChange): string {
  const where = [c.operation, c.where].filter(Boolean).join(' ');
  const why = c.override ? ` [api-smart-diff said ${c.override.library}: ${c.override.reason}]` : '';
  return `${where ? `${where}: ` : ''}${c.message}${why}`;
}

/**
 * One line of counts, then the changes grouped by severity, most serious first. Description-only changes
 * are counted, not listed (they are many and harmless); other groups show at most `limit` lines each.
 */
export function summarizeApiChanges(changes: readonly ApiChange[], limit = 15): string {
  if (changes.length === 0) return 'API: no changes.';
  const counts = countBySeverity(changes);
  const head = `API: ${SEVERITY_ORDER.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ')}.`;
  const lines = [head];
  for (const severity of SEVERITY_ORDER) {
    if (severity === 'annotation') continue;
    const group = changes.filter((c) => c.severity === severity);
    if (group.length === 0) continue;
    lines.push(`  ${severity}:`);
    // Extension data (x-error-catalog, x-img-codes, …) is repeated into every operation and response that
    // uses it: one line per extension says more than a thousand.
    const byExtension = new Map<string, ApiChange[]>();
    for (const c of group) if (c.extension) byExtension.set(c.extension, [...(byExtension.get(c.extension) ?? []), c]);
    for (const [ext, cs] of byExtension) {
      const ops = new Set(cs.map((c) => c.operation ?? 'document'));
      lines.push(`    - extension \`${ext}\`: ${cs.length} change${cs.length === 1 ? '' : 's'} in ${ops.size} operation${ops.size === 1 ? '' : 's'}`);
    }
    const unique = [...new Set(group.filter((c) => !c.extension).map(changeLine))];
    for (const line of unique.slice(0, limit)) lines.push(`    - ${line}`);
    if (unique.length > limit) lines.push(`    … and ${unique.length - limit} more`);
  }
  return lines.join('\n');
}
