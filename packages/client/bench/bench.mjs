// Benchmark: signed quick-import round trips/s of this client vs Huawei's official SDK stack
// (ClientBuilder → HcClient.sendRequest with the options ImsClient.importImageQuick builds), and
// token-auth round trips vs raw fetch; also the node build's default node:http transport vs the same
// client given Node's fetch (undici). Contenders alternate within one run against one loopback server
// (in a worker thread, so it does not share the client's event loop). Also prints the entry sizes.
// Speed is measured and printed here, never asserted in tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const AK = 'HPUABENCHAK000000001';
const SK = 'benchSecretKey-0123456789-abcdefghijklmn';
const PROJECT = '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9';
const TOKEN = 'bench-token-'.padEnd(64, 'x');
const BODY = { name: 'bench-image', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:images/disk.zvhd2', min_disk: 40, description: '性能测试' };

// The official SDK writes ~/.huaweicloud/application_id when a client is built: keep that out of $HOME.
const fakeHome = mkdtempSync(join(tmpdir(), 'ims-bench-home-'));
process.env.HOME = fakeHome;

const server = new Worker(
  `const http = require('node:http');
   const { parentPort } = require('node:worker_threads');
   const answer = JSON.stringify({ job_id: 'ff8080814dbd65d7014dbe0d84db0013' });
   const s = http.createServer((req, res) => {
     req.resume();
     req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer), 'x-request-id': 'r' }); res.end(answer); });
   });
   s.keepAliveTimeout = 60000;
   s.listen(0, '127.0.0.1', () => parentPort.postMessage(s.address().port));`,
  { eval: true },
);
const port = await new Promise((resolve) => server.once('message', resolve));
const base = `http://127.0.0.1:${port}`;

const ours = await import('@ims-quick-import/client'); // `node` condition → dist/index.node.js
const oursWeb = await import('../dist/index.js'); // default build (WebCrypto)
const require = createRequire(import.meta.url);
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js');
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js');

const oursAksk = ours.createImsClient({ baseUrl: base, auth: ours.akskAuth({ ak: AK, sk: SK, projectId: PROJECT }), retry: false });
// The same node build with `fetch` given: Node's own fetch (undici) instead of the default node:http transport.
const oursUndiciAksk = ours.createImsClient({ baseUrl: base, auth: ours.akskAuth({ ak: AK, sk: SK, projectId: PROJECT }), retry: false, fetch });
// The same two with the guards off (no per-attempt deadline, no size limit), to price timeoutMs and maxResponseBytes.
const unguarded = { timeoutMs: Infinity, maxResponseBytes: Infinity };
const oursAkskUnguarded = ours.createImsClient({ baseUrl: base, auth: ours.akskAuth({ ak: AK, sk: SK, projectId: PROJECT }), retry: false, ...unguarded });
const oursUndiciUnguarded = ours.createImsClient({ baseUrl: base, auth: ours.akskAuth({ ak: AK, sk: SK, projectId: PROJECT }), retry: false, fetch, ...unguarded });
// No network at all: a fetch that answers at once, so the guards' own cost per request (an AbortController,
// a timer, and for a caller's fetch the size-counting read of the answer) is what differs.
const stubAnswer = JSON.stringify({ job_id: 'ff8080814dbd65d7014dbe0d84db0013' });
const stubFetch = async () => new Response(stubAnswer, { headers: { 'content-type': 'application/json' } });
const oursStub = ours.createImsClient({ baseUrl: base, auth: ours.akskAuth({ ak: AK, sk: SK, projectId: PROJECT }), retry: false, fetch: stubFetch });
const oursStubUnguarded = ours.createImsClient({ baseUrl: base, auth: ours.akskAuth({ ak: AK, sk: SK, projectId: PROJECT }), retry: false, fetch: stubFetch, ...unguarded });
const oursWebAksk = oursWeb.createImsClient({ baseUrl: base, auth: oursWeb.akskAuth({ ak: AK, sk: SK, projectId: PROJECT }), retry: false });
const oursToken = ours.createImsClient({ baseUrl: base, auth: ours.tokenAuth(TOKEN), retry: false });
const hcClient = new ClientBuilder((c) => c)
  .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT))
  .withEndpoint(base)
  .build();

/** What ImsClient.importImageQuick hands to HcClient.sendRequest (ParamCreater().importImageQuick). */
function officialOptions(body) {
  return {
    method: 'POST',
    url: '/v2/cloudimages/quickimport/action',
    contentType: 'application/json;charset=UTF-8',
    queryParams: {},
    pathParams: {},
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    data: body,
    responseHeaders: [''],
  };
}

const contenders = {
  'ours AK/SK (node build)': () => oursAksk.quickImport(BODY),
  'official SDK AK/SK': () => hcClient.sendRequest(officialOptions(BODY)),
  'ours AK/SK (node, fetch: undici)': () => oursUndiciAksk.quickImport(BODY),
  'ours AK/SK (WebCrypto build)': () => oursWebAksk.quickImport(BODY),
  'ours AK/SK (node, guards off)': () => oursAkskUnguarded.quickImport(BODY),
  'ours AK/SK (undici, guards off)': () => oursUndiciUnguarded.quickImport(BODY),
  'ours AK/SK, stub fetch': () => oursStub.quickImport(BODY),
  'ours AK/SK, stub fetch, guards off': () => oursStubUnguarded.quickImport(BODY),
  'ours token': () => oursToken.quickImport(BODY),
  'raw fetch token': async () => {
    const res = await fetch(`${base}/v2/cloudimages/quickimport/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
      body: JSON.stringify(BODY),
    });
    return res.json();
  },
};

async function slice(fn, ms) {
  let done = 0;
  const until = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < until) {
      await fn();
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return (done * 1000) / (performance.now() - started);
}

// Check every contender once (a broken contender must not look fast) and warm up JIT and sockets.
for (const [name, fn] of Object.entries(contenders)) {
  const r = await fn();
  if (r?.jobId !== 'ff8080814dbd65d7014dbe0d84db0013' && r?.job_id !== 'ff8080814dbd65d7014dbe0d84db0013') throw new Error(`${name} failed: ${JSON.stringify(r)}`);
  await slice(fn, 200);
}

// Alternating pairs: each round measures both sides of a comparison back to back (order flipped every
// round) and keeps their ratio, so load from other processes hits both sides of a ratio alike.
const pairs = [
  ['ours AK/SK (node build)', 'official SDK AK/SK'],
  ['ours AK/SK (WebCrypto build)', 'official SDK AK/SK'],
  ['raw fetch token', 'ours token'],
  ['ours AK/SK (node build)', 'ours AK/SK (node, fetch: undici)'],
  ['ours AK/SK (node build)', 'ours AK/SK (node, guards off)'],
  ['ours AK/SK (node, fetch: undici)', 'ours AK/SK (undici, guards off)'],
  ['ours AK/SK, stub fetch', 'ours AK/SK, stub fetch, guards off'],
];
const results = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
const ratios = pairs.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, [a, b]] of pairs.entries()) {
    const order = round % 2 ? [b, a] : [a, b];
    const got = {};
    for (const name of order) {
      got[name] = await slice(contenders[name], SLICE_MS);
      results[name].push(got[name]);
    }
    ratios[i].push(got[a] / got[b]);
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));

console.log(`\nquick-import round trips/s on loopback — ${ROUNDS} alternating rounds × ${SLICE_MS} ms per contender, ${CONCURRENCY} in flight, Node ${process.version}, load ${loadavg()[0].toFixed(1)}`);
for (const [k, v] of Object.entries(m)) console.log(`  ${k.padEnd(34)} median ${v.toFixed(0).padStart(6)} /s`);
const fmt = (i) => `${median(ratios[i]).toFixed(2)}× (median of ${ratios[i].length} paired rounds; range ${Math.min(...ratios[i]).toFixed(2)}–${Math.max(...ratios[i]).toFixed(2)})`;
console.log(`\n  ours AK/SK (node) / official:        ${fmt(0)}  target ≥ 1.2×`);
console.log(`  ours AK/SK (WebCrypto) / official:   ${fmt(1)}`);
console.log(`  raw fetch / ours token:              ${fmt(2)}  target ≤ 1.15×`);
console.log(`  ours AK/SK (node) / same via undici: ${fmt(3)}  (default node:http transport vs fetch: globalThis.fetch)`);
console.log(`  guards on / off, node:http:          ${fmt(4)}  (timeoutMs 30 000 + maxResponseBytes 10 MiB vs Infinity)`);
console.log(`  guards on / off, fetch: undici:      ${fmt(5)}  (the same; undici's answer is read through the size-counting reader)`);
console.log(`  guards on / off, no network:         ${fmt(6)}  (a stub fetch: the guards' own cost per request, signing included)`);

// Signing alone, no network: the auth step our client runs per request (node:crypto vs WebCrypto), the
// official AKSKSigner.sign on the same request, and the public signRequest(Request) (which also builds
// and reads Requests).
async function opsPerSecond(fn) {
  let n = 0;
  const started = performance.now();
  const until = started + 400;
  while (performance.now() < until) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - started);
}
const bodyText = JSON.stringify(BODY);
const ctx = () => ({ method: 'POST', host: `127.0.0.1:${port}`, pathname: '/v2/cloudimages/quickimport/action', query: [], headers: { 'content-type': 'application/json' }, body: bodyText });
const nodeAuth = ours.akskAuth({ ak: AK, sk: SK, projectId: PROJECT });
const webAuth = oursWeb.akskAuth({ ak: AK, sk: SK, projectId: PROJECT });
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js');
const cred = { getAk: () => AK, getSk: () => SK };
const akskNode = await import('@ims-quick-import/client/aksk');
const akskWeb = await import('../dist/aksk.js');
const url = `${base}/v2/cloudimages/quickimport/action`;
const signing = {
  'ours, node:crypto (client path)': () => nodeAuth.apply(ctx()),
  'ours, WebCrypto (client path)': () => webAuth.apply(ctx()),
  'official AKSKSigner.sign': () =>
    AKSKSigner.sign({ endpoint: url, method: 'POST', headers: { 'content-type': 'application/json', 'X-Project-Id': PROJECT }, queryParams: {}, data: BODY }, cred),
  'signRequest(Request), node:crypto': () => akskNode.signRequest(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyText }), { ak: AK, sk: SK }),
  'signRequest(Request), WebCrypto': () => akskWeb.signRequest(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyText }), { ak: AK, sk: SK }),
};
for (const fn of Object.values(signing)) await opsPerSecond(fn); // warm-up
console.log('\nsigning one quick-import request, no network:');
for (const [name, fn] of Object.entries(signing)) {
  const ops = await opsPerSecond(fn);
  console.log(`  ${name.padEnd(36)} ${ops.toFixed(0).padStart(7)} /s  ${(1000 / ops).toFixed(3)} ms each`);
}

// Size of the ESM entries, minified by esbuild.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
async function size(entry, platform, external) {
  const out = await build({ entryPoints: [join(dist, entry)], bundle: true, minify: true, format: 'esm', platform, write: false, external, logLevel: 'silent' });
  const bytes = out.outputFiles[0].contents;
  return `${(bytes.length / 1024).toFixed(1)} kB (${(gzipSync(bytes).length / 1024).toFixed(1)} kB gzip)`;
}
console.log('\nentry size, esbuild --minify:');
console.log(`  index.js (browser/default), openapi-fetch external:  ${await size('index.js', 'browser', ['openapi-fetch'])}`);
console.log(`  index.js (browser/default), openapi-fetch bundled:   ${await size('index.js', 'browser', [])}`);
console.log(`  index.node.js, openapi-fetch external:               ${await size('index.node.js', 'node', ['openapi-fetch'])}`);
console.log(`  aksk.js (signRequest only):                          ${await size('aksk.js', 'browser', [])}`);

await server.terminate();
rmSync(fakeHome, { recursive: true, force: true });
process.exit(0);
