// reportError with the client's real errors: an ImsApiError from a real loopback server (through the
// client), and the credentials chain's CredentialsError from a real empty environment and missing file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { createImsClient, CredentialsError, defaultCredentials, ImsApiError, ResponseTooLargeError, TimeoutError, tokenAuth } from '@ims-quick-import/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, type Lang } from './i18n/index.js';
import { Output } from './io.js';
import { localHint, reportError } from './report.js';

const REQUEST_ID = 'req0123456789abcdef';
const SK = 'report-test-secret-key-0123456789';
let server: Server;
let url: string;

beforeAll(async () => {
  // A signature rejection with the server's clock an hour behind: the client adds a clock-skew hint.
  server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': REQUEST_ID, date: new Date(Date.now() - 3_600_000).toUTCString() });
    res.end(JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', request_id: REQUEST_ID }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** reportError into captured streams. */
function report(error: unknown, lang: Lang, json = false) {
  let stdout = '';
  let stderr = '';
  const out = new Output({ stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) }, stdin: new PassThrough(), env: {} });
  const code = reportError(error, out, messages(lang), json);
  return { code, stdout, stderr };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('an API error', () => {
  const apiError = async () => {
    const client = createImsClient({ baseUrl: url, auth: tokenAuth('a-token'), projectId: 'p' });
    const error = await client.getJob('job-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImsApiError);
    expect((error as ImsApiError).hint).toMatch(/clock skew/);
    return error as ImsApiError;
  };

  it.each(['en', 'zh-CN'] as const)('%s: status, code, message, request id and hint, each once (exit 3)', async (lang) => {
    const error = await apiError();
    const r = report(error, lang);
    expect(r.code).toBe(3);
    for (const fact of ['401', 'APIGW.0301', 'verify aksk signature fail', REQUEST_ID, localHint(error, messages(lang))!]) expect(count(r.stderr, fact), `${fact} in ${r.stderr}`).toBe(1);
    expect(r.stderr).toContain(lang === 'en' ? `(request id ${REQUEST_ID})` : `（请求 ID ${REQUEST_ID}）`);
  });

  it.each([
    ['en', (s: string) => `Hint: clock skew: local clock ${s} s ahead of the server`],
    ['zh-CN', (s: string) => `提示：时钟偏差：本机时钟比服务端快 ${s} 秒`],
  ] as const)('%s: the clock-skew hint from the client\'s figures, the same as its English hint says', async (lang, line) => {
    const error = await apiError();
    const [, seconds] = /local clock (\d+) s ahead of the server/.exec(error.hint!) ?? [];
    expect(Math.round(error.clockSkewMs! / 1000)).toBe(Number(seconds));
    const r = report(error, lang);
    expect(r.stderr).toContain(line(seconds!));
    if (lang === 'zh-CN') expect(r.stderr).not.toContain('clock skew');
    expect(localHint({ hint: 'some other hint' }, messages(lang))).toBe('some other hint');
  });

  it('--json: the fields once each, the message the server\'s words alone', async () => {
    const error = await apiError();
    const r = report(error, 'en', true);
    const json = JSON.parse(r.stdout);
    expect(json).toEqual({
      event: 'error',
      exitCode: 3,
      message: 'Incorrect IAM authentication information: verify aksk signature fail',
      status: 401,
      code: 'APIGW.0301',
      requestId: REQUEST_ID,
      hint: error.hint,
    });
    expect(count(r.stdout, REQUEST_ID)).toBe(1);
  });

  it("an error the client made itself (no server words) is printed whole, its own message once", () => {
    const error = new ImsApiError('IMS API 302: redirect to http://elsewhere/ refused; this client never follows redirects', { status: 302, body: '', location: 'http://elsewhere/' });
    const r = report(error, 'en');
    expect(r.code).toBe(3);
    expect(count(r.stderr, 'redirect to http://elsewhere/ refused')).toBe(1);
    expect(r.stderr).toMatch(/^API error: HTTP 302\n/);
  });
});

describe('no credentials', () => {
  const noCredentials = async (env: Record<string, string>) => {
    const chain = defaultCredentials({ env, profile: { file: '/nonexistent/ims-cli-report/credentials' }, metadata: { endpoint: 'http://127.0.0.1:9', timeoutMs: 2000 } });
    const error = await Promise.resolve().then(chain).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    return error as CredentialsError;
  };

  it('zh-CN: every source and why in Chinese, from the reason codes, and no secret (exit 2)', async () => {
    const r = report(await noCredentials({ HUAWEICLOUD_SDK_SK: SK }), 'zh-CN');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(1, 4)).toEqual([
      '  - 环境变量：未设置 HUAWEICLOUD_SDK_AK',
      '  - 凭证文件 /nonexistent/ims-cli-report/credentials [basic]：文件不存在',
      '  - ECS 元数据服务 http://127.0.0.1:9：无法连接（ECONNREFUSED）',
    ]);
    expect(r.stderr).not.toMatch(/not set|does not exist|cannot connect/);
    expect(r.stderr).not.toContain(SK);
  });

  it('en: the same lines in English', async () => {
    const r = report(await noCredentials({}), 'en');
    expect(r.stderr.split('\n').slice(1, 4)).toEqual([
      '  - environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set',
      '  - profile file /nonexistent/ims-cli-report/credentials [basic]: the file does not exist',
      '  - ECS metadata http://127.0.0.1:9: cannot connect (ECONNREFUSED)',
    ]);
  });

  it("a CredentialsError without attempts (or with a code this CLI does not know) shows the client's English", () => {
    const plain = new CredentialsError('IAM project discovery: no project named cn-north-4', 'IAM');
    expect(report(plain, 'zh-CN').stderr).toContain('  IAM project discovery: no project named cn-north-4');
    const future = Object.assign(new CredentialsError('x', 'y'), {
      attempts: [{ source: 'env', where: 'E', reason: 'some-new-code', message: 'environment: something new' }],
    });
    expect(report(future, 'zh-CN').stderr).toContain('  - environment: something new');
  });
});

describe('a peer that does not answer properly', () => {
  it.each([
    ['en', 'no complete answer within 500 ms (--request-timeout)', 'over 1024 bytes; the connection was closed'],
    ['zh-CN', '500 毫秒内没有收到完整应答（--request-timeout）', '超过 1024 字节，连接已关闭'],
  ] as const)('%s: a timeout and an oversized answer are API errors (exit 3) in the user\'s language, no stack', (lang, timeout, tooLarge) => {
    const slow = report(new TimeoutError(500), lang);
    expect(slow.code).toBe(3);
    expect(slow.stderr).toContain(timeout);
    const big = report(new ResponseTooLargeError(1024), lang);
    expect(big.code).toBe(3);
    expect(big.stderr).toContain(tooLarge);
    for (const text of [slow.stderr, big.stderr]) expect(text).not.toMatch(/\n\s+at /);
  });
});
