// A tiny fetch wrapper for the tests: every answer is checked against the spec and must have X-Request-Id.
import { expect } from 'vitest';
import { responseErrors } from './spec.js';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  operationId: string | null,
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Answer<T>> {
  const headers = new Headers(init.headers);
  let reqBody = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    reqBody = JSON.stringify(init.json);
  }
  const res = await fetch(url, { ...init, headers, body: reqBody ?? null });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  expect(res.headers.get('x-request-id'), `X-Request-Id on ${res.status} ${url}`).toMatch(/^[0-9a-f]{32}$/);
  expect(responseErrors(operationId, res.status, body), `${operationId} ${res.status} ${text}`).toEqual([]);
  return { status: res.status, body: body as T, headers: res.headers };
}

/** Polls ShowJobProgress until the job is final, recording every status and percent seen. */
export async function pollJob(base: string, jobId: string, headers: Record<string, string>, maxPolls = 2000) {
  const seen: { status: string; percent: number | undefined; task: string | undefined }[] = [];
  for (let i = 0; i < maxPolls; i++) {
    const r = await call('showJobProgress', `${base}/v1/cloudimages/job/${jobId}`, { headers });
    expect(r.status).toBe(200);
    seen.push({ status: r.body.status, percent: r.body.entities?.process_percent, task: r.body.entities?.current_task });
    if (r.body.status === 'SUCCESS' || r.body.status === 'FAIL') return { job: r.body, seen };
    await new Promise((res) => setTimeout(res, 5));
  }
  throw new Error(`job ${jobId} did not finish within ${maxPolls} polls`);
}
