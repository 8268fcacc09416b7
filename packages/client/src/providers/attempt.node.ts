// The CredentialsError the Node build's providers throw: the English line as before, and the same as data
// (`attempts`) so that a caller can say it in another language (the CLI's Chinese messages).
import { type CredentialsAttempt, CredentialsError } from '../credentials.js';

/** A CredentialsError carrying these attempts (the property is declared on the class, set only here). */
export const withAttempts = (error: CredentialsError, attempts: readonly CredentialsAttempt[]): CredentialsError => Object.assign(error, { attempts });

/** `label: why` for the message, and the attempt behind it. Neither may hold a secret. */
export function attemptError(label: string, why: string, attempt: Omit<CredentialsAttempt, 'message'>): CredentialsError {
  const message = `${label}: ${why}`;
  return withAttempts(new CredentialsError(message, label), [{ ...attempt, message }]);
}
