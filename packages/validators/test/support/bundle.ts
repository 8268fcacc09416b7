// Test-time access to the bundle and to a reference validator: Ajv compiled from the RAW bundle with
// the discriminator as a mere annotation, i.e. plain JSON Schema `oneOf` (docs/decisions/0001).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formats from 'ajv-formats';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { extensionKeywords, rewriteRefs, RESOURCE_ID } from '../../scripts/spec-schema.mjs';

const require = createRequire(import.meta.url);
export const bundlePath: string = require.resolve('@ims-quick-import/spec/openapi.json');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const bundle: any = JSON.parse(readFileSync(bundlePath, 'utf8'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const schemas: Record<string, any> = bundle.components.schemas;

let reference: ((data: unknown) => boolean) | undefined;
/** `oneOf` semantics of the bundle's QuickImportImageRequest, discriminator ignored. */
export function referenceOneOf(body: unknown): boolean {
  if (!reference) {
    const ajv = new Ajv2020({ strict: true, allErrors: false });
    (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
    ajv.addKeyword({ keyword: 'discriminator' }); // annotation only, as OpenAPI 3.1 says
    for (const keyword of extensionKeywords(bundle.components.schemas) as Set<string>) ajv.addKeyword({ keyword });
    ajv.addSchema({ $id: RESOURCE_ID, $defs: rewriteRefs(bundle.components.schemas) });
    reference = ajv.getSchema(`${RESOURCE_ID}#/$defs/QuickImportImageRequest`)!;
  }
  return reference(body);
}
