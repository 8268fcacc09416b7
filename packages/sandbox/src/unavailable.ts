// The answer while the journal cannot be written: 503 with Retry-After, never a hang and never a job id
// that a restart would forget. The code is the sandbox's own (see SANDBOX_ERROR_CODES: no source gives a
// 503 a code); the message gives the OS's reason code and never a server path.
import { sandboxFailure, type ErrorReply, type ImsErrorBody } from './errors.js';
import type { JournalUnavailableError } from './journal.js';

export const RETRY_AFTER = { 'Retry-After': '1' };

export function unavailableReply(e: JournalUnavailableError): ErrorReply<ImsErrorBody> {
  return sandboxFailure('unavailable', `ims-sandbox cannot write its job journal (${e.code}); no job was accepted. Retry later.`);
}
