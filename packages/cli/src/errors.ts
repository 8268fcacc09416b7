// The exit codes (documented in the README and in `--help`) and the one error the CLI throws itself.
export const EXIT = {
  ok: 0,
  /** the job ended in FAIL (or an unexpected error) */
  jobFailed: 1,
  /** invalid input or usage: nothing was sent */
  usage: 2,
  /** an API answer that is an error, or the network */
  api: 3,
  /** --wait reached --timeout */
  waitTimeout: 4,
  /** Ctrl-C (128 + SIGINT) */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad input or usage, with a message already in the user's language; exits 2 and sends nothing. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** extra lines printed after the message (validation issues) */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
