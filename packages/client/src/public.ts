// Names both entries export unchanged.
export { ImsApiError, JobFailedError, RequestValidationError, WaitTimeoutError } from './errors.js';
export { tokenAuth } from './auth.js';
export type { Auth, AuthContext, AkskAuthCredentials, TokenSource } from './auth.js';
export type { ImsClient, ImsClientOptions, ImsHelpers, QuickImportOptions, GetJobOptions } from './client.js';
export type { RetryOptions } from './retry.js';
export type { WaitOptions, JobProgressEvent } from './wait-for-job.js';
export type { AkskCredentials, SignOptions } from './sign.js';
export type * from './types.js';
export { SPEC_VERSION } from './generated/spec-version.js';
