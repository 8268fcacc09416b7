// The spec bundle as the client's generation reads it, for tests that compare the client with the spec
// itself rather than with the generated modules (a value hard-coded in the client would then differ).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Server {
  url: string;
  variables?: Record<string, { default: string; enum?: string[] }>;
}

export interface SpecServers {
  /** the top-level servers entry: IMS, `{region}` in its url */
  ims: Server;
  /** GET /v3/projects' own servers entry: IAM */
  iam: Server;
}

export function specServers(): SpecServers {
  const bundle = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@ims-quick-import/spec/openapi.json')), 'utf8'));
  return { ims: bundle.servers[0], iam: bundle.paths['/v3/projects'].get.servers[0] };
}
