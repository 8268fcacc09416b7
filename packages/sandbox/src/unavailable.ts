// The answer while the journal cannot be written: 503 with Retry-After, never a hang and never a job id
// that a restart would forget. The body is the catalog's IMG.0061 (the spec's example for 500/503) with
// the OS's reason code; the API gateway catalog has no 503 code to use instead. No server path is named.
import { imsError, type ErrorReply, type ImsErrorBody } from './errors.js';
import type { JournalUnavailableError } from './journal.js';

export const RETRY_AFTER = { 'Retry-After': '1' };

export function unavailableReply(e: JournalUnavailableError): ErrorReply<ImsErrorBody> {
  const message = `Unknown system error: the sandbox cannot write its job journal (${e.code}); no job was accepted. Retry later.`;
  return { status: 503, body: imsError('IMG.0061', message).body };
}
