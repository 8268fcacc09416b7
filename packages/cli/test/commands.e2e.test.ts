// job, validate, os-versions, sandbox, --help, --version and usage errors, as subprocesses.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, lastJson, run, start, SYSTEM_FLAGS, useSandbox } from './helpers.js';

const ctx = useSandbox();

describe('job <id>', () => {
  it('shows the job (ShowJobProgress), ShowJob with --legacy, and a failed job exits 1 with its code', async () => {
    const ok = lastJson((await run(['import', ...SYSTEM_FLAGS, '--wait', '--json', '--poll-interval', '30ms'], { env: ctx.akskEnv })).stdout);
    const shown = await run(['job', ok.jobId], { env: ctx.akskEnv });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`job\\s+${ok.jobId}`));
    expect(shown.stdout).toMatch(/status\s+SUCCESS \(succeeded\)/);
    expect(shown.stdout).toContain(ok.imageId);
    const legacy = await run(['job', ok.jobId, '--legacy', '--json'], { env: ctx.akskEnv });
    expect(legacy.code).toBe(0);
    expect(JSON.parse(legacy.stdout)).toMatchObject({ job_id: ok.jobId, status: 'SUCCESS', job_type: expect.any(String) });

    const bad = lastJson((await run(['import', ...SYSTEM_FLAGS.slice(0, 5), 'my-bucket:images/absent.raw', '--min-disk', '40', '--wait', '--json', '--poll-interval', '30ms'], { env: ctx.akskEnv })).stdout);
    const failed = await run(['--lang', 'zh-CN', 'job', bad.jobId], { env: ctx.akskEnv });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/状态\s+FAIL \(失败\)/);
    expect(failed.stdout).toContain('IMG.0121');
    expect(failed.stderr).toContain('提示：');
  });

  it('--legacy without a project id is a usage error (exit 2) before anything is sent', async () => {
    const r = await run(['job', '0123456789abcdef0123456789abcdef', '--legacy'], { env: ctx.tokenEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--legacy (ShowJob) needs a project id');
  });

  it('an unknown job exits 3 with the status, code and request id', async () => {
    const r = await run(['job', '0123456789abcdef0123456789abcdef'], { env: ctx.tokenEnv });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/HTTP 404 APIGW\.0101 \(request id [0-9a-f]+\)/);
  });
});

describe('validate <file…>', () => {
  it('checks any number of files offline with a summary per file; exit 2 when one is invalid', async () => {
    const good = join(ctx.dir, 'good.json');
    const bad = join(ctx.dir, 'bad.json');
    const notJson = join(ctx.dir, 'not.json');
    const warned = join(ctx.dir, 'warned.json');
    await writeFile(good, JSON.stringify({ name: 'a', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/disk.raw', min_disk: 40 }));
    await writeFile(bad, JSON.stringify({ name: 'a', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/disk.raw', min_disk: 0 }));
    // os_version on a data disk: no official source says the service refuses it, so a warning
    await writeFile(warned, JSON.stringify({ name: 'a', type: 'DataImage', image_url: 'my-bucket:images/disk.raw', min_disk: 40, os_version: 'x' }));
    await writeFile(notJson, 'nope');
    const before = ctx.sandbox.stats().jobs;
    const r = await run(['validate', good, bad, notJson, join(ctx.dir, 'missing.json'), warned], { env: cleanEnv() });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${good}: valid\n`);
    expect(r.stdout).toContain(`${bad}: invalid, 1 issue\n  field /min_disk · rule minimum · IMG.0055`);
    expect(r.stdout).toContain('field (body) · rule json · IMG.0001');
    expect(r.stdout).toContain('ENOENT');
    expect(r.stdout).toContain(`${warned}: valid, 1 warning`);
    expect(r.stdout).toContain('5 files: 2 valid, 3 invalid');
    // --strict makes the warning an error
    const strict = await run(['validate', warned, '--strict'], { env: cleanEnv() });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain(`${warned}: invalid, 1 issue`);
    expect(ctx.sandbox.stats().jobs).toBe(before);
    const zh = await run(['validate', good, '-'], { env: cleanEnv({ LC_ALL: 'zh_CN.UTF-8' }), input: '{"name":"a"}' });
    expect(zh.code).toBe(2);
    expect(zh.stdout).toContain('共 2 个文件：1 个有效，1 个无效');
    const json = await run(['validate', good, '--json'], { env: cleanEnv() });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: 1, invalid: 0, files: [{ ok: true, warnings: expect.any(Array) }] });
  });
});

describe('os-versions', () => {
  it('prints the table to pick --os-version from, filtered by platform, or JSON', async () => {
    const r = await run(['os-versions', '--platform', 'ubuntu'], { env: ctx.tokenEnv });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^PLATFORM\s+OS_VERSION \(for --os-version\)\s+BITS\s+TYPE$/);
    expect(r.stdout).toMatch(/Ubuntu\s+Ubuntu 22\.04 server 64bit\s+64\s+Linux/);
    expect(r.stdout).not.toContain('CentOS');
    const json = await run(['os-versions', '--tag', 'uefi', '--json'], { env: ctx.akskEnv });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ platform: expect.any(String), version_list: expect.any(Array) });
  });
});

describe('sandbox', () => {
  it("starts the sandbox package's bin with the flags as given (--token reaches the sandbox) and stops on SIGTERM", async () => {
    const s = start(['sandbox', '--buckets', ctx.dir, '--port', '0', '--token', 'sandbox-token'], { env: cleanEnv() });
    await s.waitFor(/"event":"listening"/);
    // ims-sandbox prints its listening line a moment before it installs its signal handlers; a SIGTERM
    // in that moment kills it outright (seen with the bin alone too), so give it that moment.
    await new Promise((r) => setTimeout(r, 300));
    s.child.kill('SIGTERM');
    const r = await s.done;
    expect(r, JSON.stringify(r)).toMatchObject({ code: 0 });
    const listening = JSON.parse(r.stdout.split('\n').find((l) => l.includes('listening'))!);
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("passes the sandbox's own refusal and exit code through: no auth and no --open is exit 2", async () => {
    const r = await run(['sandbox', '--buckets', ctx.dir, '--port', '0'], { env: cleanEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to start with no authentication');
  });

  it('--help shows our help (both languages) with examples, then the sandbox\'s own list of flags', async () => {
    const r = await run(['--lang', 'zh-CN', 'sandbox', '--help'], { env: cleanEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('启动本地 API 沙箱');
    expect(r.stdout).toContain('示例：');
    expect(r.stdout.indexOf('Usage: ims-sandbox')).toBeGreaterThan(r.stdout.indexOf('示例：'));
  });
});

describe('--help, --version and usage errors', () => {
  it('--version prints the CLI and the spec version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^ims-quick-import \d+\.\d+\.\d+ \(spec \d+\.\d+\.\d+\)$/);
  });

  it.each(['import', 'job', 'validate', 'os-versions'])('%s --help has examples, in English and in Chinese', async (command) => {
    const en = await run([command, '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/Examples:\n {2}# .+\n {2}\$ ims-quick-import /);
    const zh = await run([command, '--help'], { env: cleanEnv({ LANG: 'zh_CN.UTF-8' }) });
    expect(zh.stdout).toMatch(/示例：\n {2}# .+\n {2}\$ ims-quick-import /);
    expect(zh.stdout).toContain('选项：');
    expect(zh.stdout).toMatch(new RegExp(`^用法： ims-quick-import ${command} \\[选项\\]`));
  });

  it('root help lists commands, credentials and exit codes', async () => {
    const r = await run(['--help']);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toMatch(/130\s+interrupted/);
    expect(r.stdout).toContain('HUAWEICLOUD_SDK_AK');
  });

  it.each([
    [['import', '--bogus'], /unknown option --bogus/, /未知选项 --bogus/],
    [['frobnicate'], /unknown command frobnicate/, /未知命令 frobnicate/],
    [['job'], /missing required argument id/, /缺少必需的参数 id/],
    [['import', '--timeout', 'soon', ...SYSTEM_FLAGS], /--timeout: "soon" is not a duration/, /--timeout：“soon”不是时长/],
    [['import', '--tag', 'novalue', ...SYSTEM_FLAGS], /--tag: "novalue" is not key=value/, /--tag：“novalue”不是 key=value 格式/],
    [['--lang', 'fr', 'import'], /--lang: "fr" is not one of en, zh-CN/, null],
  ])('%j exits 2 with a message in both languages', async (args, en, zh) => {
    const r = await run(args, { env: ctx.tokenEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(en);
    if (zh) {
      const z = await run(args, { env: { ...ctx.tokenEnv, LANG: 'zh_CN.UTF-8' } });
      expect(z.code).toBe(2);
      expect(z.stderr).toMatch(zh);
    }
  });

  it('a reader that goes away (| head -1) ends it quietly, without an EPIPE trace', async () => {
    for (let i = 0; i < 3; i++) {
      const s = start(['--help']);
      s.child.stdout!.destroy(); // the reading end is closed before the first write
      const r = await s.done;
      expect(r.stderr).not.toContain('EPIPE');
      expect(r.code).toBe(0);
    }
  });

  it('no command: help on stderr, exit 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: ims-quick-import');
  });
});
