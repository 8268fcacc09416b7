import { defineConfig } from 'vitest/config';

// The browser tests share one Chromium per file and build nothing themselves: `test` runs after `build`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
