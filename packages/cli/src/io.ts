// Where the CLI writes, and how: colour only on a terminal and never under NO_COLOR; secrets redacted
// from every line, whatever produced it (belt and braces: the client already keeps them out of errors).
import type { Readable, Writable } from 'node:stream';

export interface Stream extends Pick<Writable, 'write'> {
  isTTY?: boolean;
  columns?: number;
}

/** The process's streams and environment; tests and embedders pass their own. */
export interface Io {
  stdout: Stream;
  stderr: Stream;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
}

export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

/**
 * https://no-color.org: a non-empty NO_COLOR turns colour off; FORCE_COLOR (not "0") turns it on;
 * otherwise colour only on a terminal that is not "dumb".
 */
export function colorEnabled(stream: Stream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

// SGR codes written directly: node:util styleText decides by itself (from TERM and the stream) whether to
// colour, and whether it can be told not to differs across Node 20 releases; here that is decided above.
const SGR = { red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22] } as const;
type Style = keyof typeof SGR;

export class Output {
  private readonly secretSources: Array<() => readonly string[]> = [];
  readonly color: { out: boolean; err: boolean };

  constructor(readonly io: Io) {
    this.color = { out: colorEnabled(io.stdout, io.env), err: colorEnabled(io.stderr, io.env) };
  }

  /** Registers where secrets can be found (an auth's secrets(), a token): they never reach the streams. */
  addSecrets(source: () => readonly string[]): void {
    this.secretSources.push(source);
  }

  /** Replaces every known secret (4+ characters, so a mask never eats ordinary text) with ***. */
  redact(text: string): string {
    for (const source of this.secretSources) for (const s of source()) if (s.length >= 4) text = text.split(s).join('***');
    return text;
  }

  /** Colours text for stdout ('out') or stderr ('err') when that stream may be coloured. */
  paint(where: 'out' | 'err', style: Style, text: string): string {
    return this.color[where] ? `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m` : text;
  }

  out(line: string): void {
    this.io.stdout.write(`${this.redact(line)}\n`);
  }

  err(line: string): void {
    this.io.stderr.write(`${this.redact(line)}\n`);
  }

  /** One JSON object per line on stdout (NDJSON). */
  json(value: unknown): void {
    // JSON.stringify escapes C0 controls but leaves DEL and the C1 controls (U+0080–U+009F, e.g. U+009B, an
    // 8-bit CSI) raw: escaped here too, so no text from a server reaches the terminal as a control. Such
    // characters can only stand inside JSON strings, where \uXXXX means the same.
    this.out(JSON.stringify(value).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
}
