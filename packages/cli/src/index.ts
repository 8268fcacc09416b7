// The library face of the CLI: run it in-process (tests, embedders), and the versions it was built from.
export { runCli } from './run.js';
export { EXIT, type ExitCode } from './errors.js';
export { CLI_VERSION, SPEC_VERSION } from './version.js';
export type { Io } from './io.js';
export type { Lang } from './i18n/index.js';
