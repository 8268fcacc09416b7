// `import` as a user runs it: the built bin in a subprocess, against a sandbox started here.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AK, cleanEnv, lastJson, run, SK, SYSTEM_FLAGS, TOKEN, useSandbox } from './helpers.js';

const ctx = useSandbox();

describe('import --wait --json', () => {
  it.each([
    ['a token (IMS_AUTH_TOKEN)', () => ctx.tokenEnv],
    ['AK/SK (HUAWEICLOUD_SDK_*)', () => ctx.akskEnv],
  ])('ends with a result object carrying the job id and the image id, with %s', async (_name, env) => {
    const r = await run(['import', ...SYSTEM_FLAGS, '--wait', '--json', '--poll-interval', '30ms'], { env: env() });
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ event: 'accepted', jobId: expect.any(String) });
    expect(events.some((e) => e.event === 'progress')).toBe(true);
    const result = events.at(-1);
    expect(result).toMatchObject({ event: 'result', status: 'SUCCESS', jobId: events[0].jobId, imageId: expect.stringMatching(/\S/) });
    expect(result.imageId).toBe(result.job.entities.image_id);
  });

  it('--token on the command line works and the token is not echoed', async () => {
    const r = await run(['--token', TOKEN, '--endpoint', ctx.sandbox.url, 'import', ...SYSTEM_FLAGS, '--json']);
    expect(r.code).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ event: 'accepted', jobId: expect.any(String) });
  });

  it('without --wait prints the job id and how to follow it', async () => {
    const r = await run(['import', ...SYSTEM_FLAGS], { env: ctx.tokenEnv });
    expect(r.code).toBe(0);
    const jobId = /job ([0-9a-f]{32})/.exec(r.stdout)?.[1];
    expect(jobId).toBeTruthy();
    expect(r.stderr).toContain(`ims-quick-import job ${jobId} --wait`);
  });

  it('takes the body from a file and lets flags override its fields; --tag becomes image_tags', async () => {
    const file = join(ctx.dir, 'body.json');
    await writeFile(file, JSON.stringify({ name: 'from-file', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/disk.raw', min_disk: 40 }));
    const r = await run(['import', '--body', file, '--name', 'from-flag', '--tag', 'env=prod', '--tag', 'owner=team-a', '--wait', '--json', '--poll-interval', '30ms'], { env: ctx.tokenEnv });
    expect(r.code).toBe(0);
    const job = lastJson(r.stdout).job;
    expect(job.entities.image_name).toBe('from-flag');
    // The dry run shows the exact body: the flags' values over the file's.
    const dry = await run(['import', '--body', file, '--name', 'from-flag', '--tag', 'env=prod', '--tag', 'owner=team-a', '--dry-run', '--json'], { env: ctx.tokenEnv });
    expect(JSON.parse(lastJson(dry.stdout).request.body)).toEqual({
      name: 'from-flag',
      os_version: 'Ubuntu 22.04 server 64bit',
      image_url: 'my-bucket:images/disk.raw',
      min_disk: 40,
      image_tags: [
        { key: 'env', value: 'prod' },
        { key: 'owner', value: 'team-a' },
      ],
    });
  });

  it('reads the body from standard input with --body -', async () => {
    const body = JSON.stringify({ name: 'stdin-body', type: 'DataImage', os_type: 'Linux', image_url: 'my-bucket:images/disk.raw', min_disk: 40 });
    const r = await run(['import', '--body', '-', '--wait', '--json', '--poll-interval', '30ms'], { env: ctx.tokenEnv, input: body });
    expect(r.code).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ status: 'SUCCESS' });
  });
});

describe('a job that fails', () => {
  it('exits 1 with its IMG code and the hint, in English and in Chinese', async () => {
    const flags = ['import', '--name', 'missing', '--os-version', 'Ubuntu 22.04 server 64bit', '--image-url', 'my-bucket:images/absent.raw', '--min-disk', '40', '--wait', '--poll-interval', '30ms'];
    const en = await run(flags, { env: ctx.tokenEnv });
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/Job [0-9a-f]{32} failed with IMG\.0121/);
    expect(en.stderr).toContain('Hint: Check the object name');
    const zh = await run(flags, { env: { ...ctx.tokenEnv, LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toMatch(/任务 [0-9a-f]{32} 失败，错误码 IMG\.0121/);
    expect(zh.stderr).toContain('提示：检查 image_url');
    const json = await run([...flags, '--json'], { env: ctx.tokenEnv });
    expect(json.code).toBe(1);
    expect(lastJson(json.stdout)).toMatchObject({ event: 'result', status: 'FAIL', errorCode: 'IMG.0121' });
  });
});

describe('an invalid body', () => {
  it('exits 2 with field, rule and IMG code, sends nothing — in English, and in Chinese from LANG or --lang', async () => {
    const before = ctx.sandbox.stats().jobs;
    const flags = ['import', '--name', 'ok-name', '--os-version', 'Ubuntu 22.04 server 64bit', '--image-url', 'my-bucket:images/disk.raw', '--min-disk', '0'];
    const en = await run(flags, { env: ctx.tokenEnv });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('the request is invalid; nothing was sent');
    expect(en.stderr).toContain('field /min_disk · rule minimum · IMG.0055');
    for (const zh of [await run(flags, { env: { ...ctx.tokenEnv, LANG: 'zh_CN.UTF-8' } }), await run(['--lang', 'zh-CN', ...flags], { env: ctx.tokenEnv })]) {
      expect(zh.code).toBe(2);
      expect(zh.stderr).toContain('请求无效，未发送任何请求');
      expect(zh.stderr).toContain('字段 /min_disk · 规则 minimum · IMG.0055');
    }
    expect(ctx.sandbox.stats().jobs).toBe(before);
  });

  it('a value that is not a number reaches the validators (type rule, IMG code) rather than being dropped', async () => {
    const r = await run(['import', ...SYSTEM_FLAGS.slice(0, -1), 'forty', '--json'], { env: ctx.tokenEnv });
    expect(r.code).toBe(2);
    expect(lastJson(r.stdout)).toMatchObject({ event: 'invalid', issues: [{ path: '/min_disk', rule: 'type', code: 'IMG.0055' }] });
  });

  it('a body file that is not JSON exits 2 with IMG.0001 and where it broke', async () => {
    const file = join(ctx.dir, 'broken.json');
    await writeFile(file, '{"name": "x",');
    const r = await run(['import', '--body', file], { env: ctx.tokenEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('IMG.0001');
    expect(r.stderr).toMatch(/JSON/);
  });

  it('a warning (a rule no official source states) is printed and the body is sent; --strict refuses it', async () => {
    const flags = ['import', '--type', 'DataImage', '--os-type', 'Linux', '--os-version', 'x', '--name', 'warned', '--image-url', 'my-bucket:images/disk.raw', '--min-disk', '40'];
    const lax = await run(flags, { env: ctx.tokenEnv });
    expect(lax.code).toBe(0);
    expect(lax.stderr).toContain('import: warnings (the request may still be sent):\n  field /os_version · rule enum · IMG.0001');
    expect(lax.stdout).toMatch(/Import accepted: job [0-9a-f]{32}/);
    const strict = await run([...flags, '--strict'], { env: ctx.tokenEnv });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('field /os_version · rule enum · IMG.0001');
    expect(strict.stderr).toContain('nothing was sent');
  });

  it('--strict turns the rules of older regions into errors', async () => {
    const tags = Array.from({ length: 12 }, (_, i) => ['--tag', `k${i}=v`]).flat();
    const lax = await run(['import', ...SYSTEM_FLAGS, ...tags, '--dry-run'], { env: ctx.tokenEnv });
    expect(lax.code).toBe(0);
    const strict = await run(['import', ...SYSTEM_FLAGS, ...tags, '--strict', '--dry-run'], { env: ctx.tokenEnv });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('IMG.0116');
  });
});

describe('API and network errors', () => {
  it('exit 3 with status, code and request id for a refused token', async () => {
    const r = await run(['import', ...SYSTEM_FLAGS], { env: { ...ctx.tokenEnv, IMS_AUTH_TOKEN: 'not-the-token' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/API error: HTTP 401 APIGW\.030[13] \(request id [0-9a-f]+\)/);
  });

  it('each fact of an API error once: the request id, status and code, in English and Chinese', async () => {
    const env = { ...ctx.tokenEnv, IMS_AUTH_TOKEN: 'not-the-token' };
    const count = (text: string, part: string) => text.split(part).length - 1;
    for (const lang of ['en', 'zh-CN']) {
      const r = await run(['--lang', lang, 'import', ...SYSTEM_FLAGS], { env });
      expect(r.code).toBe(3);
      const requestId = /(?:request id |请求 ID )([0-9a-f]+)/.exec(r.stderr)?.[1];
      const code = /APIGW\.\d{4}/.exec(r.stderr)?.[0];
      expect(requestId && code, r.stderr).toBeTruthy();
      expect(count(r.stderr, requestId!), r.stderr).toBe(1);
      expect(count(r.stderr, code!), r.stderr).toBe(1);
      expect(r.stderr.match(/\b401\b/g), r.stderr).toHaveLength(1);
      expect(r.stderr).toContain(lang === 'en' ? 'API error: HTTP 401' : 'API 错误：HTTP 401');
    }
    const json = await run(['import', ...SYSTEM_FLAGS, '--json'], { env });
    const error = lastJson(json.stdout);
    expect(error).toMatchObject({ event: 'error', exitCode: 3, status: 401, code: expect.stringMatching(/^APIGW\./), requestId: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(count(json.stdout, error.requestId)).toBe(1);
    expect(error.message).not.toMatch(/401|APIGW/);
  });

  it('exit 3 naming the socket error when nothing listens', async () => {
    const r = await run(['import', ...SYSTEM_FLAGS], { env: { ...ctx.tokenEnv, IMS_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/network error: ECONNREFUSED/);
  });

  it('exit 2 without credentials, listing each source of the default chain and why (nothing sent)', async () => {
    const before = ctx.sandbox.stats().jobs;
    const r = await run(['import', ...SYSTEM_FLAGS], { env: cleanEnv({ IMS_ENDPOINT: ctx.sandbox.url }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no usable credentials; nothing was sent');
    expect(r.stderr).toContain('HUAWEICLOUD_SDK_AK');
    expect(r.stderr).toContain('/nonexistent/ims-cli-test/credentials');
    expect(r.stderr).toContain('ECS metadata http://127.0.0.1:9');
    expect(ctx.sandbox.stats().jobs).toBe(before);
    const zh = await run(['import', ...SYSTEM_FLAGS], { env: cleanEnv({ IMS_ENDPOINT: ctx.sandbox.url, LANG: 'zh_CN.UTF-8' }) });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('没有可用的凭证；未发送任何请求');
    // Each source and why, in Chinese too (from the client's reason codes, not its English).
    expect(zh.stderr).toContain('  - 环境变量：未设置 HUAWEICLOUD_SDK_AK 和 HUAWEICLOUD_SDK_SK');
    expect(zh.stderr).toContain('  - 凭证文件 /nonexistent/ims-cli-test/credentials [basic]：文件不存在');
    expect(zh.stderr).toContain('  - ECS 元数据服务 http://127.0.0.1:9：无法连接（ECONNREFUSED）');
    expect(zh.stderr).not.toMatch(/not set|does not exist/);
  });

  it('an SK without its AK, in Chinese (LANG=zh_CN.UTF-8): names what is missing, never the SK (exit 2)', async () => {
    const r = await run(['import', ...SYSTEM_FLAGS], { env: cleanEnv({ IMS_ENDPOINT: ctx.sandbox.url, LANG: 'zh_CN.UTF-8', HUAWEICLOUD_SDK_SK: SK }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('  - 环境变量：未设置 HUAWEICLOUD_SDK_AK');
    expect(r.stdout + r.stderr).not.toContain(SK);
  });
});
