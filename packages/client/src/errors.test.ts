import { afterEach, describe, expect, it } from 'vitest';
import { type Handler, serveEach } from '../test/helpers/server.js';
import { akskAuth, apiErrorFromAnswer, createImsClient, ImsApiError } from './index.node.js';

const BODY = { name: 'img-1', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:images/img.zvhd2', min_disk: 40 };
const auth = akskAuth({ ak: 'HPUATESTAK0000000001', sk: 'testSecretKey-0123456789-abcdefghijklmnop' });

const serve = serveEach(afterEach);

async function failWith(handler: Handler): Promise<ImsApiError> {
  const server = await serve(handler);
  const client = createImsClient({ baseUrl: server.url, auth, retry: false });
  const error = await client.quickImport(BODY).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImsApiError);
  return error as ImsApiError;
}

describe('ImsApiError', () => {
  it('parses the IMS envelope and X-Request-Id', async () => {
    const e = await failWith(() => ({
      status: 400,
      headers: { 'x-request-id': 'req-7' },
      json: { error: { code: 'IMG.0024', message: 'The imagetype is invalid.' } },
    }));
    expect(e).toMatchObject({ status: 400, code: 'IMG.0024', requestId: 'req-7', name: 'ImsApiError' });
    expect(e.body).toEqual({ error: { code: 'IMG.0024', message: 'The imagetype is invalid.' } });
    expect(e.message).toBe('IMS API 400 IMG.0024: The imagetype is invalid. (request id req-7)');
    expect(e.detail).toBe('The imagetype is invalid.');
    expect(e.hint).toBeUndefined();
    expect(e.clockSkewMs).toBeUndefined();
  });

  it('parses the API gateway envelope, falling back to its request_id', async () => {
    const e = await failWith(() => ({ status: 403, json: { error_code: 'APIGW.0302', error_msg: 'no permission', request_id: 'gw-1' } }));
    expect(e).toMatchObject({ status: 403, code: 'APIGW.0302', requestId: 'gw-1' });
    expect(e.message).toContain('no permission');
  });

  it('keeps the text of an HTML page from a proxy', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    const e = await failWith(() => ({ status: 502, headers: { 'content-type': 'text/html' }, text: html }));
    expect(e.status).toBe(502);
    expect(e.code).toBeUndefined();
    expect(e.body).toBe(html);
    expect(e.message).toBe('IMS API 502: 502 Bad Gateway 502 Bad Gateway');
    expect(e.detail).toBe('502 Bad Gateway 502 Bad Gateway');
  });

  it('keeps the text of a text/plain 500', async () => {
    const e = await failWith(() => ({ status: 500, text: 'upstream exploded' }));
    expect(e).toMatchObject({ status: 500, body: 'upstream exploded' });
    expect(e.message).toContain('upstream exploded');
  });

  it('says "clock skew" when a signature rejection comes with a far-off Date', async () => {
    const serverDate = new Date(Date.now() - 3600_000).toUTCString();
    const e = await failWith(() => ({
      status: 401,
      headers: { date: serverDate },
      json: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', request_id: 'x' },
    }));
    expect(e.code).toBe('APIGW.0301');
    expect(e.hint).toMatch(/^clock skew: local clock \d+ s ahead of the server/);
    expect(e.message).toContain('clock skew');
    // The same figure as data, and the server's words without the hint.
    expect(e.clockSkewMs).toBeGreaterThan(3_590_000);
    expect(e.clockSkewMs).toBeLessThan(3_610_000);
    expect(e.hint).toContain(` ${Math.round(e.clockSkewMs! / 1000)} s `);
    expect(e.detail).toBe('Incorrect IAM authentication information: verify aksk signature fail');
  });

  it('does not blame the clock when the Date agrees', async () => {
    const e = await failWith(() => ({
      status: 401,
      headers: { date: new Date().toUTCString() },
      json: { error_code: 'APIGW.0301', error_msg: 'verify aksk signature fail' },
    }));
    expect(e.hint).toBeUndefined();
    expect(e.clockSkewMs).toBeUndefined();
    expect(e.message).not.toContain('clock skew');
  });

  it('APIGW.0303 is APP authentication (which this client never uses), not a clock or IAM token problem: no hint', async () => {
    const e = await failWith(() => ({
      status: 401,
      headers: { date: new Date(Date.now() - 3600_000).toUTCString() },
      json: { error_code: 'APIGW.0303', error_msg: 'Incorrect app authentication information' },
    }));
    expect(e.code).toBe('APIGW.0303');
    expect(e.hint).toBeUndefined();
  });

  it('reports a 2xx answer that is not JSON', async () => {
    const e = await failWith(() => ({ status: 200, text: 'OK' }));
    expect(e.message).toBe('IMS API 200: the answer has no job_id');
    expect(e.detail).toBe('the answer has no job_id');
    expect(e.body).toBe('OK');
  });
});

describe('apiErrorFromAnswer (for client.GET/POST answers)', () => {
  const SK = 'testSecretKey-0123456789-abcdefghijklmnop';

  it('reads what openapi-fetch gives back the way the helpers do, and redacts the secrets it is given', async () => {
    // A hostile server echoing the SK in its message, its body and its status text.
    const server = await serve(() => ({ status: 400, headers: { 'x-request-id': 'req-9' }, json: { error: { code: 'IMG.0001', message: `bad ${SK}` }, echo: SK } }));
    const client = createImsClient({ baseUrl: server.url, auth, retry: false });
    const { error, response } = await client.GET('/v1/cloudimages/os_version', {});
    const e = apiErrorFromAnswer(response, error, [SK]);
    expect(e).toMatchObject({ status: 400, code: 'IMG.0001', requestId: 'req-9' });
    expect(e.detail).toBe('bad ***');
    expect(e.message).toBe('IMS API 400 IMG.0001: bad *** (request id req-9)');
    expect(JSON.stringify(e.body)).not.toContain(SK);
  });

  it('a text answer (openapi-fetch hands it over as a string) and a 2xx with a problem', () => {
    const text = apiErrorFromAnswer(new Response(null, { status: 502, statusText: 'Bad Gateway' }), '<h1>502 Bad Gateway</h1>');
    expect(text).toMatchObject({ status: 502, detail: '502 Bad Gateway', body: '<h1>502 Bad Gateway</h1>' });
    const ok = apiErrorFromAnswer(new Response(null, { status: 200 }), { unexpected: true }, [], 'the answer is not a list');
    expect(ok.message).toBe('IMS API 200: the answer is not a list');
  });
});
