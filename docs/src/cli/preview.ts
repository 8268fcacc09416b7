// `pnpm docs:preview` (root) / `pnpm --filter @ims-quick-import/docs preview`: serves dist/ on 127.0.0.1 and
// prints the URL. PORT picks the port (default: any free one). Stops on Ctrl-C.
import { existsSync } from 'node:fs';
import { DIST_DIR, SITE_HTML } from '../paths.js';
import { serveDirectory } from '../static-server.js';

if (!existsSync(SITE_HTML)) {
  console.error('dist/index.html does not exist yet: run `pnpm turbo run build --filter @ims-quick-import/docs` first.');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}
const server = await serveDirectory(DIST_DIR, port);
console.log(`IMS quick-import docs: ${server.url}  (also works offline as file://${SITE_HTML}; Ctrl-C stops)`);
const stop = async (): Promise<void> => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
