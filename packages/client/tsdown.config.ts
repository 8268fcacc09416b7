import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/index.node.ts', 'src/aksk.ts', 'src/aksk.node.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  deps: { neverBundle: [/^node:/] },
  outExtensions: () => ({ js: '.js', dts: '.d.ts' }),
});
