// How the sandbox tells a caller about the validators' warnings — rules no official source states, which
// the real service may well accept, so the sandbox accepts the body (default profile) and says why it
// might not. A response header, because the answer body must stay exactly the service's.
//   X-Ims-Sandbox-Warnings: [{"path":"/image_url","code":"IMG.0017","rule":"pattern","message":"…"}, …]
//   X-Ims-Sandbox-Warning-Count: 3
// The value is JSON with every non-ASCII character escaped (\uXXXX), so a zh-CN message survives HTTP's
// latin1 header encoding and any JSON.parse reads it back. At most WARNINGS_HEADER_MAX_BYTES are sent;
// the count header always has the total, so a cut list is visible as such.
import type { ValidationIssue } from '@ims-quick-import/validators';

export const WARNINGS_HEADER = 'X-Ims-Sandbox-Warnings';
export const WARNING_COUNT_HEADER = 'X-Ims-Sandbox-Warning-Count';
/** Well under Node's default 16 KiB limit for a whole response head on the client side. */
export const WARNINGS_HEADER_MAX_BYTES = 8 * 1024;

const asciiJson = (v: unknown) => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The two headers for `warnings`, or undefined when there are none. */
export function warningHeaders(warnings: readonly ValidationIssue[]): Record<string, string> | undefined {
  if (warnings.length === 0) return undefined;
  const parts: string[] = [];
  let size = 2; // the brackets
  for (const w of warnings) {
    const part = asciiJson({ path: w.path, code: w.code, rule: w.rule, message: w.message });
    if (size + part.length + 1 > WARNINGS_HEADER_MAX_BYTES) break;
    parts.push(part);
    size += part.length + 1;
  }
  return { [WARNINGS_HEADER]: `[${parts.join(',')}]`, [WARNING_COUNT_HEADER]: String(warnings.length) };
}
