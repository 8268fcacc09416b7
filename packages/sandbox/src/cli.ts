#!/usr/bin/env node
// The `ims-sandbox` bin.
import { parseCli, USAGE, UsageError } from './cli-args.js';
import { startSandbox } from './sandbox.js';

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`ims-sandbox: ${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw e;
  }
  if (opts === 'help') {
    console.log(USAGE);
    return;
  }
  if (!opts.tokens && !opts.credentials && !opts.ecsMetadata) {
    console.error(
      'ims-sandbox: WARNING: --open — no authentication: every request is accepted, from any program on this machine ' +
        '(and from other machines if --host is not a loopback address).',
    );
  }
  const sandbox = await startSandbox(opts);
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Handlers before the line below: a script may signal us the moment it reads it, and a SIGTERM that
  // found no handler would kill us without giving the journal's lock back.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // One machine-readable line first, so scripts (and our tests) can find the URL.
  console.log(JSON.stringify({ event: 'listening', url: sandbox.url, pid: process.pid }));
}

main().catch((e: unknown) => {
  console.error(`ims-sandbox: ${(e as Error).message}`);
  process.exit(1);
});
