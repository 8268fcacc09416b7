// The published entry: the spec version the site was built from, and where the built files are, so a
// server or a test can serve the reference (e.g. `createReadStream(fileURLToPath(docsHtmlUrl))`).
export { SPEC_VERSION } from './generated/spec-version.js';

/** file: URL of the self-contained API reference page (dist/index.html). */
export const docsHtmlUrl: URL = new URL('./index.html', import.meta.url);

/** file: URL of the docs-only OpenAPI document the page renders (the bundle plus guides and code samples). */
export const docsSpecUrl: URL = new URL('./openapi.docs.json', import.meta.url);

/** file: URL of the Chinese edition (dist/zh-CN/index.html); it links to ../index.html and back. */
export const docsZhCnHtmlUrl: URL = new URL('./zh-CN/index.html', import.meta.url);
