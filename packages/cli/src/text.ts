// Text that came from elsewhere (a server's fail_reason, current_task or error message, a file name) is
// shown with its control characters spelled out: a raw ESC or BEL from a hostile or broken peer could
// otherwise retitle, clear or rewrite the user's terminal. JSON output needs none of this (JSON.stringify
// escapes them).

/** C0 controls other than newline and tab, DEL, and C1 controls (U+0080–U+009F, e.g. CSI U+009B). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The text with each control character as a visible \uXXXX. Newlines stay; tabs stay. */
export function printable(text: unknown): string {
  return String(text ?? '').replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** As printable, and one line: for values shown inside a line (a task, a table cell). */
export const oneLine = (text: unknown): string => printable(text).replace(/[\r\n\t]+/g, ' ');

/** Terminal columns of a string: CJK and full-width characters take two (for aligning tables). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}
