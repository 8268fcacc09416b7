// What the demo prints: a client snippet and curl commands that work against the running sandbox.
export interface DemoInfo {
  url: string;
  imageUrl: string;
  token: string;
  ak: string;
  sk: string;
  projectId: string;
  docs?: string;
}

export function demoText(d: DemoInfo): string {
  const body = JSON.stringify({ name: 'demo-image', os_version: 'Ubuntu 22.04 server 64bit', image_url: d.imageUrl, min_disk: 10 });
  return `ims-sandbox is running at ${d.url}  (Ctrl-C to stop)
${d.docs ? `API docs: ${d.url}/  (from ${d.docs})` : 'API docs: not built (run pnpm turbo run build)'}
Demo bucket: ${d.imageUrl.split(':')[0]} holding ${d.imageUrl.split(':')[1]} and its .mf bitmap file

── Client (save as packages/client/demo.mjs — or in any project with @ims-quick-import/client installed — and run node demo.mjs) ──
import { createImsClient, akskAuth } from '@ims-quick-import/client';

const ims = createImsClient({
  baseUrl: '${d.url}',
  auth: akskAuth({ ak: '${d.ak}', sk: '${d.sk}', projectId: '${d.projectId}' }),
});
const { jobId, imageId } = await ims.importAndWait(
  ${body.replace(/,"/g, ', "').replace(/":/g, '": ')},
  { onProgress: (p) => console.log(p.status, p.percent ?? '', p.currentTask ?? '') },
);
console.log('job', jobId, 'made image', imageId);

── curl (token auth) ────────────────────────────────────────────────────────────────
curl -si -X POST '${d.url}/v2/cloudimages/quickimport/action' \\
  -H 'X-Auth-Token: ${d.token}' -H 'Content-Type: application/json' \\
  -d '${body}'
curl -s '${d.url}/v1/cloudimages/job/<job_id>' -H 'X-Auth-Token: ${d.token}'
`;
}
