// Bundles the split spec into dist/openapi.{yaml,json}: the only input any generator reads.
// Redocly resolves every relative $ref into components and keeps x- extensions as written.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const redocly = require.resolve('@redocly/cli/bin/cli.js');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

for (const ext of ['yaml', 'json']) {
  execFileSync(process.execPath, [redocly, 'bundle', 'openapi.yaml', '--config', '../redocly.yaml', '--output', `dist/openapi.${ext}`], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}
const bundle = JSON.parse(readFileSync('dist/openapi.json', 'utf8'));
console.log(`bundled ${bundle.info.title} ${bundle.info.version}: ${Object.keys(bundle.paths).length} paths, ${Object.keys(bundle.components.schemas).length} schemas`);
