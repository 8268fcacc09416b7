// Renders a job as ShowJobProgress and ShowJob answer it (spec schemas JobProgress and Job).
import type { JobRecord } from './job-record.js';

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());

function currentTask(percent: number): string {
  if (percent < 10) return 'check image file';
  if (percent < 90) return 'import image file';
  return 'register image';
}

function base(job: JobRecord) {
  return {
    job_id: job.id,
    job_type: job.jobType,
    status: job.status,
    begin_time: iso(job.acceptedAt),
    end_time: iso(job.endedAt),
    error_code: job.errorCode ?? null,
    fail_reason: job.failReason ?? null,
  };
}

function entities(job: JobRecord, percent: number) {
  const e: Record<string, unknown> = { image_name: job.imageName, process_percent: percent };
  if (job.status === 'RUNNING') e.current_task = currentTask(percent);
  if (job.imageId) e.image_id = job.imageId;
  if (job.subJobId) {
    e.sub_jobs_list = [job.subJobId];
    if (job.status === 'SUCCESS' || job.status === 'FAIL') {
      e.sub_jobs_result = [
        {
          job_id: job.subJobId,
          job_type: 'imsImportBigFileImageJob',
          status: job.status,
          begin_time: iso(job.startedAt),
          end_time: iso(job.endedAt),
          error_code: job.errorCode ?? null,
          fail_reason: job.failReason ?? null,
          entities: { image_name: job.imageName, ...(job.imageId ? { image_id: job.imageId } : {}) },
        },
      ];
    }
  }
  return e;
}

/** ShowJobProgress (`GET /v1/cloudimages/job/{job_id}`): includes the running sub-job as `subJobId`. */
export function progressView(job: JobRecord, percent: number) {
  const e = entities(job, percent);
  if (job.status === 'RUNNING' && job.subJobId) e.subJobId = job.subJobId;
  return { ...base(job), entities: e };
}

/** ShowJob (`GET /v1/{project_id}/jobs/{job_id}`). */
export function legacyView(job: JobRecord, percent: number) {
  return { ...base(job), entities: entities(job, percent) };
}
