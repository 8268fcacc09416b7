import { expectTypeOf, it } from 'vitest';
import { EXIT, type ExitCode, runCli } from './index.js';

it('runCli takes argv as an array and resolves to an exit code', () => {
  expectTypeOf(runCli).parameter(0).toEqualTypeOf<readonly string[]>();
  expectTypeOf(runCli).returns.resolves.toBeNumber();
  // @ts-expect-error -- a command line is an array of arguments, not one string
  void runCli('import --wait');
  expectTypeOf(EXIT.interrupted).toEqualTypeOf<130>();
  // @ts-expect-error -- 5 is no exit code of this CLI
  const code: ExitCode = 5;
  void code;
});
