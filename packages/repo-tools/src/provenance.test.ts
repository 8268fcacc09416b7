// Against a loopback registry speaking the npm registry's packument format, with the real npm client.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublished, provenanceProblems } from './provenance.js';

const attested = { url: 'http://127.0.0.1/-/npm/v1/attestations/x', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
const versions: Record<string, Record<string, object>> = {
  '@ims-quick-import/client': { '1.1.0': { attestations: attested }, '1.0.0': {} },
};
let server: Server;
let registry: string;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    asked.push(name);
    const vs = versions[name];
    if (!vs) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    const packument = {
      name,
      'dist-tags': { latest: Object.keys(vs)[0] },
      versions: Object.fromEntries(Object.entries(vs).map(([v, extra]) => [v, { name, version: v, dist: { tarball: `${registry}/${name}/-/x-${v}.tgz`, shasum: '0'.repeat(40), ...extra } }])),
      time: Object.fromEntries(Object.keys(vs).map((v) => [v, '2026-12-01T00:00:00.000Z'])),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('provenanceProblems', () => {
  it('passes a version with a SLSA provenance attestation and names each one without', async () => {
    const published = parsePublished('[{"name":"@ims-quick-import/client","version":"1.1.0"},{"name":"@ims-quick-import/client","version":"1.0.0"},{"name":"@ims-quick-import/nope","version":"1.0.0"}]');
    const problems = await provenanceProblems(published, { cwd: process.cwd(), registry });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('@ims-quick-import/client@1.0.0: published without a provenance attestation');
    expect(problems[1]).toMatch(/^@ims-quick-import\/nope@1\.0\.0: (npm view failed|not on the registry)/);
    expect(asked).toContain('@ims-quick-import/client');
  });

  it('asks again while the registry lags behind the publish', async () => {
    versions['@ims-quick-import/validators'] = {};
    setTimeout(() => {
      versions['@ims-quick-import/validators'] = { '2.0.0': { attestations: attested } };
    }, 300);
    expect(await provenanceProblems([{ name: '@ims-quick-import/validators', version: '2.0.0' }], { cwd: process.cwd(), registry, retries: 20, waitMs: 100 })).toEqual([]);
  });

  it('refuses an output that is not the list changesets/action gives', () => {
    expect(() => parsePublished('{"name":"x"}')).toThrow('expected [{"name", "version"}');
    expect(parsePublished('[]')).toEqual([]);
  });
});
