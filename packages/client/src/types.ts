import type { components, paths } from './generated/schema.js';

export type { components, paths, operations } from './generated/schema.js';

type Schemas = components['schemas'];
/** Body of ImportImageQuick: a system-disk (ECS/BMS, `type` optional) or a data-disk (DataImage) image. */
export type QuickImportRequest = Schemas['QuickImportImageRequest'];
export type SystemDiskImageRequest = Schemas['SystemDiskImageRequest'];
export type DataDiskImageRequest = Schemas['DataDiskImageRequest'];
export type QuickImportResponse = Schemas['QuickImportImageResponse'];
export type JobStatus = Schemas['JobStatus'];
/** A job as ShowJobProgress (default) or ShowJob (`api: 'legacy'`) answers it. */
export type Job = Schemas['JobProgress'] | Schemas['Job'];
export type ImsErrorBody = Schemas['ErrorBody'];
export type ImsPaths = paths;
