#!/usr/bin/env node
// The `ims-quick-import` bin.
import { runCli } from './run.js';

// A reader that goes away (`ims-quick-import --help | head -1`) is no error of ours: stop quietly instead
// of dying with an EPIPE stack trace. (A job being waited on goes on in the cloud either way.)
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
