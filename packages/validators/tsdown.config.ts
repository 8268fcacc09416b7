import { defineConfig } from 'tsdown';

// One self-contained ESM file: the generated Ajv code has no imports (generate.mjs inlines its
// runtime helper), so nothing is external and dist needs no dependencies.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  clean: true,
  sourcemap: false,
});
