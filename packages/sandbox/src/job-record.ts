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
