import { defineConfig } from 'vitest/config';

// Generous timeouts: on CI's 2 cores the spec tests share the machine with every other package's suite.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 } });
