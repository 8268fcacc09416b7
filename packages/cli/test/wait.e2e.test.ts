// --wait as people see it: a bar redrawn in place on a pseudo-terminal, Ctrl-C, and the timeout.
import { rm } from 'node:fs/promises';
import { type Sandbox, startSandbox } from '@ims-quick-import/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, lastJson, makeBuckets, printedSecrets, run, start, SYSTEM_FLAGS, TOKEN } from './helpers.js';

let dir: string;
let medium: Sandbox; // a job takes about 3 s: several frames of the bar even on a loaded machine
let slow: Sandbox; // a job takes 20 s: time to interrupt
const env = (sandbox: Sandbox, extra: Record<string, string> = {}) => cleanEnv({ IMS_ENDPOINT: sandbox.url, IMS_AUTH_TOKEN: TOKEN, ...extra });

beforeAll(async () => {
  dir = await makeBuckets();
  medium = await startSandbox({ bucketsDir: dir, port: 0, speed: 3, tokens: [TOKEN] });
  slow = await startSandbox({ bucketsDir: dir, port: 0, speed: 0.5, tokens: [TOKEN] });
});

afterAll(async () => {
  await Promise.all([medium?.close(), slow?.close()]);
  await rm(dir, { recursive: true, force: true });
  expect(printedSecrets()).toEqual([]);
});

/** Runs the bin under `script` (util-linux), so its stderr is a real pseudo-terminal. */
const underPty = (args: string[], extraEnv: Record<string, string> = {}) => {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // script gives the terminal no size when it has none itself; set one as a terminal would have.
  return run([], { command: ['script', '-qec', `stty rows 24 cols 120 2>/dev/null; exec ${quoted}`, '/dev/null'], env: env(medium, extraEnv) });
};

const ESC = '\u001b';

describe('on a terminal', () => {
  it('draws a progress bar that is redrawn in place: percent, task, elapsed and time left', async () => {
    const r = await underPty(['import', ...SYSTEM_FLAGS, '--wait', '--poll-interval', '100ms']);
    expect(r.code).toBe(0);
    const out = r.stdout; // script merges the pty's stdout and stderr
    // Each new frame erases the previous one (cursor up, erase line) instead of appending a line.
    expect(out).toContain(`${ESC}[1A`);
    expect(out).toContain(`${ESC}[2K`);
    const frames = out.split(`${ESC}[2K`).filter((f) => f.includes('█') || f.includes('░'));
    expect(frames.length).toBeGreaterThan(3);
    const percents = [...out.matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
    expect(new Set(percents).size).toBeGreaterThan(2);
    expect(out).toMatch(/running · .*(check|import|register)/);
    expect(out).toMatch(/elapsed \d+:\d\d/);
    expect(out).toMatch(/left (\d+:\d\d|--)/);
    expect(out).toMatch(/Job [0-9a-f]{32} succeeded: image \S+/);
    // colour on a terminal…
    expect(out).toContain(`${ESC}[32m`);
  });

  it('respects NO_COLOR (still redrawn in place, no colour codes) and speaks Chinese', async () => {
    const r = await underPty(['import', ...SYSTEM_FLAGS, '--wait', '--poll-interval', '100ms'], { NO_COLOR: '1', LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${ESC}[2K`);
    expect(r.stdout).not.toMatch(/\u001b\[(3\d|2|22|39)m/);
    expect(r.stdout).toMatch(/运行中 · /);
    expect(r.stdout).toMatch(/已用 \d+:\d\d/);
    expect(r.stdout).toMatch(/任务 [0-9a-f]{32} 成功：镜像 \S+/);
  });
});

describe('not on a terminal', () => {
  it('prints one line per change, no escape codes', async () => {
    const r = await run(['import', ...SYSTEM_FLAGS, '--wait', '--poll-interval', '50ms'], { env: env(medium) });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain(ESC);
    const lines = r.stderr.trim().split('\n').filter((l) => /^\[\d+:\d\d\]/.test(l));
    expect(lines.length).toBeGreaterThan(2);
    expect(new Set(lines.map((l) => l.replace(/^\[[^\]]+\] /, ''))).size).toBe(lines.length); // each line is a change
    expect(lines.at(-1)).toMatch(/succeeded 100%/);
  });
});

describe('Ctrl-C and --timeout', () => {
  it('SIGINT stops waiting, exits 130, prints the job id and the resume command; the job goes on', async () => {
    const waiting = start(['import', ...SYSTEM_FLAGS, '--wait', '--poll-interval', '200ms'], { env: env(slow) });
    await waiting.waitFor(/\[\d+:\d\d\] (queued|running)/);
    waiting.child.kill('SIGINT');
    const r = await waiting.done;
    expect(r.code).toBe(130);
    const jobId = /job ([0-9a-f]{32})/.exec(r.stdout)![1]!;
    expect(r.stderr).toContain(`Stopped waiting. The import goes on in the cloud: job ${jobId}.`);
    const resume = /Resume waiting with: (.+)/.exec(r.stderr)![1]!;
    expect(resume).toBe(`ims-quick-import job ${jobId} --wait`);

    // The job was left running in the cloud…
    const now = await run(['job', jobId, '--json'], { env: env(slow) });
    expect(now.code).toBe(0);
    expect(['INIT', 'RUNNING']).toContain(JSON.parse(now.stdout).status);

    // …and the printed command resumes waiting; with a short --timeout it gives up with exit 4.
    const resumed = await run([...resume.split(' ').slice(1), '--timeout', '1s', '--poll-interval', '200ms'], { env: env(slow) });
    expect(resumed.code).toBe(4);
    expect(resumed.stderr).toMatch(new RegExp(`Gave up waiting after 0:01; job ${jobId} goes on`));
    expect(resumed.stderr).toContain(`Resume waiting with: ims-quick-import job ${jobId} --wait`);
  });

  it('with --json, SIGINT ends the NDJSON stream with an interrupted event', async () => {
    const waiting = start(['--lang', 'zh-CN', 'import', ...SYSTEM_FLAGS, '--wait', '--json', '--poll-interval', '200ms'], { env: env(slow) });
    await waiting.waitFor(/"event":"progress"/);
    waiting.child.kill('SIGINT');
    const r = await waiting.done;
    expect(r.code).toBe(130);
    const last = lastJson(r.stdout);
    expect(last).toMatchObject({ event: 'interrupted', jobId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(last.resume).toContain(`job ${last.jobId} --wait --json --lang zh-CN`);
    expect(r.stderr).toContain(`已停止等待。导入仍在云端继续：任务 ${last.jobId}。`);
  });
});
