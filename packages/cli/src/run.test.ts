// runCli in-process: the same code the bin runs, with the streams captured.
import { PassThrough } from 'node:stream';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { messages } from './i18n/index.js';
import { translateCommanderError } from './program.js';
import { commandOf, runCli } from './run.js';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) }, stdin: new PassThrough(), env });
  return { code, stdout, stderr };
}

describe('commandOf', () => {
  it('skips global options and their values to find the command', () => {
    expect(commandOf(['--lang', 'zh-CN', '--token', 'sandbox', 'sandbox', '--port', '0'])).toEqual({ name: 'sandbox', rest: ['--port', '0'] });
    expect(commandOf(['--json'])).toEqual({ rest: [] });
  });
});

describe('translateCommanderError', () => {
  const zh = messages('zh-CN');
  it.each([
    ['commander.unknownOption', "error: unknown option '--x'\n(Did you mean --y?)", '未知选项 --x （是否想用 --y？）'],
    ['commander.optionMissingArgument', "error: option '--name <name>' argument missing", '选项 --name <name> 需要一个值'],
    ['commander.excessArguments', 'error: too many arguments for \'import\'. Expected 0 arguments but got 1.', '参数过多'],
    ['commander.invalidArgument', "error: option '--timeout <d>' argument 'x' is invalid. --timeout：“x”不是时长", '--timeout：“x”不是时长'],
  ])('%s', (code, message, expected) => expect(translateCommanderError(new CommanderError(2, code, message), zh)).toBe(expected));
});

describe('runCli', () => {
  it('--version: the CLI and the spec version', async () => {
    const r = await cli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ims-quick-import \d+\.\d+\.\d+ \(spec \d+\.\d+\.\d+\)\n$/) });
  });
  it('validate reads nothing from the network and exits 2 for an invalid body on stdin', async () => {
    const r = await cli(['validate', '/nonexistent.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('cannot read /nonexistent.json (ENOENT)');
  });
  it('with --json a usage error is also the final JSON object on stdout', async () => {
    const r = await cli(['import', '--json', '--bogus']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ event: 'error', exitCode: 2, message: 'unknown option --bogus' });
  });
  it('a bad --endpoint is a usage error before any credentials are looked for', async () => {
    const r = await cli(['--endpoint', 'ftp://x', 'job', 'abc'], { IMS_AUTH_TOKEN: 'token-value' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--endpoint: "ftp://x" is not an http(s) URL');
  });
});
