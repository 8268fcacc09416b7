// Argument checks: bad input throws a TypeError that names the argument, before anything is sent.

export function need(ok: unknown, message: string): asserts ok {
  if (!ok) throw new TypeError(message);
}

/** A non-empty string, else a TypeError with `message`. */
export function needString(value: unknown, message: string): asserts value is string {
  need(typeof value === 'string' && value, message);
}
