import { defineConfig } from 'tsdown';

export default defineConfig({
  // endpoints: DEFAULT_REGION and imsEndpoint alone, for code that must not load the client's HTTP stack
  // to know them (the CLI's help text).
  entry: ['src/index.ts', 'src/index.node.ts', 'src/aksk.ts', 'src/aksk.node.ts', 'src/endpoints.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  deps: { neverBundle: [/^node:/] },
  outExtensions: () => ({ js: '.js', dts: '.d.ts' }),
});
