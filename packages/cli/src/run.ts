// runCli: argv in, exit code out. The language is settled first (help is built in it), `sandbox` is handed
// to the sandbox's bin untouched, and every error becomes a message in that language and an exit code.
import { CommanderError } from 'commander';
import { sandboxCommand } from './commands/sandbox.js';
import { EXIT } from './errors.js';
import { langFromArgv, messages } from './i18n/index.js';
import { type Io, Output, processIo } from './io.js';
import { buildProgram, translateCommanderError } from './program.js';
import { reportError } from './report.js';

/** Global options that take a value: skipped when looking for the command name. */
const GLOBAL_WITH_VALUE = new Set(['--lang', '--region', '--endpoint', '--iam-endpoint', '--project-id', '--token', '--request-timeout']);
const COMMANDS = new Set(['import', 'job', 'validate', 'os-versions', 'sandbox', 'help']);

/** The command named in argv and the arguments after it. */
export function commandOf(argv: readonly string[]): { name?: string; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (GLOBAL_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) return { name: a, rest: argv.slice(i + 1) };
  }
  return { rest: [] };
}

export async function runCli(argv: readonly string[], io: Io = processIo(), signals: Pick<NodeJS.Process, 'on' | 'off'> = process): Promise<number> {
  const lang = langFromArgv(argv, io.env);
  const m = messages(lang);
  const out = new Output(io);
  const command = commandOf(argv);
  const json = argv.includes('--json');
  if (command.name === 'sandbox' && !command.rest.some((a) => a === '-h' || a === '--help')) {
    try {
      return await sandboxCommand(command.rest, m, signals);
    } catch (e) {
      return reportError(e, out, m, false);
    }
  }
  let code: number = EXIT.ok;
  const program = buildProgram({ out, lang, m, signals }, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // `sandbox --help`: ours (translated), then the sandbox's own list of its flags.
      if (e.code === 'commander.helpDisplayed' && command.name === 'sandbox') return sandboxCommand(['--help'], m, signals).catch((x: unknown) => reportError(x, out, m, false));
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      if (e.code === 'commander.help') return EXIT.usage; // no command given: help went to stderr
      const message = translateCommanderError(e, m);
      // With --json the last line of stdout is always the final object, usage errors included.
      if (json) out.json({ event: 'error', exitCode: EXIT.usage, message });
      out.err(`ims-quick-import: ${message}`);
      const name = command.name && COMMANDS.has(command.name) && command.name !== 'help' ? ` ${command.name}` : '';
      out.err(m.seeHelp(`ims-quick-import${name}`));
      return EXIT.usage;
    }
    return reportError(e, out, m, json);
  }
}
