import { defineConfig } from 'vitest/config';

// The dry run packs and installs every published package, and the gate tests create git repos and run
// redocly: generous timeouts. Most of the wall time is spent waiting on child processes (git, redocly, npm,
// attw), so two workers pay off even on two cores.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
