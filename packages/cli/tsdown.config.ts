import { defineConfig } from 'tsdown';

// Two entries: the `ims-quick-import` bin and the library entry (runCli, SPEC_VERSION) the tests and the
// repository's drift check import. The workspace packages and the two libraries stay external runtime
// dependencies; everything else is node built-ins.
export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: { entry: ['src/index.ts'] },
  clean: true,
  sourcemap: false,
  // package.json says "type": "module", so plain .js (the bin is addressed as dist/bin.js).
  fixedExtension: false,
});
