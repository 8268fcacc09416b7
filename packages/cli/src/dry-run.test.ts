import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { capturingFetch, captureRequest, shellQuote, toCurl } from './dry-run.js';

describe('shellQuote', () => {
  it.each(['plain', "it's", 'a "b" $HOME `id` \\ \n end', '镜像 🚀', '', "''"])('%j comes back unchanged through bash', (text) => {
    const r = spawnSync('bash', ['-c', `printf '%s' ${shellQuote(text)}`], { encoding: 'utf8' });
    expect(r.stdout).toBe(text);
  });
});

describe('toCurl', () => {
  const request = {
    method: 'POST',
    url: 'http://127.0.0.1:8787/v2/cloudimages/quickimport/action',
    headers: { 'content-type': 'application/json', 'x-auth-token': 'the-token-1234', 'x-security-token': 'sec-tok-5678', 'x-other': 'has sk-secret-9 in it' },
    body: '{"name":"x"}',
  };
  it('prints token headers as variable references, masks any other secret, keeps the rest as sent', () => {
    const curl = toCurl(request, ['sk-secret-9', 'the-token-1234', 'sec-tok-5678']);
    expect(curl.command).toContain('-H "x-auth-token: $IMS_AUTH_TOKEN"');
    expect(curl.command).toContain('-H "x-security-token: $HUAWEICLOUD_SDK_SECURITY_TOKEN"');
    expect(curl.command).toContain("-H 'x-other: has *** in it'");
    expect(curl.command).toContain(`--data-binary '{"name":"x"}'`);
    expect(curl.command).not.toMatch(/the-token-1234|sec-tok-5678|sk-secret-9/);
    expect(curl.variables).toEqual(['IMS_AUTH_TOKEN', 'HUAWEICLOUD_SDK_SECURITY_TOKEN']);
    expect(curl.masked.headers['x-auth-token']).toBe('$IMS_AUTH_TOKEN');
  });
  it('says the method when it is not a POST with a body', () => {
    expect(toCurl({ method: 'GET', url: 'http://h/x', headers: {} }, []).command).toBe('curl -sS -X GET http://h/x');
  });
});

describe('capturingFetch', () => {
  it('captures a request to the endpoint without sending it, in the order the headers were given', async () => {
    const capture = capturingFetch('http://ims.example/');
    const seen = await captureRequest(capture, () => capture.fetch('http://ims.example/v2/x', { method: 'POST', headers: { 'x-b': '1', 'x-a': '2' }, body: 'body' }));
    expect(seen).toEqual({ method: 'POST', url: 'http://ims.example/v2/x', headers: { 'x-b': '1', 'x-a': '2' }, body: 'body' });
    expect(capture.passed()).toBe(false);
  });
  it('passes any other request onward (IAM discovery) and says so', async () => {
    const onward = async () => new Response('{}');
    const capture = capturingFetch('http://ims.example', onward as typeof fetch);
    await capture.fetch('http://iam.example/v3/projects?name=x');
    expect(capture.passed()).toBe(true);
    expect(capture.request()).toBeUndefined();
    // A host that merely starts with the endpoint's text is another host.
    await capture.fetch('http://ims.example.evil/v2/x');
    expect(capture.request()).toBeUndefined();
  });
  it('an error before anything was captured is the error, not a dry run', async () => {
    const capture = capturingFetch('http://ims.example');
    await expect(captureRequest(capture, async () => Promise.reject(new Error('no credentials')))).rejects.toThrow('no credentials');
  });
});
