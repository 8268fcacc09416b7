/** What the sandbox stores (and journals) about one quick-import job. Times are epoch milliseconds. */
export interface JobRecord {
  id: string;
  jobType: 'imsImportImageJob' | 'imsImportDataImageJob';
  status: 'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL';
  imageName: string;
  imageUrl: string;
  minDisk: number;
  projectId?: string;
  acceptedAt: number;
  startedAt?: number;
  /** When a RUNNING job will end, once its outcome is decided (not journalled: recomputed on restart). */
  endsAt?: number;
  endedAt?: number;
  subJobId?: string;
  imageId?: string;
  /** process_percent where a failed job stopped (journalled, so a restart at another speed keeps it). */
  percentAtEnd?: number;
  errorCode?: string;
  failReason?: string;
}

export const TERMINAL = new Set<JobRecord['status']>(['SUCCESS', 'FAIL']);

// The range a journalled time may take: what `Date#toISOString()` renders as a four-digit year (the spec's
// date-time), so a record that passes here can always be shown. Beyond it, a view would throw on every poll.
const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const JOB_TYPES = new Set<unknown>(['imsImportImageJob', 'imsImportDataImageJob']);
const STATUSES = new Set<unknown>(['INIT', 'RUNNING', 'SUCCESS', 'FAIL']);
const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IMG_CODE = /^IMG\.\d{4}$/;

const isTime = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TIME_MS;
const isText = (v: unknown): boolean => typeof v === 'string' && v.length <= 4096;

/**
 * Why a parsed journal line cannot be a job the sandbox wrote, or undefined when it can. Checked on load so
 * a damaged or hand-edited record is reported with its line number instead of failing every later poll.
 */
export function recordProblem(rec: unknown): string | undefined {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return 'not a JSON object';
  const r = rec as Record<string, unknown>;
  if (typeof r.id !== 'string' || !HEX32.test(r.id)) return 'id is not 32 hex digits';
  if (!JOB_TYPES.has(r.jobType)) return 'jobType is not a quick-import job type';
  if (!STATUSES.has(r.status)) return 'status is not INIT, RUNNING, SUCCESS or FAIL';
  if (!isText(r.imageName) || !isText(r.imageUrl) || !(r.imageUrl as string).includes(':')) return 'imageName or imageUrl is missing';
  if (!Number.isSafeInteger(r.minDisk) || (r.minDisk as number) < 1) return 'minDisk is not a positive integer';
  if (r.projectId !== undefined && !isText(r.projectId)) return 'projectId is not a string';
  for (const k of ['acceptedAt', 'startedAt', 'endedAt'] as const) {
    if (r[k] !== undefined && !isTime(r[k])) return `${k} is not a time between 1970 and 9999`;
  }
  if (r.acceptedAt === undefined) return 'acceptedAt is missing';
  if (r.subJobId !== undefined && (typeof r.subJobId !== 'string' || !HEX32.test(r.subJobId))) return 'subJobId is not 32 hex digits';
  if (r.imageId !== undefined && (typeof r.imageId !== 'string' || !UUID.test(r.imageId))) return 'imageId is not a UUID';
  if (r.percentAtEnd !== undefined && !(typeof r.percentAtEnd === 'number' && r.percentAtEnd >= 0 && r.percentAtEnd <= 100)) {
    return 'percentAtEnd is not between 0 and 100';
  }
  if (r.errorCode !== undefined && (typeof r.errorCode !== 'string' || !IMG_CODE.test(r.errorCode))) return 'errorCode is not an IMG code';
  if (r.failReason !== undefined && !isText(r.failReason)) return 'failReason is not a string';
  if (r.status !== 'INIT' && r.startedAt === undefined) return `a ${r.status as string} job has no startedAt`;
  if (TERMINAL.has(r.status as JobRecord['status']) && r.endedAt === undefined) return `a ${r.status as string} job has no endedAt`;
  if (r.status === 'SUCCESS' && r.imageId === undefined) return 'a SUCCESS job has no imageId';
  if (r.status === 'FAIL' && (r.errorCode === undefined || r.failReason === undefined)) return 'a FAIL job has no errorCode or failReason';
  return undefined;
}
