// The command line, with commander: every description, heading and error in the chosen language.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { GlobalOptions } from './connect.js';
import type { Context } from './context.js';
import { parseDuration } from './duration.js';
import type { ExitCode } from './errors.js';
import { parseLang, type Messages } from './i18n/index.js';
import { displayWidth } from './text.js';
import { CLI_VERSION, SPEC_VERSION } from './version.js';

// Each command's module (and with it the client, the validators, log-update) is loaded only when that
// command runs: `--help`, `--version` and `validate` start without the HTTP stack.

const DEFAULT_TIMEOUT_MS = 60 * 60_000;
const DEFAULT_POLL_MS = 5_000;

/** Example command lines; their captions are in the messages (ex* lists, same order and length). */
export const EXAMPLES = {
  root: [
    'ims-quick-import sandbox --buckets ./buckets --token my-token --speed 10',
    'ims-quick-import import --name ubuntu-2204 --os-version "Ubuntu 22.04 server 64bit" --image-url my-bucket:ubuntu.zvhd2 --min-disk 40 --wait',
    'ims-quick-import os-versions --platform Ubuntu',
  ],
  import: [
    'ims-quick-import import --name ubuntu-2204 --os-version "Ubuntu 22.04 server 64bit" --image-url my-bucket:ubuntu.zvhd2 --min-disk 40 --tag env=prod --wait',
    'ims-quick-import import --body body.json --name ubuntu-2204-b --dry-run',
    'ims-quick-import import --type DataImage --os-type Linux --name data-1 --image-url my-bucket:data.raw --min-disk 100 --wait --json --timeout 2h',
    'IMS_AUTH_TOKEN=my-token ims-quick-import --endpoint http://127.0.0.1:8787 import --body body.json --wait',
  ],
  job: ['ims-quick-import job 4010b39d…', 'ims-quick-import job 4010b39d… --wait --timeout 30m', 'ims-quick-import job 4010b39d… --legacy --json'],
  validate: ['ims-quick-import validate a.json b.json c.json', 'cat body.json | ims-quick-import validate - --strict'],
  osVersions: ['ims-quick-import os-versions', 'ims-quick-import os-versions --tag bms --platform ubuntu --json'],
  sandbox: ['ims-quick-import sandbox --buckets ./buckets --port 8787 --token my-token --speed 10', 'ims-quick-import sandbox --help'],
} as const;

export function examplesText(m: Messages, captions: readonly string[], commands: readonly string[]): string {
  const lines = commands.map((c, i) => `  # ${captions[i] ?? ''}\n  $ ${c}`);
  return `\n${m.headExamples}\n${lines.join('\n')}\n`;
}

const duration = (flag: string, m: Messages) => (value: string) => {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError(m.errDuration(flag, value));
  return ms;
};

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The program; each action stores its exit code through `done`. */
export function buildProgram(base: Omit<Context, 'globals'>, done: (code: ExitCode) => void): Command {
  const { m, out } = base;
  const ctxOf = (cmd: Command): Context => ({ ...base, globals: cmd.optsWithGlobals() as GlobalOptions });
  const titles: Record<string, string> = { 'Usage:': m.headUsage, 'Options:': m.headOptions, 'Global Options:': m.headGlobalOptions, 'Commands:': m.headCommands, 'Arguments:': m.headArguments };

  const program = new Command('ims-quick-import')
    .description(m.programDescription)
    .version(m.version(CLI_VERSION, SPEC_VERSION), '-V, --version', m.optVersion)
    .helpOption('-h, --help', m.optHelp)
    .helpCommand('help [command]', m.helpCommand)
    .addOption(
      new Option('--lang <lang>', m.optLang).argParser((v) => {
        if (!parseLang(v)) throw new InvalidArgumentError(m.errChoice('--lang', v, 'en, zh-CN'));
        return v;
      }),
    )
    .option('--region <region>', m.optRegion)
    .option('--endpoint <url>', m.optEndpoint)
    .option('--project-id <id>', m.optProjectId)
    .option('--iam-endpoint <url>', m.optIamEndpoint)
    .option('--token <token>', m.optToken)
    .addOption(new Option('--request-timeout <duration>', m.optRequestTimeout).argParser(duration('--request-timeout', m)))
    .configureHelp({
      showGlobalOptions: true,
      styleTitle: (title) => titles[title] ?? title,
      // The usage line's placeholders, in the user's language; columns are counted as a terminal shows them.
      styleOptionText: (text) => (text === '[options]' ? m.usageOptions : text),
      styleSubcommandText: (text) => (text === '[command]' ? m.usageCommand : text),
      // eslint-disable-next-line no-control-regex
      displayWidth: (text) => displayWidth(text.replace(/\u001b\[[0-9;]*m/g, '')),
    })
    .configureOutput({
      writeOut: (s) => void out.io.stdout.write(s),
      writeErr: (s) => void out.io.stderr.write(s),
      outputError: () => undefined, // runCli prints a translated message instead
    })
    .exitOverride()
    .addHelpText(
      'after',
      `\n${m.headCredentials}\n${m.credentialsHelp.map((l) => `  ${l}`).join('\n')}\n\n${m.headExitCodes}\n${m.exitCodesHelp.map((l) => `  ${l}`).join('\n')}\n${examplesText(m, m.exRoot, EXAMPLES.root)}`,
    );

  const waitOptions = (cmd: Command) =>
    cmd
      .option('--wait', m.optWait)
      .option('--json', m.optJson)
      .addOption(new Option('--timeout <duration>', m.optTimeout).argParser(duration('--timeout', m)))
      .addOption(new Option('--poll-interval <duration>', m.optPollInterval).argParser(duration('--poll-interval', m)));

  const importCmd = program
    .command('import')
    .description(m.importDescription)
    .option('--name <name>', m.optName)
    .option('--os-version <version>', m.optOsVersion)
    .option('--image-url <bucket:object>', m.optImageUrl)
    .option('--min-disk <GB>', m.optMinDisk)
    .option('--type <type>', m.optType)
    .option('--os-type <type>', m.optOsType)
    .option('--description <text>', m.optDescription)
    .option('--architecture <arch>', m.optArchitecture)
    .option('--firmware <firmware>', m.optFirmware)
    .option('--license-type <type>', m.optLicenseType)
    .option('--tag <key=value>', m.optTag, collect)
    .option('--enterprise-project-id <id>', m.optEnterpriseProjectId)
    .option('--body <file|->', m.optBody)
    .option('--strict', m.optStrict)
    .option('--safe-mode', m.optSafeMode)
    .option('--dry-run', m.optDryRun);
  waitOptions(importCmd)
    .addHelpText('after', examplesText(m, m.exImport, EXAMPLES.import))
    .action(async (o, cmd: Command) => {
      const { importCommand } = await import('./commands/import.js');
      done(await importCommand(ctxOf(cmd), { ...o, timeoutMs: o.timeout ?? DEFAULT_TIMEOUT_MS, pollIntervalMs: o.pollInterval ?? DEFAULT_POLL_MS }));
    });

  const jobCmd = program.command('job').description(m.jobDescription).argument('<id>', m.argJobId).option('--legacy', m.optLegacy);
  waitOptions(jobCmd)
    .addHelpText('after', examplesText(m, m.exJob, EXAMPLES.job))
    .action(async (id: string, o, cmd: Command) => {
      const { jobCommand } = await import('./commands/job.js');
      done(await jobCommand(ctxOf(cmd), id, { ...o, timeoutMs: o.timeout ?? DEFAULT_TIMEOUT_MS, pollIntervalMs: o.pollInterval ?? DEFAULT_POLL_MS }));
    });

  program
    .command('validate')
    .description(m.validateDescription)
    .argument('<file...>', m.argFiles)
    .option('--strict', m.optStrict)
    .option('--json', m.optJson)
    .addHelpText('after', examplesText(m, m.exValidate, EXAMPLES.validate))
    .action(async (files: string[], o, cmd: Command) => {
      const { validateCommand } = await import('./commands/validate.js');
      done(await validateCommand(ctxOf(cmd), files, o));
    });

  program
    .command('os-versions')
    .description(m.osVersionsDescription)
    .option('--tag <tag>', m.optOsTag, collect)
    .option('--platform <name>', m.optPlatform)
    .option('--json', m.optJson)
    .addHelpText('after', examplesText(m, m.exOsVersions, EXAMPLES.osVersions))
    .action(async (o, cmd: Command) => {
      const { osVersionsCommand } = await import('./commands/os-versions.js');
      done(await osVersionsCommand(ctxOf(cmd), o));
    });

  // Listed for help only: runCli hands `sandbox …` to the sandbox's bin before commander sees it, so
  // flags such as --token reach the sandbox rather than this program.
  program
    .command('sandbox')
    .description(m.sandboxDescription)
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', examplesText(m, m.exSandbox, EXAMPLES.sandbox));

  return program;
}

/** A commander error → one line in the user's language. */
export function translateCommanderError(e: CommanderError, m: Messages): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const suggestion = /Did you mean (.+?)\?/.exec(e.message)?.[1];
  let text: string;
  switch (e.code) {
    case 'commander.unknownOption':
      text = m.errUnknownOption(quoted);
      break;
    case 'commander.unknownCommand':
      text = m.errUnknownCommand(quoted);
      break;
    case 'commander.missingArgument':
      text = m.errMissingArgument(quoted);
      break;
    case 'commander.optionMissingArgument':
      text = m.errOptionMissingArgument(quoted);
      break;
    case 'commander.excessArguments':
      text = m.errExcessArguments;
      break;
    case 'commander.invalidArgument':
      // Our argParsers throw messages already in the user's language; commander puts them after "is invalid. ".
      text = e.message.split('is invalid. ')[1] ?? m.errInvalidArgument(quoted);
      break;
    default:
      text = m.errUsage(e.message.replace(/^error: /, ''));
  }
  return suggestion ? `${text} ${m.didYouMean(suggestion)}` : text;
}
