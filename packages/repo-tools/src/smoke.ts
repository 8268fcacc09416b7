// The release dry run's smoke script. It is copied into a fresh temporary project that installed the
// packed tarballs, and run there — so every import below resolves to what npm users would get, never to
// the workspace. It prints one JSON line: what it did and what it saw.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Loaded by name at run time: the packages are not dependencies of repo-tools, only of the smoke project.
const load = (name: string): Promise<any> => import(name);

function check(cond: unknown, what: string): void {
  if (!cond) throw new Error(`smoke: ${what}`);
}

async function main(): Promise<void> {
  const require = createRequire(join(process.cwd(), 'package.json'));
  const report: Record<string, unknown> = {};

  // The spec package: the bundle is there and is the version every other package says it was built from.
  const spec = JSON.parse(readFileSync(require.resolve('@ims-quick-import/spec/openapi.json'), 'utf8'));
  const specVersion: string = spec.info.version;
  report.specVersion = specVersion;

  // Validators: a spec example is accepted, a broken copy is rejected with an IMG code.
  const validators = await load('@ims-quick-import/validators');
  const example = structuredClone(spec.components.examples.SystemDiskMinimal.value);
  const good = validators.validateQuickImportRequest(example);
  check(good.ok === true, `the SystemDiskMinimal example was rejected: ${JSON.stringify(good.issues)}`);
  const bad = validators.validateQuickImportRequest({ ...example, name: ' bad name ' });
  check(bad.ok === false && /^IMG\.\d{4}$/.test(bad.issues[0]?.code), `a bad name was not rejected with an IMG code: ${JSON.stringify(bad)}`);
  report.validatorIssue = `${bad.issues[0].path} ${bad.issues[0].code}`;

  // Sandbox from its tarball, with a small RAW image and its .mf bitmap in an emulated bucket.
  const sandboxPkg = await load('@ims-quick-import/sandbox');
  const buckets = mkdtempSync(join(tmpdir(), 'smoke-buckets-'));
  mkdirSync(join(buckets, 'smoke-bucket', 'images'), { recursive: true });
  const disk = Buffer.alloc(1024 * 1024);
  disk[510] = 0x55;
  disk[511] = 0xaa;
  writeFileSync(join(buckets, 'smoke-bucket', 'images', 'disk.raw'), disk);
  writeFileSync(join(buckets, 'smoke-bucket', 'images', 'disk.mf'), Buffer.from([1]));
  const credentials = { ak: 'SMOKEAKEXAMPLE0000001', sk: 'smoke-secret-key-not-real', projectId: '0123456789abcdef0123456789abcdef' };
  const sandbox = await sandboxPkg.startSandbox({ port: 0, host: '127.0.0.1', bucketsDir: buckets, speed: 1000, tokens: ['smoke-token'], credentials: [credentials] });
  try {
    // Client from its tarball, with each auth: an import waited on to SUCCESS. (The sandbox keeps each
    // project's jobs to itself, and a token names no project unless asked, so each client waits on its own.)
    const client = await load('@ims-quick-import/client');
    const body = { ...example, image_url: 'smoke-bucket:images/disk.raw' };
    const importAndWait = async (auth: unknown) => {
      const ims = client.createImsClient({ baseUrl: sandbox.url, auth });
      const { jobId } = await ims.quickImport(body);
      check(typeof jobId === 'string' && jobId.length > 0, 'quickImport returned no jobId');
      const job = await ims.waitForJob(jobId, { timeoutMs: 20_000, pollIntervalMs: 20 });
      check(job.status === 'SUCCESS', `job ended ${job.status}`);
      return { jobId, status: job.status, imageId: job.entities?.image_id };
    };
    report.tokenJob = await importAndWait(client.tokenAuth('smoke-token'));
    report.job = await importAndWait(client.akskAuth(credentials));
    report.spec = { client: client.SPEC_VERSION, validators: validators.SPEC_VERSION, sandbox: sandboxPkg.SPEC_VERSION };
    for (const [name, v] of Object.entries(report.spec as Record<string, string>)) check(v === specVersion, `${name} SPEC_VERSION ${v} ≠ spec ${specVersion}`);
  } finally {
    await sandbox.close();
    rmSync(buckets, { recursive: true, force: true });
  }

  // Docs: the self-contained page is in the tarball.
  const docs = require.resolve('@ims-quick-import/docs/index.html');
  check(existsSync(docs) && statSync(docs).size > 10_000, `docs page ${docs} is missing or tiny`);
  report.docsBytes = statSync(docs).size;

  // Every bin an installed package declares (the sandbox's, the CLI's, any later one) runs from the
  // node_modules/.bin link npm made, and answers --help with its usage.
  const bins: Record<string, string> = {};
  const scope = join(process.cwd(), 'node_modules/@ims-quick-import');
  for (const dir of readdirSync(scope)) {
    const manifest = JSON.parse(readFileSync(join(scope, dir, 'package.json'), 'utf8')) as { name: string; bin?: string | Record<string, string> };
    const names = typeof manifest.bin === 'string' ? [manifest.name.split('/').pop() as string] : Object.keys(manifest.bin ?? {});
    for (const bin of names) {
      const out = execFileSync(join(process.cwd(), 'node_modules/.bin', bin), ['--help'], { encoding: 'utf8', timeout: 30_000 });
      check(/^Usage:/m.test(out), `${bin} --help printed no usage: ${out.slice(0, 200)}`);
      bins[bin] = manifest.name;
    }
  }
  report.bins = bins;

  process.stdout.write(`${JSON.stringify({ ok: true, ...report })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String((e as Error)?.stack ?? e) })}\n`);
    process.exit(1);
  },
);
