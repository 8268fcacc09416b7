// Argument checks: bad input throws a TypeError that names the argument, before anything is sent.

export function need(ok: unknown, message: string): asserts ok {
  if (!ok) throw new TypeError(message);
}

/** A non-empty string, else a TypeError with `message`. */
export function needString(value: unknown, message: string): asserts value is string {
  need(typeof value === 'string' && value, message);
}

/**
 * What is wrong with the credentials a provider returned, or undefined when they can sign: `ak` and `sk`
 * non-empty strings, `securityToken`, `projectId` and `iamEndpoint` too when given, `expiresAt` a valid Date when given.
 */
export function credentialsProblem(value: unknown): string | undefined {
  const c = value as Record<string, unknown> | null | undefined;
  if (!c || typeof c !== 'object') return 'no credentials object';
  for (const key of ['ak', 'sk', 'securityToken', 'projectId', 'iamEndpoint']) {
    const required = key === 'ak' || key === 'sk';
    if ((required || c[key] !== undefined) && (typeof c[key] !== 'string' || !c[key])) return `\`${key}\` must be a non-empty string`;
  }
  if (c.expiresAt !== undefined && !(c.expiresAt instanceof Date && c.expiresAt.getTime() === c.expiresAt.getTime())) return '`expiresAt` must be a valid Date';
  return undefined;
}

/**
 * Credentials given as an argument (akskAuth's static ones, signRequest's): a TypeError naming a missing
 * `ak` or `sk`. An empty optional field counts as not given, as it always has for static credentials.
 */
export function checkCredentials(value: unknown): void {
  for (const key of ['ak', 'sk']) needString((value as Record<string, unknown> | undefined)?.[key], `AK/SK credentials: \`${key}\` must be a non-empty string`);
}
