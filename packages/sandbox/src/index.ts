export { startSandbox, type Sandbox, type SandboxCounters, type SandboxOptions } from './sandbox.js';
export { verifyAkSk, checkAkSkHeaders, MUST_SIGN_WHEN_PRESENT, UNSIGNED_PAYLOAD, parseSdkDate, SDK_DATE_WINDOW_MS, type AkSkCredential, type AkSkRequest, type AkSkResult, type AkSkHeaderCheck } from './aksk-verify.js';
export { buildCanonicalRequest, canonicalQuery, canonicalUri, encodeRfc3986, stringToSign } from './aksk-canonical.js';
export { BASE_INIT_MS, BASE_RUN_MS, BASE_FAIL_MS } from './jobs.js';
export { SPEC_VERSION } from './generated/spec-data.js';
export { DEFAULT_PROJECT_ID, type IamProject } from './emulators/iam-projects.js';
export { NO_AGENCY_MESSAGE, type EcsMetadataOptions } from './emulators/ecs-metadata.js';
export { JournalDamagedError, JournalLockedError, type DamagedLine } from './journal.js';
export { SANDBOX_ERROR_CODES } from './errors.js';
