// What every command gets: the output, the language and its messages, and the global options.
import type { GlobalOptions } from './connect.js';
import { shellQuote } from './dry-run.js';
import type { Lang, Messages } from './i18n/index.js';
import type { Output } from './io.js';

export interface Context {
  out: Output;
  lang: Lang;
  m: Messages;
  globals: GlobalOptions;
  /** SIGINT source (the process; tests may pass their own) */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/** The command that resumes waiting for a job, with the global options that were given as flags (never a token). */
export function resumeCommand(ctx: Context, jobId: string, extra: { legacy?: boolean; json?: boolean } = {}): string {
  const g = ctx.globals;
  const parts = ['ims-quick-import', 'job', jobId, '--wait'];
  if (extra.legacy) parts.push('--legacy');
  if (extra.json) parts.push('--json');
  if (g.endpoint) parts.push('--endpoint', g.endpoint);
  if (g.region) parts.push('--region', g.region);
  if (g.iamEndpoint) parts.push('--iam-endpoint', g.iamEndpoint);
  if (g.projectId) parts.push('--project-id', g.projectId);
  if (g.lang) parts.push('--lang', g.lang);
  return parts.map(shellQuote).join(' ');
}
