// `pnpm start`: the sandbox on 127.0.0.1 with a demo bucket, the docs, and copy-paste examples.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoBucket } from './demo-bucket.js';
import { docsHandler, findDocs } from './demo-docs.js';
import { demoText } from './demo-text.js';
import { startSandbox } from './sandbox.js';

const DEMO = {
  token: 'demo-token',
  ak: 'DEMOACCESSKEY0000001',
  sk: 'demoSecretKey000000000000000000000000001',
  projectId: '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9',
};

async function main(): Promise<void> {
  const port = Number(process.env.IMS_SANDBOX_PORT ?? process.env.PORT ?? 8787);
  const speed = Number(process.env.IMS_SANDBOX_SPEED ?? 1);
  const root = await mkdtemp(join(tmpdir(), 'ims-sandbox-demo-'));
  const imageUrl = await createDemoBucket(root);
  const docs = findDocs();
  const sandbox = await startSandbox({
    port,
    host: '127.0.0.1',
    bucketsDir: root,
    speed,
    tokens: [DEMO.token],
    credentials: [{ ak: DEMO.ak, sk: DEMO.sk, projectId: DEMO.projectId }],
    extraHandler: docsHandler(docs),
  });
  console.log(demoText({ url: sandbox.url, imageUrl, ...DEMO, ...(docs ? { docs } : {}) }));
  const stop = async () => {
    await sandbox.close();
    await rm(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') console.error(`ims-sandbox demo: port in use; set IMS_SANDBOX_PORT to another port`);
  else console.error(`ims-sandbox demo: ${err.message}`);
  process.exit(1);
});
