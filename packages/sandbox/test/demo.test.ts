// `pnpm start` runs dist/demo.js: it must come up with the demo bucket, print a working curl and client
// snippet, serve a page at /, import the demo image successfully, and stop cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { call, pollJob } from './helpers/http.js';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'demo.js');

describe('demo', () => {
  it('starts, prints copy-paste examples that work, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, [demo], { env: { ...process.env, IMS_SANDBOX_PORT: '0', IMS_SANDBOX_SPEED: '200' }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: string) => {
          out += d;
          if (out.includes("/v1/cloudimages/job/<job_id>")) resolve();
        });
        child.once('exit', (c) => reject(new Error(`demo exited ${c}: ${out}`)));
      });
      const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect(out).toContain("import { createImsClient, akskAuth } from '@ims-quick-import/client'");
      expect(out).toContain('importAndWait(');
      // Take the token and body from the printed curl command, as a user would.
      const token = /X-Auth-Token: ([^']+)'/.exec(out)![1]!;
      const payload = JSON.parse(/-d '([^']+)'/.exec(out)![1]!);
      const r = await call('importImageQuick', `${url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: { 'X-Auth-Token': token }, json: payload });
      expect(r.status).toBe(200);
      const { job } = await pollJob(url, r.body.job_id, { 'X-Auth-Token': token });
      expect(job.status).toBe('SUCCESS');
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const exit = new Promise<number | null>((r2) => child.once('exit', (c) => r2(c)));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
