import { defineConfig } from 'tsdown';

// Three entries: the library (startSandbox), the `ims-sandbox` bin, and the `pnpm start` demo.
// The validators stay an external runtime dependency; everything else is node built-ins.
export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts', 'src/demo.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: { entry: ['src/index.ts'] },
  clean: true,
  sourcemap: false,
  // package.json says "type": "module", so plain .js (the bin and the demo are addressed as dist/*.js).
  fixedExtension: false,
});
