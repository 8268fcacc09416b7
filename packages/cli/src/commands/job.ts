// `job <id>`: one look at a job (ShowJobProgress, or ShowJob with --legacy), or --wait for its end.
import type { Job } from '@ims-quick-import/client';
import { connect } from '../connect.js';
import { type Context, resumeCommand } from '../context.js';
import { EXIT, type ExitCode, UsageError } from '../errors.js';
import { displayWidth, oneLine } from '../text.js';
import { follow, hintFor } from '../wait/follow.js';

export interface JobOptions {
  legacy?: boolean;
  wait?: boolean;
  json?: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
}

export async function jobCommand(ctx: Context, jobId: string, o: JobOptions): Promise<ExitCode> {
  const { out, m, lang } = ctx;
  const { client, credentials } = connect(ctx.globals, out, m);
  // ShowJob's path carries the project id: a token has none unless given; AK/SK may find one (the
  // credentials, IAM) and the client says when it did not. Either way it is said before sending.
  if (o.legacy && credentials.auth.kind === 'token' && !credentials.projectId) throw new UsageError(m.errLegacyNeedsProject);
  const legacy = !!o.legacy;
  const json = !!o.json;
  if (o.wait) {
    const resume = resumeCommand(ctx, jobId, { legacy, json });
    return follow(client, { jobId, timeoutMs: o.timeoutMs, pollIntervalMs: o.pollIntervalMs, legacy, json, resume, ...(ctx.signals && { signals: ctx.signals }) }, out, m, lang);
  }
  const job = await client.getJob(jobId, { api: legacy ? 'legacy' : 'progress' }).catch((e: unknown) => {
    throw e instanceof TypeError && /needs a project id/.test(e.message) ? new UsageError(m.errLegacyNeedsProject) : e;
  });
  const failed = job.status === 'FAIL';
  const errorCode = job.error_code ?? (job.entities as { error_code?: string } | undefined)?.error_code;
  if (json) out.json(job);
  else for (const line of describeJob(ctx, jobId, job, errorCode)) out.out(line);
  if (failed && !json) {
    const hint = hintFor(errorCode, lang);
    if (hint) out.err(m.hint(hint));
  }
  return failed ? EXIT.jobFailed : EXIT.ok;
}

/** `label: value` lines for the fields a person looks for. */
function describeJob(ctx: Context, jobId: string, job: Job, errorCode: string | undefined): string[] {
  const f = ctx.m.jobFields;
  const e = (job.entities ?? {}) as { process_percent?: number; current_task?: string; image_id?: string };
  const rows: [string, unknown][] = [
    [f.job!, job.job_id ?? jobId],
    [f.type!, job.job_type],
    [f.status!, `${job.status} (${ctx.m.status[job.status] ?? '?'})`],
    [f.progress!, e.process_percent !== undefined ? `${e.process_percent}%` : undefined],
    [f.task!, e.current_task],
    [f.image!, e.image_id],
    [f.error!, errorCode],
    [f.reason!, job.fail_reason],
    [f.begin!, job.begin_time],
    [f.end!, job.end_time],
  ];
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  const width = Math.max(...shown.map(([k]) => displayWidth(k)));
  return shown.map(([k, v]) => `${k}${' '.repeat(width - displayWidth(k))}  ${oneLine(v)}`);
}
