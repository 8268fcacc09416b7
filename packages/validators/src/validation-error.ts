import type { ValidationIssue } from './types.js';

/** Thrown by the assert* functions; `.issues` holds every broken rule. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(issues.length ? issues.map((i) => i.message).join('\n') : 'invalid value');
    this.issues = issues;
  }
}
