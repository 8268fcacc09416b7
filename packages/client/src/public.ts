// Names both entries export unchanged.
export { ImsApiError, JobFailedError, RequestValidationError, ResponseTooLargeError, TimeoutError, WaitTimeoutError } from './errors.js';
export { CredentialsError } from './credentials.js';
export type { Credentials, CredentialsAttempt, CredentialsProvider, CredentialsReason, CredentialsSource } from './credentials.js';
export { tokenAuth } from './auth.js';
export type { Auth, AuthContext, AkskAuthCredentials, TokenSource } from './auth.js';
export type { ImsClient, ImsClientOptions, ImsHelpers, QuickImportOptions, QuickImportResult, GetJobOptions } from './client.js';
export type { RetryOptions } from './retry.js';
export type { WaitOptions, JobProgressEvent } from './wait-for-job.js';
export type { AkskCredentials, SignOptions } from './sign.js';
export type * from './types.js';
export { SPEC_VERSION } from './generated/spec-version.js';
export { DEFAULT_REGION, imsEndpoint } from './endpoints.js';
