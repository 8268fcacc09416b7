// fromEcsMetadata against fake metadata services on loopback (never 169.254.169.254): the session token,
// the 401-then-new-token retry, instances without the token API or without an agency, silence, redirects.
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Handler, serveEach } from '../../test/helpers/server.js';
import { CredentialsError } from '../credentials.js';
import { fromEcsMetadata, METADATA_ENDPOINT } from './metadata.node.js';

const serve = serveEach(afterEach);
const SECRET = 'metadata-secret-key-0123456789';
const credential = (n = 1) => ({
  credential: { access: `AKMETA${n}`, secret: `${SECRET}-${n}`, securitytoken: `sts-token-${n}`, expires_at: '2099-01-01T00:00:00.000000Z' },
});

/** A metadata service issuing session tokens; `accept(token)` decides whether the securitykey call passes. */
function metadataService(accept: (token: string | undefined, i: number) => boolean): Handler {
  let issued = 0;
  let keyCalls = 0;
  return (rec) => {
    if (rec.method === 'PUT' && rec.url === '/meta-data/latest/api/token') return { text: `session-${++issued}` };
    if (rec.method === 'GET' && rec.url === '/openstack/latest/securitykey') {
      const token = rec.headers['x-metadata-token'] as string | undefined;
      return accept(token, keyCalls++) ? { json: credential(keyCalls) } : { status: 401, text: 'token expired' };
    }
    return { status: 404, text: 'no' };
  };
}

describe('fromEcsMetadata', () => {
  it('gets a session token (ttl 21600 s), then the temporary credentials with it', async () => {
    const s = await serve(metadataService((token) => token === 'session-1'));
    const provider = fromEcsMetadata({ endpoint: s.url });
    await expect(provider()).resolves.toEqual({ ak: 'AKMETA1', sk: `${SECRET}-1`, securityToken: 'sts-token-1', expiresAt: new Date('2099-01-01T00:00:00Z') });
    expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /meta-data/latest/api/token', 'GET /openstack/latest/securitykey']);
    expect(s.requests[0]?.headers['x-metadata-token-ttl-seconds']).toBe('21600');
    // The next refresh reuses the session token.
    await provider();
    expect(s.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('a 401 (expired session token) gets a new token and asks once more', async () => {
    const s = await serve(metadataService((token) => token === 'session-2'));
    await expect(fromEcsMetadata({ endpoint: s.url })()).resolves.toMatchObject({ ak: 'AKMETA2' });
    expect(s.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'PUT', 'GET']);
  });

  it('only once: a second 401 is an error', async () => {
    const s = await serve(metadataService(() => false));
    await expect(fromEcsMetadata({ endpoint: s.url })()).rejects.toThrow(/securitykey answered 401/);
    expect(s.requests).toHaveLength(4);
  });

  it('an instance without the token API (404 on PUT) is asked without a token', async () => {
    const s = await serve((rec) => (rec.method === 'PUT' ? { status: 404, text: 'no' } : { json: credential() }));
    await expect(fromEcsMetadata({ endpoint: s.url })()).resolves.toMatchObject({ ak: 'AKMETA1' });
    expect(s.requests[1]?.headers['x-metadata-token']).toBeUndefined();
  });

  it('an instance without an IAM agency says so, without retrying', async () => {
    const s = await serve((rec) => (rec.method === 'PUT' ? { text: 'session' } : { status: 401, text: 'Please configure Cloud Service Agency first' }));
    await expect(fromEcsMetadata({ endpoint: s.url })()).rejects.toThrow(/no IAM agency/);
    expect(s.requests).toHaveLength(2);
  });

  it('a silent service ends after the deadline with an error naming the endpoint', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket.resume()));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const error = (await Promise.resolve().then(fromEcsMetadata({ endpoint, timeoutMs: 100 })).catch((e: unknown) => e)) as CredentialsError;
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error.message).toMatch(new RegExp(`ECS metadata ${endpoint}: no answer .* within 100 ms`));
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('does not follow a redirect, and never quotes the answer body (it holds secrets)', async () => {
    const s = await serve((rec) => (rec.method === 'PUT' ? { text: 'session' } : { status: 302, headers: { location: 'http://127.0.0.1:9/' } }));
    await expect(fromEcsMetadata({ endpoint: s.url })()).rejects.toThrow(/answered 302/);
    const broken = await serve((rec) => (rec.method === 'PUT' ? { text: 'session' } : { text: `{"credential": {"access": "A", "secret": "${SECRET}"` }));
    const error = (await Promise.resolve().then(fromEcsMetadata({ endpoint: broken.url })).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/no credential.access\/secret/);
    expect(error.message).not.toContain(SECRET);
  });

  it('an answer larger than 64 KiB is cut off, not kept', async () => {
    const s = await serve((rec) => (rec.method === 'PUT' ? { text: 'session' } : { text: 'x'.repeat(1024 * 1024) }));
    await expect(fromEcsMetadata({ endpoint: s.url })()).rejects.toThrow(/securitykey failed \(ResponseTooLargeError/);
  });

  it('each failure carries its attempt: the endpoint, a stable reason code and its detail, never the body', async () => {
    const attempt = async (endpoint: string) => {
      const error = (await Promise.resolve().then(fromEcsMetadata({ endpoint, timeoutMs: 2000 })).catch((e: unknown) => e)) as CredentialsError;
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error.attempts).toHaveLength(1);
      const [a] = error.attempts!;
      expect(a).toMatchObject({ source: 'ecs-metadata', where: endpoint, message: error.message });
      expect(JSON.stringify(error.attempts)).not.toContain(SECRET);
      return { reason: a!.reason, detail: a!.detail };
    };
    const session = (answer: Awaited<ReturnType<Handler>>): Handler => (rec) => (rec.method === 'PUT' ? { text: 'session' } : answer);
    const cases: Array<[Handler, { reason: string; detail?: string }]> = [
      [session({ status: 401, text: 'Please configure Cloud Service Agency first' }), { reason: 'no-agency', detail: undefined }],
      [metadataService(() => false), { reason: 'refused', detail: '401' }],
      [(rec) => (rec.method === 'PUT' ? { status: 500, text: 'down' } : { json: credential() }), { reason: 'token-refused', detail: '500' }],
      [session({ text: `{"credential": {"access": "A", "secret": "${SECRET}"` }), { reason: 'no-credential', detail: undefined }],
      [session({ json: { credential: { access: 'A', secret: SECRET, expires_at: 'soon' } } }), { reason: 'bad-expiry', detail: undefined }],
    ];
    for (const [handler, expected] of cases) expect(await attempt((await serve(handler)).url)).toEqual(expected);
    expect(await attempt('http://127.0.0.1:9')).toEqual({ reason: 'unreachable', detail: 'ECONNREFUSED' });
  });

  it('defaults to the real address, which the tests never call', () => {
    expect(METADATA_ENDPOINT).toBe('http://169.254.169.254');
    expect(fromEcsMetadata().source).toBe('ECS metadata http://169.254.169.254');
  });
});
