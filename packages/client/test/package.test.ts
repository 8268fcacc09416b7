// The published shape: what `import "@ims-quick-import/client"` resolves to in Node and in a bundler, and
// that the built files export the documented names. Runs against dist/ (the test task runs after build).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, any>;

function nodeEval(source: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: pkgDir, encoding: 'utf8' }).trim();
}

it('resolves the node build in Node and exports the public names', () => {
  const out = JSON.parse(
    nodeEval(`
      const m = await import('@ims-quick-import/client');
      const a = await import('@ims-quick-import/client/aksk');
      console.log(JSON.stringify({
        main: import.meta.resolve('@ims-quick-import/client'),
        aksk: import.meta.resolve('@ims-quick-import/client/aksk'),
        names: Object.keys(m).sort(),
        akskNames: Object.keys(a).sort(),
        spec: m.SPEC_VERSION,
      }));
    `),
  ) as { main: string; aksk: string; names: string[]; akskNames: string[]; spec: string };
  expect(out.main).toMatch(/\/dist\/index\.node\.js$/);
  expect(out.aksk).toMatch(/\/dist\/aksk\.node\.js$/);
  expect(out.names).toEqual([
    'CredentialsError', 'DEFAULT_REGION', 'ImsApiError', 'JobFailedError', 'RequestValidationError', 'ResponseTooLargeError', 'SPEC_VERSION', 'TimeoutError', 'WaitTimeoutError',
    'akskAuth', 'apiErrorFromAnswer', 'createImsClient', 'defaultCredentials', 'fromEcsMetadata', 'fromEnv', 'fromProfileFile', 'imsEndpoint', 'signRequest', 'tokenAuth',
  ]);
  expect(out.akskNames).toEqual(['signRequest']);
  expect(out.spec).toBe(pkg['ims-quick-import'].specVersion);
});

it('./endpoints gives DEFAULT_REGION and imsEndpoint alone: the same functions, without the HTTP stack', async () => {
  const out = JSON.parse(
    nodeEval(`
      const e = await import('@ims-quick-import/client/endpoints');
      const m = await import('@ims-quick-import/client');
      console.log(JSON.stringify({ names: Object.keys(e).sort(), same: e.imsEndpoint === m.imsEndpoint && e.DEFAULT_REGION === m.DEFAULT_REGION }));
    `),
  ) as { names: string[]; same: boolean };
  expect(out).toEqual({ names: ['DEFAULT_REGION', 'imsEndpoint'], same: true });
  const result = await build({ stdin: { contents: "export * from '@ims-quick-import/client/endpoints';", resolveDir: pkgDir }, bundle: true, format: 'esm', platform: 'neutral', write: false, metafile: true, logLevel: 'silent' });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((i) => /openapi-fetch|http-fetch|transport|crypto/.test(i))).toEqual([]);
  expect(result.outputFiles[0]!.contents.byteLength).toBeLessThan(1000);
});

it('resolves the web build for a browser bundler, with no node: imports', async () => {
  const result = await build({
    stdin: { contents: "export * from '@ims-quick-import/client'; export * as aksk from '@ims-quick-import/client/aksk';", resolveDir: pkgDir },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((i) => i.endsWith('dist/index.js'))).toBe(true);
  expect(inputs.some((i) => i.includes('index.node') || i.includes('crypto-node'))).toBe(false);
  expect(result.outputFiles[0]?.text).not.toMatch(/node:crypto/);
});

it('states the spec version it was built from, as the bundle says', () => {
  const bundle = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@ims-quick-import/spec/openapi.json')), 'utf8')) as { info: { version: string } };
  expect(pkg['ims-quick-import'].specVersion).toBe(bundle.info.version);
});
