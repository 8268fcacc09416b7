import { defineConfig } from 'vitest/config';

// The browser tests share one Chromium per file and build nothing themselves: `test` runs after `build`.
// Their steps take up to ~9 s on a loaded 2-core machine; 60 s leaves room for a slower CI machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
