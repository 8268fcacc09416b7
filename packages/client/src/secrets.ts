// Keeps secrets (SK, tokens) out of anything printable. Objects that hold secrets keep them in closures,
// never in properties, and say what they are through toJSON / util.inspect without them.
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Replaces every occurrence of each secret (length ≥ 4, so a mask never eats ordinary text) with ***. */
export function redact(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('***');
  return text;
}

/** Redacts secrets anywhere inside a parsed JSON value (an error body that echoes a header, say). */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  // In JSON text a secret appears escaped as JSON escapes it, so that is what is searched for.
  const json = JSON.stringify(value);
  if (json === undefined) return value;
  const clean = redact(json, secrets.map((s) => JSON.stringify(s).slice(1, -1)));
  return clean === json ? value : (JSON.parse(clean) as T);
}

/**
 * Gives an object that closes over secrets a printable face without them: toJSON, toString and
 * util.inspect all show `summary`, all non-enumerable. Returns the object.
 */
export function describe<T extends object>(target: T, name: string, summary: Record<string, unknown>): T {
  const text = (): string => `${name} ${JSON.stringify(summary)}`;
  // defineProperties makes them non-enumerable by default.
  return Object.defineProperties(target, { toJSON: { value: () => summary }, toString: { value: text }, [INSPECT]: { value: text } });
}
